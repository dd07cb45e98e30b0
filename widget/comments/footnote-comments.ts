import { LitElement, type PropertyValues } from 'lit';
import type { Counts, Sort, Viewed } from '../../contract';
import type { Api } from '../api/client';
import type { Comment } from '../api/types';
import { isRtl, loadRest, Messages, resolveLang, wantedLang } from '../i18n';
import { articleMeta, threadKey } from '../lib/page';
import { load, save } from '../lib/storage';
import type { Shown } from './arrivals';
import { LiveController } from './live';
import { NearController } from './near';
import { ClockController, OwnController } from './own';
import { styles } from './styles';
import { insertComment, removeComment, replaceComment } from './tree';
import type { Phase } from './types';
import { threadView } from './view';
import { ThreadReader } from './reader';
import { Panels } from './panels';
import { SessionController } from './session';
import { Writer } from './writes';

export type { Panel, Phase } from './types';

/**
 * `<footnote-comments>`: the live footer ("27 views · 0 comments"), the thread and the form.
 * At load it records the view and fills the footer (one request); the live stream, the thread
 * and the form come when the element nears the viewport (`loading="eager"`: at once).
 * The theming reference (parts, custom properties, with examples) is docs/widget.md.
 *
 * @attr thread - the article's stable id; default: the canonical URL's path, else the page path
 * @attr title - the article's title, stored with the thread (default: the page title)
 * @attr url - the article's URL, stored with the thread (default: the canonical URL, else the address)
 * @attr lang - the language (en, de, fr, es, ru); default: the page's `<html lang>`, else English
 * @attr theme - `light` (default), `dark` or `auto` (follows prefers-color-scheme)
 * @attr loading - `lazy` (default): the thread loads within about one screen; `eager`: at once
 * @attr sso-token - the reader's sign-in token from the newsroom's login (property `ssoToken`); set or removed: signed in or out, no reload
 * @attr login-url - where "Sign in to comment" goes when only signed-in readers may comment
 *
 * @event footnote-counts - `detail: {views, comments}` whenever the counts change
 * @event footnote-posted - `detail: {id, parentId, status}` after the reader posted
 * @event footnote-login - "Sign in to comment" was chosen (cancel it to open your own sign-in instead of following `login-url`)
 *
 * @csspart footer, sort, notice, new-comments, thread, comment, meta, author, body, actions, action,
 *   replies, load-more, form, input, submit, error, state, badge, signed-in, login - see docs/widget.md, "Parts"
 * @cssproperty --fn-font, --fn-text, --fn-accent … - colours, font, radius, spacing: see docs/widget.md, "Custom properties"
 */
export class FootnoteComments extends LitElement {
  static override styles = styles;
  static override properties = {
    // Attributes, reflected: `el.theme = 'dark'` sets theme="dark" (the styles key on it).
    thread: { reflect: true },
    theme: { reflect: true },
    lang: { reflect: true },
    loading: { reflect: true },
    ssoToken: { attribute: 'sso-token' },
    loginUrl: { attribute: 'login-url' },
    // Internal reactive state.
    ...Object.fromEntries(
      ['counts', 'closed', 'closedAt', 'guests', 'phase', 'comments', 'next', 'incoming', 'sort', 'notice', 'arrived'].map((k) => [k, { state: true }]),
    ),
  };

  /** Set once by embed.js (widget/index.ts); tests may set another. */
  static api: Api;

  declare thread: string | null;
  declare theme: string | null;
  declare lang: string;
  declare loading: 'lazy' | 'eager' | null;
  declare ssoToken: string | null;
  declare loginUrl: string | null;

  counts: Counts | null = null;
  closed = false;
  /** When the thread closed, for "Comments closed on 3 December". */
  closedAt: string | null = null;
  /** Whether guests may comment; false: "Sign in to comment" unless signed in. */
  guests = true;
  /** `idle`: the footer only, until the element nears the viewport. */
  phase: Phase = 'idle';
  comments: Comment[] = [];
  next: string | null = null;
  /** New comments waiting behind "Show N new comments". */
  incoming: Comment[] = [];
  sort: Sort = load<Sort>('sort', 'oldest');
  notice = '';
  /** Read out when a comment joined the thread in place ("New comment by Grace"). */
  arrived = '';

  msg = new Messages('en');
  key = '';
  meta: { title?: string; url?: string } = {};
  readonly own = new OwnController(this);
  readonly writer = new Writer(this);
  readonly reader = new ThreadReader(this);
  readonly session = new SessionController(this);
  readonly panels = new Panels(this);
  protected readonly clock = new ClockController(this);
  private readonly live = new LiveController(
    this,
    { counts: (c) => this.setCounts(c), comment: (c) => this.reader.onLive(c), update: (c) => this.reader.onLive(c) },
    (since) => void this.reader.catchUp(since),
  );
  private readonly near = new NearController(this, () => void this.open());
  /** The view's answer (counts and `closed`), or null when neither it nor the thread could be read. */
  private info: Promise<Viewed | null> = Promise.resolve(null);

