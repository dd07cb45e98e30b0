import { Api, ApiError } from '../api/client';
import type { Counts, ReportReason, Sort } from '../../contract';
import type { Comment } from '../api/types';
import { isRtl, Messages, resolveLang, wantedLang } from '../i18n';
import { attributeProperties, FootnoteElement } from '../lib/element';
import { load, save } from '../lib/storage';
import { LiveStream } from './live';
import { ownComments } from './own';
import { styles } from './styles';
import { findComment, insertComment, removeComment, replaceComment, walk } from './tree';
import type { Panel } from './types';
import { threadView } from './view';

export type { Panel } from './types';

/**
 * `<footnote-comments>`: the live footer ("27 views · 0 comments"), the thread and the form.
 * The whole theming reference (with examples) is docs/widget.md.
 *
 * @attr thread - the article's stable id; default: the canonical URL's path, else the page path
 * @attr title - the article's title, stored with the thread (default: the page title)
 * @attr url - the article's URL, stored with the thread (default: the canonical URL, else the address)
 * @attr lang - the language (en, de, fr, es, ru); default: the page's `<html lang>`, else English
 * @attr theme - `light` (default), `dark` or `auto` (follows prefers-color-scheme)
 *
 * @event footnote-counts - `detail: {views, comments}` whenever the counts change
 * @event footnote-posted - `detail: {id, parentId, status}` after the reader posted
 *
 * @csspart footer - the counts line ("27 views · 3 comments")
 * @csspart sort - the sort select
 * @csspart notice - the status line ("Your comment was posted.")
 * @csspart new-comments - the "Show N new comments" button
 * @csspart thread - the list of top-level comments
 * @csspart comment - one comment (with its replies)
 * @csspart meta - a comment's line of author, time and labels
 * @csspart author - the author's name
 * @csspart body - the comment's text
 * @csspart actions - the row of buttons under a comment
 * @csspart action - one of them (Recommend, Reply, Edit, Delete, Report)
 * @csspart replies - the list of replies under a comment
 * @csspart load-more - the "Load more comments" button
 * @csspart form - every form (new comment, reply, edit, report)
 * @csspart input - the name field and the text areas
 * @csspart submit - a form's main button
 * @csspart error - an error under a form
 * @csspart state - the loading, empty, closed and unreachable messages
 *
 * @cssproperty --fn-font - font family (default: the page's)
 * @cssproperty --fn-font-size - base font size (default: the page's)
 * @cssproperty --fn-text - text colour (default: the page's; dark: #e8eaed)
 * @cssproperty --fn-muted - secondary text: times, hints, the footer
 * @cssproperty --fn-bg - background (default: transparent; dark: #16181d)
 * @cssproperty --fn-surface - forms, notices, code
 * @cssproperty --fn-field-bg - text fields and the select
 * @cssproperty --fn-border - dividers between comments and reply lines
 * @cssproperty --fn-field-border - borders of fields
 * @cssproperty --fn-accent - links, buttons, focus rings
 * @cssproperty --fn-accent-text - text on an accent background
 * @cssproperty --fn-error - error messages
 * @cssproperty --fn-radius - corner radius
 * @cssproperty --fn-gap - the main spacing unit
 * @cssproperty --fn-indent - indentation of each reply level
 */
export class FootnoteComments extends FootnoteElement {
  static override css = styles;
  static observedAttributes = ['thread'];

  static api: Api;

  declare thread: string | null;
  declare theme: string | null;


  key = '';
  msg = new Messages('en');
  counts: Counts | null = null;
  comments: Comment[] = [];
  next: string | null = null;
  phase: 'loading' | 'ready' | 'error' = 'loading';
  closed = false;
  sort: Sort = load<Sort>('sort', 'oldest');
  replyTo: number | null = null;
  editing: number | null = null;
  confirming: number | null = null;
  reporting: number | null = null;
  busy = false;
  formError = '';
  /** The comment id whose form shows `formError` (0: the main form). */
  formErrorFor = 0;
  notice = '';
  incoming: Comment[] = [];
  reacted: number[] = load<number[]>('reacted', []);
  name = load('name', '');
  private shownAt = Date.now();
  private live: LiveStream | null = null;
  private clock = 0;
  private meta: { title?: string; url?: string } = {};

