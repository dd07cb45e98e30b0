import { html, LitElement, nothing } from 'lit';
import { Api, ApiError } from '../api/client';
import type { Comment, Counts } from '../api/types';
import { Messages, resolveLang } from '../i18n';
import { load, save } from '../lib/storage';
import { commentForm, confirmDelete, editForm, reportForm } from './forms';
import { LiveStream } from './live';
import { ownComments } from './own';
import { renderComment } from './render';
import { styles } from './styles';
import { findComment, insertComment, removeComment, replaceComment, walk } from './tree';

type Sort = 'oldest' | 'newest' | 'top';

/**
 * `<footnote-comments>`: the live footer ("27 views · 0 comments"), the thread and the form.
 *
 * @attr thread - the article's stable id; default: the canonical URL's path, else the page path
 * @attr title - the article's title, stored with the thread
 * @attr url - the article's URL, stored with the thread
 * @attr lang - the language; default: the page's `<html lang>`, else English
 * @attr theme - `light` (default), `dark` or `auto` (follows prefers-color-scheme)
 * @csspart footer - the counts line
 * @csspart comment - one comment; @csspart author, body, actions - its pieces
 * @csspart replies - the list of replies under a comment
 * @csspart form - the comment form; @csspart submit - its button; @csspart error - its error line
 * @cssproperty --fn-accent - buttons and links; see docs/theming.md for the whole list
 */
export class FootnoteComments extends LitElement {
  static override styles = styles;
  static override properties = {
    thread: {},
    lang: {},
    theme: { reflect: true },
    s: { state: true },
  };

  static api: Api;

  declare thread: string | null;
  declare theme: string | null;
  /** Bumped to re-render after a state change made through `set`. */
  declare s: number;

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
  private meta: { title?: string; url?: string } = {};

  /** Changes state and re-renders. */
  set(patch: Partial<Pick<FootnoteComments, 'editing' | 'confirming' | 'reporting' | 'replyTo' | 'formError' | 'notice'>>): void {
    Object.assign(this, patch);
    this.s = (this.s || 0) + 1;
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
    this.msg = new Messages(resolveLang(this, this.getAttribute('lang')));
    if (this.msg.rtl) this.setAttribute('dir', 'rtl');
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.stop();
    this.live = null;
  }

  /** Records this page load as a view, loads the thread, then listens for live changes. */
  async start(): Promise<void> {
    this.phase = 'loading';
    this.set({});
    try {
      const [counts, info] = await Promise.all([this.api.view(this.key, this.meta), this.api.thread(this.key), this.loadPage(null)]);
      this.counts = counts;
      this.closed = info.closed;
      this.phase = 'ready';
    } catch {
      this.phase = 'error';
    }
    this.set({});
    if (this.phase === 'ready' && !this.live) {
      this.live = new LiveStream(
        this.api.events(this.key),
        {
          counts: (d) => {
            this.counts = d as Counts;
            this.set({});
          },
          comment: (d) => this.onLive(d as Comment),
          update: (d) => this.onLive(d as Comment),
        },
        () => void this.refreshCounts(),
      );
    }
  }

  private async refreshCounts(): Promise<void> {
    const t = await this.api.thread(this.key).catch(() => null);
    if (!t) return;
    this.counts = { views: t.views, comments: t.comments };
    this.closed = t.closed;
    this.set({});
  }

  /** Loads the first page (`cursor` null, replacing the thread) or the next one. */
  private async loadPage(cursor: string | null): Promise<void> {
    const page = await this.api.list(this.key, this.sort, cursor);
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
    this.focusComment(this.comments[before]?.id);
  }

  private onLive(c: Comment): void {
    const shown = findComment(this.comments, c.id);
    if (c.status !== 'published' || c.deleted) {
      if (shown && shown.status !== 'pending') this.comments = removeComment(this.comments, c.id);
    } else if (shown) {
      if (shown.status === 'pending') ownComments.forget(c.id);
      this.comments = replaceComment(this.comments, { ...c, status: 'published' });
    } else if (!this.incoming.some((x) => x.id === c.id)) {
      // New comments wait behind a button so the page never moves under the reader's eyes.
      this.incoming = [...this.incoming, { ...c, replies: [] }];
    }
    this.set({});
  }

  async showIncoming(): Promise<void> {
    const first = this.incoming[0];
    for (const c of this.incoming) this.comments = insertComment(this.comments, c, this.sort === 'newest');
    this.incoming = [];
    this.set({});
    await this.updateComplete;
    this.focusComment(first?.id);
  }

  async changeSort(e: Event): Promise<void> {
    this.sort = (e.target as HTMLSelectElement).value as Sort;
    save('sort', this.sort);
    await this.loadPage(null).catch((err: unknown) => (this.notice = this.errorText(err)));
    this.set({});
  }