  get api(): Api {
    return FootnoteComments.api;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.meta = articleMeta(this);
    if (isRtl(wantedLang(this, this.lang)) || getComputedStyle(this).direction === 'rtl') this.setAttribute('dir', 'rtl');
    this.start();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') || !this.hasUpdated) void this.speak(resolveLang(this, this.lang));
    if (changed.has('ssoToken')) void this.session.use(this.ssoToken || null);
    // Another `thread` (client-side navigation): start again with that thread.
    if (changed.has('thread') && this.isConnected && this.key && threadKey(this.thread) !== this.key) this.start();
  }

  /**
   * Speaks `lang`: at once at first and while only the footer shows (its words are in
   * embed.js; `open` brings the rest), else once the rest of its catalogue is here, so the
   * thread never mixes languages or misses a word; a language that cannot be had at all
   * leaves the one spoken.
   */
  private async speak(lang: string): Promise<void> {
    const wait = this.hasUpdated && this.phase !== 'idle';
    if (wait && !(await loadRest(this.api.base, lang).then(() => true, () => false))) return;
    if (lang !== resolveLang(this, this.lang)) return;
    this.msg = new Messages(lang);
    this.requestUpdate();
  }

  /** Records this page load as a view (filling the footer), then waits to be near the viewport; also "Try again". */
  start(): void {
    this.live.stop();
    const key = (this.key = threadKey(this.thread));
    Object.assign(this, { phase: 'idle', counts: null, comments: [], incoming: [], next: null, notice: '' });
    this.panels.close();
    // Only a view the server refuses (a rate limit behind one office address) is not
    // counted; the thread's state is asked for instead.
    this.info = this.api
      .view(key, this.meta)
      .catch(() => this.api.thread(key))
      .then(
        (info) => (key === this.key && (this.setState(info), this.setCounts(info)), info),
        () => (key === this.key && (this.phase = 'error'), null),
      );
    if (this.loading === 'eager') void this.open();
    else this.near.watch();
  }

  /**
   * The element is near the viewport: listens live, then loads the thread (once the server
   * listens: nothing published after the page's read is missed; why, LiveController.open)
   * and the form; what comes live before the page is in waits for it (ThreadReader.page).
   */
  async open(): Promise<void> {
    const key = this.key;
    // Once per start: an error (the view failed) waits for "Try again".
    if (this.phase !== 'idle') return;
    this.phase = 'loading';
    try {
      // The rest of the reader's language comes with the thread (the footer's words are built
      // in); without it, or English in its place, the thread has no words: "Try again".
      const thread = this.live.open(this.api.events(key)).then(() => (key === this.key ? this.reader.page(null) : undefined));
      const [info] = await Promise.all([this.info, thread, loadRest(this.api.base, resolveLang(this, this.lang))]);
      if (key !== this.key) return;
      if (!info) throw new Error('unreachable');
      this.phase = 'ready';
    } catch {
      if (key !== this.key) return;
      this.phase = 'error';
      this.live.stop();
    }
  }

  emit(type: keyof HTMLElementEventMap, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  setCounts(c: Counts): void {
    this.counts = { views: c.views, comments: c.comments };
    this.emit('footnote-counts', this.counts);
  }

  async refreshCounts(): Promise<void> {
    const t = await this.api.thread(this.key).catch(() => null);
    if (!t) return;
    this.setState(t);
    this.setCounts(t);
  }

  /** Closed or open (and since when), and whether guests may take part. */
  setState(s: Pick<Viewed, 'closed' | 'closedAt' | 'guests'>): void {
    this.closed = s.closed;
    this.closedAt = s.closedAt;
    this.guests = s.guests;
  }

  /** Another sort, remembered for next time. */
  async changeSort(sort: Sort): Promise<void> {
    this.sort = sort;
    save('sort', sort);
    await this.reader.page(null).catch((err: unknown) => this.say(this.writer.errorText(err)));
  }

  /** Cleared first, so that the same sentence twice ("New comment by Grace") is read out twice. */
  async announce(text: string): Promise<void> {
    this.arrived = '';
    await this.updateComplete;
    this.arrived = text;
  }

  /** What is shown changes: the comments, those waiting, and (from a page) the next page's cursor. */
  show(s: Shown, next = this.next): void {
    this.comments = s.comments;
    this.incoming = s.incoming;
    this.next = next;
  }

  /** The reader's own comment, just posted: shown at once (the stream may bring it too; it is not "new" to them). */
  add(c: Comment): void {
    this.show({ comments: insertComment(this.comments, c, this.sort === 'newest'), incoming: this.incoming.filter((x) => x.id !== c.id) });
  }

  change(c: Comment): void {
    this.comments = replaceComment(this.comments, c);
  }

  drop(id: number): void {
    this.comments = removeComment(this.comments, id);
  }

  say(notice: string): void {
    this.notice = notice;
  }

  $ = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);

  override render() {
    return threadView(this);
  }
}
