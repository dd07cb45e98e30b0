import { html, nothing } from 'lit';
import { ago, fullDate, mailtoHref, plural } from './format';
import type { DeskQueue } from './queue';
import type { DeskComment } from '../contract';

/** Only http(s) links: a thread's url comes from the article page, which anyone can claim. */
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

const REASONS: Record<string, string> = { spam: 'spam', abuse: 'abuse', 'off-topic': 'off-topic', other: 'other' };

function reports(c: DeskComment) {
  if (c.reports === 0) return nothing;
  const reasons = Object.entries(c.reportReasons).map(([r, n]) => `${REASONS[r] ?? r} ${n}`).join(', ');
  return html`<div class="reports ${c.reportsReviewed ? 'reviewed' : ''}">
    <p>Reported ${plural(c.reports, 'time')}${reasons ? `: ${reasons}` : ''}${c.reportsReviewed ? ' (reviewed)' : ''}</p>
    ${c.reportNotes.length ? html`<ul>${c.reportNotes.map((n) => html`<li>“${n}”</li>`)}</ul>` : nothing}
  </div>`;
}

function tags(q: DeskQueue, c: DeskComment) {
  const status = q.status === 'reported' || c.status !== q.status;
  return html`${status ? html`<span class="tag status-${c.status}">${c.status}</span>` : nothing}
    ${c.featured ? html`<span class="tag featured">featured</span>` : nothing}
    ${c.parentId ? html`<span class="tag">reply to #${c.parentId}</span>` : nothing}
    ${c.editedAt ? html`<span class="tag" title=${fullDate(c.editedAt)}>edited</span>` : nothing}`;
}

function confirmDelete(q: DeskQueue, c: DeskComment) {
  return html`<div class="step confirm" role="group" aria-label="Confirm deletion">
    <p>Delete this comment for good? It cannot be undone. If it has replies, they stay under a “deleted” placeholder.</p>
    <div class="row">
      <button class="danger" @click=${() => void q.erase(c)}>Delete for good</button>
      <button class="secondary" data-autofocus @click=${() => void q.step('confirming', null)}>Cancel</button>
    </div>
  </div>`;
}

/** The commenter's email: a mail link when it is one plain address, else text (`mailtoHref`). */
function email(address: string) {
  const href = mailtoHref(address);
  return href ? html`<a class="email" href=${href}>${address}</a>` : html`<span class="email">${address}</span>`;
}

function banForm(q: DeskQueue, c: DeskComment) {
  return html`<form class="step ban" aria-label="Ban the author" @submit=${(e: SubmitEvent) => void q.ban(e, c)}>
    <p>Ban the author of this comment (${c.author}) from posting: their browser and their address, whatever browser they use next.</p>
    ${c.email
      ? html`<label class="check"><input type="checkbox" name="banEmail" /> Also ban the email ${c.email} (only if it is really theirs: anyone can type anyone's address)</label>`
      : nothing}
    <label>Reason, for the desk only <input name="reason" maxlength="300" data-autofocus placeholder="Optional" /></label>
    <label>For
      <select name="days">
        <option value="1">1 day</option>
        <option value="7" selected>7 days</option>
        <option value="30">30 days</option>
        <option value="365">1 year</option>
        <option value="0">good</option>
      </select>
    </label>
    <div class="row">
      <button class="danger">Ban</button>
      <button type="button" class="secondary" @click=${() => void q.step('banning', null)}>Cancel</button>
    </div>
  </form>`;
}

function actions(q: DeskQueue, c: DeskComment) {
  if (q.confirming === c.id) return confirmDelete(q, c);
  if (q.banning === c.id) return banForm(q, c);
  const busy = q.busy.has(c.id);
  const b = (label: string, key: string, run: () => unknown, cls = 'secondary') =>
    html`<button class=${cls} ?disabled=${busy} aria-keyshortcuts=${key || nothing} @click=${run}>${label}${key ? html` <kbd aria-hidden="true">${key}</kbd>` : nothing}</button>`;
  const keep = c.status === 'published';
  return html`<div class="actions" role="group" aria-label="Moderate this comment">
    ${!keep || q.status === 'reported' ? b(keep ? 'Keep' : c.status === 'spam' ? 'Not spam' : 'Publish', 'a', () => q.decide(c, { status: 'published' }, keep ? 'Kept' : 'Published'), 'primary') : nothing}
    ${c.status !== 'rejected' ? b('Reject', 'r', () => q.decide(c, { status: 'rejected' }, 'Rejected')) : nothing}
    ${c.status !== 'spam' ? b('Spam', 's', () => q.decide(c, { status: 'spam' }, 'Marked as spam')) : nothing}
    ${c.status === 'published' ? b(c.featured ? 'Unfeature' : 'Feature', 'f', () => q.decide(c, { featured: !c.featured }, c.featured ? 'Unfeatured' : 'Featured')) : nothing}
    <span class="spacer"></span>
    ${c.bannable ? b('Ban author', '', () => q.step('banning', c.id), 'link') : nothing}
    ${b('Delete', '', () => q.step('confirming', c.id), 'link danger-text')}
  </div>`;
}

/** One comment in a queue. Everything a reader wrote is rendered as text, never as markup. */
export function queueCard(q: DeskQueue, c: DeskComment) {
  const selected = q.selected.has(c.id);
  const url = safeUrl(c.thread.url);
  const where = c.thread.title || c.thread.key;
  return html`<li>
    <article class="card ${selected ? 'selected' : ''}" tabindex="-1" data-id=${c.id} aria-labelledby="who-${c.id}"
      aria-current=${q.currentId === c.id ? 'true' : 'false'} aria-busy=${q.busy.has(c.id) ? 'true' : 'false'}
      @focusin=${() => q.highlight(c.id)}>
      <div class="card-head">
        <input type="checkbox" class="pick" .checked=${selected} @change=${() => q.toggle(c.id)} aria-label="Select the comment by ${c.author}" />
        <h2 class="who" id="who-${c.id}">${c.authorId
          ? html`<button class="link author" aria-haspopup="dialog" @click=${() => q.desk.showUser(c.authorId!)}>${c.author}</button>`
          : html`<span class="author">${c.author}</span>`}</h2>
        ${c.badges.map((b) => html`<span class="tag">${b}</span>`)}
        ${c.email ? email(c.email) : html`<span class="muted">no email</span>`}
        <time datetime=${c.createdAt} title=${fullDate(c.createdAt)}>${ago(c.createdAt)}</time>
      </div>
      <p class="where">
        on ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${where}</a>` : html`<span class="thread">${where}</span>`}
        ${q.thread !== c.thread.key ? html`<button class="link small" @click=${() => q.filterThread(c.thread.key)}>only this thread</button>` : nothing}
        ${tags(q, c)}
      </p>
      ${reports(c)}
      <div class="text">${c.body}</div>
      ${actions(q, c)}
    </article>
  </li>`;
}
