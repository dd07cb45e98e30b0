import { html, nothing } from 'lit';
import { messageOf } from './api';
import { fullDate, plural } from './format';
import { DeskSection } from './section';
import type { DeskBan } from '../contract';

/** `<desk-bans>`: who may not post, and the form to ban by email. */
export class DeskBans extends DeskSection {
  static override properties = { bans: { state: true }, formError: { state: true }, busy: { state: true } };
  bans: DeskBan[] = [];
  formError = '';
  busy = false;

  async load(): Promise<void> {
    this.bans = (await this.desk.api.bans()).bans;
  }

  async add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const reason = String(data.get('reason') ?? '').trim();
    const days = Number(data.get('days'));
    if (!email) {
      this.formError = 'Enter the email address the commenter used.';
      return;
    }
    this.busy = true;
    this.formError = '';
    try {
      const { ban } = await this.desk.api.ban({ email, ...(reason ? { reason } : {}), ...(days > 0 ? { days } : {}) });
      this.bans = [ban, ...this.bans];
      form.reset();
      this.desk.announce(`Banned ${email} ${days > 0 ? `for ${plural(days, 'day')}` : 'for good'}.`);
    } catch (err) {
      this.formError = messageOf(err);
    }
    this.busy = false;
  }

  async lift(b: DeskBan): Promise<void> {
    try {
      await this.desk.api.lift(b.id);
      this.bans = this.bans.filter((x) => x.id !== b.id);
      this.desk.announce(`Lifted the ban on ${b.email ?? 'that reader'}.`);
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>('h1')?.focus();
  }

  private row(b: DeskBan) {
    const who = b.email ? (b.byReader ? `${b.email}, and the browser that wrote their comment` : b.email) : 'The author of a comment (their browser and network, hashed)';
    return html`<li class="ban-row ${b.active ? '' : 'expired'}">
      <div>
        <p class="who">${who}</p>
        <p class="muted">
          ${b.until ? (b.active ? `Until ${fullDate(b.until)}` : `Ended ${fullDate(b.until)}`) : 'For good'} · since ${fullDate(b.createdAt)}
        </p>
        ${b.reason ? html`<p>Reason: ${b.reason}</p>` : nothing}
      </div>
      <button class="secondary" @click=${() => void this.lift(b)} aria-label="Lift the ban on ${b.email ?? `ban #${b.id}`}">Lift</button>
    </li>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Bans</h1>
      <p class="hint">A banned commenter's posts are refused with a plain “You cannot post comments here”; your reason and the end date stay with the desk. To ban the author of a comment by their browser and address, use “Ban author” on the comment.</p>
      <form class="panel ban-form" @submit=${(e: SubmitEvent) => void this.add(e)}>
        <h2>Ban by email</h2>
        <div class="fields">
          <label>Email <input type="email" name="email" autocomplete="off" required maxlength="254" aria-invalid=${this.formError ? 'true' : 'false'} /></label>
          <label>Reason, shown to them <input name="reason" maxlength="300" placeholder="Optional" /></label>
          <label>For
            <select name="days">
              <option value="1">1 day</option>
              <option value="7">7 days</option>
              <option value="30" selected>30 days</option>
              <option value="365">1 year</option>
              <option value="0">good</option>
            </select>
          </label>
        </div>
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        <div class="row"><button class="danger" ?disabled=${this.busy}>Ban</button></div>
      </form>
      <h2>Current bans</h2>
      ${this.phase === 'loading' ? html`<p class="state">Loading bans…</p>` : nothing}
      ${this.phase === 'error' ? html`<div class="state" role="alert"><p>${this.error}</p><button class="secondary" @click=${() => void this.reload()}>Try again</button></div>` : nothing}
      ${this.phase === 'ready'
        ? this.bans.length
          ? html`<ul class="rows">${this.bans.map((b) => this.row(b))}</ul>`
          : html`<p class="state">Nobody is banned.</p>`
        : nothing}`;
  }
}
