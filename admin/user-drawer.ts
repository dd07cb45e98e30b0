import { html, LitElement } from 'lit';
import { messageOf } from './api';
import { ago, fullDate, plural } from './format';
import type { Desk } from './types';
import type { CommentStatus, DeskUserPage } from '../contract';

const STATUSES: CommentStatus[] = ['published', 'pending', 'rejected', 'spam', 'deleted'];

/**
 * `<desk-user>`: the commenter drawer (docs/sso.md, "The commenter view"). Opened from a
 * signed-in commenter's name in the queue: who they are, their comments by status, counts and
 * rejection rate, the desk's note, "always pre-moderate", and a ban on every device. A native
 * modal `<dialog>`: focus stays inside, Escape closes it, focus returns to the name.
 */
export class DeskUser extends LitElement {
  static override properties = {
    desk: { attribute: false },
    page: { state: true },
    error: { state: true },
    filter: { state: true },
    busy: { state: true },
  };
  declare desk: Desk;
  page: DeskUserPage | null = null;
  error = '';
  filter: CommentStatus | '' = '';
  busy = false;
  private opener: HTMLElement | null = null;

  protected override createRenderRoot() {
    return this;
  }

  private get dialog() {
    return this.querySelector('dialog');
  }

  async open(authorId: string): Promise<void> {
    this.opener = document.activeElement as HTMLElement | null;
    this.page = null;
    this.error = '';
    this.filter = '';
    await this.updateComplete;
    this.dialog?.showModal();
    await this.load(authorId);
  }

  private async load(authorId: string): Promise<void> {
    try {
      this.page = await this.desk.api.user(authorId);
    } catch (err) {
      this.error = messageOf(err);
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>('dialog h2')?.focus();
  }

  private close(): void {
    this.dialog?.close();
  }

  private readonly closed = () => this.opener?.focus();

  private async save(patch: { premod?: boolean; note?: string | null }, said: string): Promise<void> {
    if (!this.page) return;
    this.busy = true;
    try {
      this.page = await this.desk.api.saveUser(this.page.user.authorId, patch);
      this.desk.announce(said);
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
    this.busy = false;
  }

  private async ban(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (!this.page) return;
    const days = Number(new FormData(e.target as HTMLFormElement).get('days'));
    const { user } = this.page;
    try {
      await this.desk.api.ban({ authorId: user.authorId, ...(days > 0 ? { days } : {}) });
      this.desk.announce(`Banned ${user.username} on every device ${days > 0 ? `for ${plural(days, 'day')}` : 'for good'}.`);
      await this.load(user.authorId);
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
  }

  private body(p: DeskUserPage) {
    const u = p.user;
    const shown = this.filter ? p.comments.filter((c) => c.status === this.filter) : p.comments;
    return html`<h2 tabindex="-1" id="user-title">${u.username}</h2>
      <p class="muted">${u.role}${u.badges.length ? ` · ${u.badges.join(', ')}` : ''} · newsroom id ${u.ssoId}${u.email ? ` · ${u.email}` : ''}</p>
      <p class="muted">First seen ${fullDate(u.firstSeen)} · last seen ${ago(u.lastSeen)}</p>
      <dl class="user-counts">
        ${STATUSES.map((s) => html`<div><dt>${s}</dt><dd>${u.counts[s]}</dd></div>`)}
        <div><dt>rejection rate</dt><dd>${u.rejectionRate === null ? '—' : `${Math.round(u.rejectionRate * 100)}%`}</dd></div>
      </dl>
      <label class="check"><input type="checkbox" .checked=${u.premod} ?disabled=${this.busy}
        @change=${(e: Event) => void this.save({ premod: (e.target as HTMLInputElement).checked }, (e.target as HTMLInputElement).checked ? `Every comment of ${u.username} now waits for review.` : `${u.username} is no longer pre-moderated.`)} />
        Always pre-moderate (hold every comment of theirs for review)</label>
      <form class="user-note" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this.save({ note: String(new FormData(e.target as HTMLFormElement).get('note') ?? '') }, 'Note saved.');
      }}>
        <label>Note, for the desk only <textarea name="note" maxlength="2000" .value=${u.note ?? ''}></textarea></label>
        <button class="secondary" ?disabled=${this.busy}>Save note</button>
      </form>
      ${u.ban
        ? html`<p><strong>Banned</strong> ${u.ban.until ? `until ${fullDate(u.ban.until)}` : 'for good'}${u.ban.reason ? ` (${u.ban.reason})` : ''}.</p>`
        : html`<form class="row" aria-label="Ban ${u.username}" @submit=${(e: SubmitEvent) => void this.ban(e)}>
            <label>Ban on every device for
              <select name="days"><option value="7">7 days</option><option value="30">30 days</option><option value="0">good</option></select></label>
            <button class="danger">Ban</button>
          </form>`}
      <h3>Comments</h3>
      <label>Show <select @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as CommentStatus | '')}>
        <option value="">every status (${p.comments.length})</option>
        ${STATUSES.map((s) => html`<option value=${s}>${s} (${p.comments.filter((c) => c.status === s).length})</option>`)}
      </select></label>
      <ol class="rows user-comments">
        ${shown.map(
          (c) => html`<li>
            <p><span class="tag status-${c.status}">${c.status}</span> on ${c.thread.title || c.thread.key} ·
              <time datetime=${c.createdAt} title=${fullDate(c.createdAt)}>${ago(c.createdAt)}</time></p>
            <div class="text">${c.body}</div>
          </li>`,
        )}
      </ol>`;
  }

  override render() {
    return html`<dialog class="drawer" aria-labelledby="user-title" @close=${this.closed}>
      <button class="link close" @click=${() => this.close()}>Close</button>
      ${this.error
        ? html`<h2 tabindex="-1" id="user-title">Commenter</h2><p role="alert">${this.error}</p>`
        : this.page
          ? this.body(this.page)
          : html`<h2 tabindex="-1" id="user-title">Commenter</h2><p class="state">Loading…</p>`}
    </dialog>`;
  }
}