  /** Changes state and re-renders. */
  set(patch: Partial<Pick<FootnoteComments, Panel | 'formError' | 'notice'>>): void {
    Object.assign(this, patch);
    this.requestUpdate();
  }

  /** Another `thread` (client-side navigation): start again with that thread. */
  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    if (this.isConnected && this.key && old !== value) {
      this.disconnectedCallback();
      this.comments = [];
      this.incoming = [];
      this.counts = null;
      this.connectedCallback();
    }
  }

  private get api(): Api {
    return FootnoteComments.api;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
    this.key = this.thread || (canonical ? new URL(canonical).pathname : location.pathname);
    // `title` is read once and removed so the browser does not show it as a tooltip.
    const title = this.getAttribute('title') || document.title;
    this.removeAttribute('title');
    this.meta = { title: title.slice(0, 300), url: (this.getAttribute('url') || canonical || location.href).slice(0, 2048) };
    const lang = this.getAttribute('lang');
    this.msg = new Messages(resolveLang(this, lang));
    if (isRtl(wantedLang(this, lang)) || getComputedStyle(this).direction === 'rtl') this.setAttribute('dir', 'rtl');
    // Relative times ("3 minutes ago") and the edit window move on while the page is open.
    this.clock = window.setInterval(() => document.hidden || this.set({}), 30_000);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    this.live?.stop();
    this.live = null;
  }

  private emit(type: keyof HTMLElementEventMap, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private setCounts(c: Counts): void {
    this.counts = { views: c.views, comments: c.comments };
    this.emit('footnote-counts', this.counts);
    this.set({});
  }

  /** Records this page load as a view, loads the thread, then listens for live changes. */
  async start(): Promise<void> {
    const key = this.key;
    this.phase = 'loading';
    this.set({});
    try {
      // The view's answer carries the counts and whether the thread is closed: one request
      // besides the comments. Only a view the server refuses (a rate limit behind one office
      // address) is not counted, and then the thread's state is asked for instead.
      const [viewed] = await Promise.all([this.api.view(this.key, this.meta).catch(() => null), this.loadPage(null)]);
      const info = viewed ?? (await this.api.thread(this.key));
      // Client-side navigation changed the thread while this one loaded: its start() owns it now.
      if (key !== this.key) return;
      this.closed = info.closed;
      this.phase = 'ready';
      this.setCounts(info);
    } catch {
      if (key !== this.key) return;
      this.phase = 'error';
      this.set({});
    }
    if (this.phase === 'ready' && !this.live) {
      this.live = new LiveStream(
        this.api.events(this.key),
        {
          counts: (d) => this.setCounts(d as Counts),
          comment: (d) => this.onLive(d as Comment),
          update: (d) => this.onLive(d as Comment),
        },
        (since) => void this.catchUp(since),
      );
    }
  }

  private async refreshCounts(): Promise<void> {
    const t = await this.api.thread(this.key).catch(() => null);
    if (!t) return;
    this.closed = t.closed;
    this.setCounts(t);
  }

  /**
   * After the stream was closed (page hidden, network lost): the newest comments since then
   * join the "new comments" button, edits and deletions apply in place. The server sends the
   * counts itself on every connection.
   */
  private async catchUp(since: number): Promise<void> {
    const page = await this.api.list(this.key, 'newest', null).catch(() => null);
    // A minute of slack for the clocks of reader and server; ids already shown are skipped.
    for (const c of walk(page?.comments ?? [])) {
      if (findComment(this.comments, c.id) || Date.parse(c.createdAt) > since - 60_000) this.onLive({ ...c, status: 'published' });
    }
  }

  /** Loads the first page (`cursor` null, replacing the thread) or the next one. */
  private async loadPage(cursor: string | null): Promise<void> {
    const key = this.key;
    const page = await this.api.list(key, this.sort, cursor);
    // The page moved to another thread while this one loaded: its answer is stale.
    if (key !== this.key) return;
    let list = cursor ? [...this.comments, ...page.comments.filter((c) => !findComment(this.comments, c.id))] : page.comments;
    // Own comments still held for review are shown, marked, on the device that posted them.
    for (const p of ownComments.pending(this.key)) {
      if (!findComment(list, p.id)) list = insertComment(list, { ...p, replies: [] }, this.sort === 'newest');
    }
    this.comments = list;
    this.next = page.next;
  }

  async loadMore(): Promise<void> {
    const before = this.comments.length;
    try {
      await this.loadPage(this.next);
    } catch (err) {
      this.notice = this.errorText(err);
    }
    this.set({});
    await this.updateComplete;
    this.focusOn(this.comments[before]?.id);
  }

  /** A live `comment` or `update`: changes in place, new comments wait behind a button. */
  private onLive(c: Comment): void {
    const shown = findComment(this.comments, c.id);
    if (c.status !== 'published' || c.deleted) {
      this.incoming = this.incoming.filter((x) => x.id !== c.id);
      if (shown && shown.status !== 'pending') this.comments = removeComment(this.comments, c.id);
    } else if (shown) {
      if (shown.status === 'pending') ownComments.forget(c.id);
      this.comments = replaceComment(this.comments, { ...c, status: 'published' });
    } else if (!this.incoming.some((x) => x.id === c.id) && (c.parentId === null || this.incoming.some((x) => x.id === c.parentId) || findComment(this.comments, c.parentId))) {
      // New comments wait behind a button so the page never moves under the reader's eyes.
      this.incoming = [...this.incoming, { ...c, replies: [] }];
    }
    this.set({});
  }

  async showIncoming(): Promise<void> {
    const first = this.incoming[0];
    for (const c of this.incoming) this.comments = insertComment(this.comments, c, this.sort === 'newest');
    this.incoming = [];
    this.set({ notice: '' });
    await this.updateComplete;
    this.focusOn(first?.id);
  }

  async changeSort(e: Event): Promise<void> {
    this.sort = (e.target as HTMLSelectElement).value as Sort;
    save('sort', this.sort);
    this.incoming = [];
    await this.loadPage(null).catch((err: unknown) => (this.notice = this.errorText(err)));
    this.set({});
  }

  /**
   * Opens a panel under comment `id` (closing any other) and moves focus into it; closing it
   * gives focus back to the comment.
   */
  toggle(kind: Panel, id: number): void {
    const opening = this[kind] !== id;
    this.set({ replyTo: null, editing: null, confirming: null, reporting: null, formError: '', [kind]: opening ? id : null });
    if (kind === 'replyTo') this.shownAt = Date.now();
    void this.updateComplete.then(() => {
      if (!opening) return this.focusOn(id);
      // Into the reply's text, or its name field while the reader has not given one yet.
      this.$(`#c${id} > .panel ${kind === 'replyTo' && !this.name.trim() ? 'input' : '[data-focus]'}`)?.focus();
    });
  }

  readonly submitOnCtrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.target as HTMLTextAreaElement).form?.requestSubmit();
  };

  /** Shows an error under the form of `at` (0: the main form) and focuses `field` if given. */
  private fail(at: number, text: string, field?: HTMLElement | null): void {
    this.busy = false;
    this.formErrorFor = at;
    this.set({ formError: text });
    field?.focus();
  }

  async submit(e: SubmitEvent, parent?: Comment): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const [author, body] = [form.elements.namedItem('author'), form.elements.namedItem('body')] as [HTMLInputElement, HTMLTextAreaElement];
    const at = parent?.id ?? 0;
    if (!author.value.trim()) return this.fail(at, this.msg.t('needName'), author);
    if (!body.value.trim()) return this.fail(at, this.msg.t('needBody'), body);
    this.busy = true;
    this.set({ formError: '', notice: '' });
    try {
      const res = await this.api.post(this.key, {
        author: author.value,
        body: body.value,
        parentId: parent?.id ?? null,
        website: (form.elements.namedItem('website') as HTMLInputElement).value,
        elapsedMs: Date.now() - this.shownAt,
        ...this.meta,
      });
      const c = { ...res.comment, replies: [] };
      save('name', this.name);
      ownComments.remember(c.id, { token: res.editToken, at: Date.now(), thread: this.key, ...(c.status === 'pending' ? { pending: c } : {}) });
      this.comments = insertComment(this.comments, c, this.sort === 'newest');
      // The live stream may have brought it first: it is not "new" to its author.
      this.incoming = this.incoming.filter((x) => x.id !== c.id);
      body.value = '';
      this.busy = false;
      this.replyTo = null;
      this.shownAt = Date.now();
      this.set({ notice: this.msg.t(c.status === 'pending' ? 'pending' : 'posted') });
      this.emit('footnote-posted', { id: c.id, parentId: c.parentId, status: c.status });
      await this.updateComplete;
      this.focusOn(c.id);
      // The server's counts after this comment (not a local +1, which a live event may have
      // brought already), from the post's own answer: no second request.
      this.setCounts(res.counts);
    } catch (err) {
      this.fail(at, this.errorText(err));
    }
  }

  async saveEdit(e: SubmitEvent, c: Comment): Promise<void> {
    e.preventDefault();
    const field = (e.target as HTMLFormElement).elements.namedItem('body') as HTMLTextAreaElement;
    if (!field.value.trim()) return this.fail(c.id, this.msg.t('needBody'), field);
    this.busy = true;
    try {
      const own = ownComments.get(c.id);
      const res = await this.api.edit(c.id, field.value, own?.token ?? '');
      const edited = { ...res.comment, replies: [] };
      // A comment still held for review is shown from this browser's copy: keep it current.
      if (own?.pending) ownComments.remember(c.id, { ...own, pending: edited });
      this.comments = replaceComment(this.comments, edited);
      this.busy = false;
      this.set({ editing: null, formError: '' });
      await this.updateComplete;
      this.focusOn(c.id);
    } catch (err) {
      this.fail(c.id, this.errorText(err), field);
    }
  }

  async removeOwn(c: Comment): Promise<void> {
    try {
      await this.api.remove(c.id, ownComments.get(c.id)?.token ?? '');
      ownComments.forget(c.id);
      this.comments = removeComment(this.comments, c.id);
      this.set({ confirming: null, notice: this.msg.t('deleted') });
      await this.updateComplete;
      // The placeholder when replies keep it in place, else the thread's heading.
      (this.$(`#c${c.id}`) ?? this.$('h2'))?.focus();
      await this.refreshCounts();
    } catch (err) {
      this.set({ confirming: null, notice: this.errorText(err) });
    }
  }

  async react(c: Comment): Promise<void> {
    try {
      const r = await this.api.react(c.id, !this.reacted.includes(c.id));
      const others = this.reacted.filter((id) => id !== c.id);
      this.reacted = r.reacted ? [...others, c.id] : others;
      save('reacted', this.reacted.slice(-500));
      this.comments = replaceComment(this.comments, { ...c, reactions: r.reactions });
      this.set({});
    } catch (err) {
      this.set({ notice: this.errorText(err) });
    }
  }

  async sendReport(e: SubmitEvent, c: Comment): Promise<void> {
    e.preventDefault();
    // The form's select offers exactly the contract's reasons (and the server checks again).
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason')) as ReportReason;
    const text = await this.api.report(c.id, reason).then(
      () => this.msg.t('reported'),
      (err: unknown) => this.errorText(err),
    );
    this.set({ reporting: null, notice: text });
    await this.updateComplete;
    this.focusOn(c.id);
  }

  private $ = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);

  private focusOn(id: number | undefined): void {
    if (id !== undefined) this.$(`#c${id}`)?.focus();
  }

  /** The server's own sentence, or a polite one when it cannot be reached. */
  errorText(err: unknown): string {
    if (err instanceof ApiError && err.message) return err.message;
    return this.msg.t(err instanceof ApiError && err.status === 0 ? 'unreachable' : 'failed');
  }

  override render() {
    return threadView(this);
  }
}

attributeProperties(FootnoteComments, ['thread', 'theme']);