  openReply(id: number): void {
    this.set({ replyTo: this.replyTo === id ? null : id, formError: '' });
    this.shownAt = Date.now();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>(`#c${id} form textarea`)?.focus());
  }

  closeReply(id: number): void {
    this.set({ replyTo: null, formError: '' });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#c${id}`)?.focus());
  }

  readonly submitOnCtrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.target as HTMLTextAreaElement).form?.requestSubmit();
  };

  async submit(e: SubmitEvent, parent?: Comment): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.set({ formError: '' });
    try {
      const res = await this.api.post(this.key, {
        author: String(data.get('author') ?? ''),
        body: String(data.get('body') ?? ''),
        parentId: parent?.id ?? null,
        website: String(data.get('website') ?? ''),
        elapsedMs: Date.now() - this.shownAt,
        ...this.meta,
      });
      const c = { ...res.comment, replies: [] };
      save('name', this.name);
      ownComments.remember(c.id, { token: res.editToken, at: Date.now(), thread: this.key, ...(c.status === 'pending' ? { pending: c } : {}) });
      this.comments = insertComment(this.comments, c, this.sort === 'newest');
      // The server's count, not a local +1: a live event may already have brought it.
      await this.refreshCounts();
      form.reset();
      this.replyTo = null;
      this.notice = this.msg.t(c.status === 'pending' ? 'pending' : 'posted');
      this.shownAt = Date.now();
      this.busy = false;
      this.set({});
      await this.updateComplete;
      this.focusComment(c.id);
    } catch (err) {
      this.busy = false;
      this.set({ formError: this.errorText(err) });
      this.formErrorFor = parent?.id ?? 0;
    }
  }

  async saveEdit(e: SubmitEvent, c: Comment): Promise<void> {
    e.preventDefault();
    const body = String(new FormData(e.target as HTMLFormElement).get('body') ?? '');
    const token = ownComments.get(c.id)?.token ?? '';
    try {
      const res = await this.api.edit(c.id, body, token);
      this.comments = replaceComment(this.comments, { ...res.comment, replies: [] });
      this.set({ editing: null, formError: '' });
      await this.updateComplete;
      this.focusComment(c.id);
    } catch (err) {
      this.formErrorFor = c.id;
      this.set({ formError: this.errorText(err) });
    }
  }

  async removeOwn(c: Comment): Promise<void> {
    try {
      await this.api.remove(c.id, ownComments.get(c.id)?.token ?? '');
      ownComments.forget(c.id);
      this.comments = removeComment(this.comments, c.id);
      await this.refreshCounts();
      this.set({ confirming: null, notice: this.msg.t('deleted') });
    } catch (err) {
      this.set({ confirming: null, notice: this.errorText(err) });
    }
  }

  async react(c: Comment): Promise<void> {
    try {
      const r = await this.api.react(c.id);
      this.reacted = r.reacted ? [...this.reacted, c.id] : this.reacted.filter((id) => id !== c.id);
      save('reacted', this.reacted.slice(-500));
      this.comments = replaceComment(this.comments, { ...c, reactions: r.reactions });
      this.set({});
    } catch (err) {
      this.set({ notice: this.errorText(err) });
    }
  }

  async sendReport(e: SubmitEvent, c: Comment): Promise<void> {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason'));
    const text = await this.api.report(c.id, reason).then(
      () => this.msg.t('reported'),
      (err: unknown) => this.errorText(err),
    );
    this.set({ reporting: null, notice: text });
  }

  private focusComment(id: number | undefined): void {
    if (id !== undefined) this.renderRoot.querySelector<HTMLElement>(`#c${id}`)?.focus();
  }

  /** The server's own sentence, or a polite one when it cannot be reached. */
  errorText(err: unknown): string {
    if (err instanceof ApiError && err.message) return err.message;
    return this.msg.t(err instanceof ApiError && err.status === 0 ? 'unreachable' : 'failed');
  }

  form = (parent?: Comment) => commentForm(this, parent);
  editForm = (c: Comment) => editForm(this, c);
  confirmDelete = (c: Comment) => confirmDelete(this, c);
  reportForm = (c: Comment) => reportForm(this, c);

  override render() {
    const m = this.msg;
    const counts = this.counts;
    const visible = [...walk(this.comments)].some((c) => !c.deleted);
    return html`<section aria-label=${m.t('region')} part="root">
      <p class="footer" part="footer">${counts ? `${m.n('views', counts.views)} · ${m.n('comments', counts.comments)}` : m.t('loading')}</p>
      <div class="sr" role="status" aria-live="polite">${this.notice}</div>
      ${this.phase === 'loading' ? html`<p class="state">${m.t('loading')}</p>` : nothing}
      ${this.phase === 'error'
        ? html`<div class="state" role="alert"><p class="note">${m.t('unreachable')}</p><button class="secondary" @click=${() => void this.start()}>${m.t('retry')}</button></div>`
        : nothing}
      ${this.phase === 'ready'
        ? html`<div class="bar">
              <h2>${counts ? m.n('comments', counts.comments) : m.t('region')}</h2>
              <label>${m.t('sort')}
                <select @change=${this.changeSort}>
                  ${(['oldest', 'newest', 'top'] as const).map((s) => html`<option value=${s} ?selected=${this.sort === s}>${m.t(s)}</option>`)}
                </select>
              </label>
            </div>
            ${this.incoming.length ? html`<button class="secondary" @click=${this.showIncoming}>${m.n('newComments', this.incoming.length)}</button>` : nothing}
            ${this.notice ? html`<p class="note" part="notice">${this.notice}</p>` : nothing}
            ${visible ? html`<ol part="thread">${this.comments.map((c) => renderComment(this, c, 0))}</ol>` : html`<p class="state">${m.t('empty')}</p>`}
            ${this.next ? html`<button class="secondary" @click=${this.loadMore}>${m.t('loadMore')}</button>` : nothing}
            ${this.closed ? html`<p class="state" role="note">${m.t('closed')}</p>` : this.replyTo === null ? this.form() : nothing}`
        : nothing}
    </section>`;
  }
}
