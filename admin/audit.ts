import { html, nothing } from 'lit';
import { messageOf } from './api';
import { ago, fullDate } from './format';
import { DeskSection } from './section';
import type { AuditEntry } from '../contract';

const ACTIONS: Record<string, string> = {
  publish: 'Published',
  reject: 'Rejected',
  spam: 'Marked as spam',
  feature: 'Featured',
  unfeature: 'Unfeatured',
  'dismiss-reports': 'Dismissed reports on',
  delete: 'Deleted',
  'auto-hold': 'Held after reader reports',
  close: 'Closed',
  reopen: 'Reopened',
  moderation: 'Changed moderation of',
  title: 'Corrected the title of',
  url: 'Corrected the address of',
  'words.add': 'Added words to',
  'words.remove': 'Removed a word from',
  ban: 'Banned',
  unban: 'Lifted',
  premod: 'Set always pre-moderate on',
  unpremod: 'Lifted pre-moderation of',
  note: 'Changed the note on',
  erase: 'Erased',
};

/** Who acted: a moderator by name, the shared admin token, or the server itself. */
const actor = (e: AuditEntry) => (typeof e.actor === 'object' ? e.actor.name : e.actor === 'system' ? 'the server' : 'the admin token');

const target = (e: AuditEntry) => {
  if (e.targetType === 'comment') return `comment #${e.targetId}`;
  if (e.targetType === 'thread') return `thread “${e.targetId}”`;
  if (e.targetType === 'words') return `the ${e.targetId} list`;
  if (e.targetType === 'user') return `commenter ${e.targetId}`;
  if (e.targetType === 'reader') return `commenter ${e.targetId}`;
  // A ban's detail says whom it covers: that is the target a moderator reads.
  return e.action === 'ban' && e.detail ? e.detail : `ban #${e.targetId}`;
};
const detailOf = (e: AuditEntry) => (e.targetType === 'ban' && e.action === 'ban' ? null : e.detail);

/** `<desk-audit>`: every desk action, newest first. */
export class DeskAudit extends DeskSection {
  static override properties = { entries: { state: true }, next: { state: true }, loadingMore: { state: true } };
  entries: AuditEntry[] = [];
  next: string | null = null;
  loadingMore = false;

  async load(): Promise<void> {
    const page = await this.desk.api.audit(null);
    this.entries = page.entries;
    this.next = page.next;
  }

  async more(): Promise<void> {
    this.loadingMore = true;
    try {
      const page = await this.desk.api.audit(this.next);
      this.entries = [...this.entries, ...page.entries];
      this.next = page.next;
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
    this.loadingMore = false;
  }

  override render() {
    return html`<h1 tabindex="-1">Audit trail</h1>
      <p class="hint">Every moderation action, newest first.</p>
      ${this.phase === 'loading' ? html`<p class="state">Loading the audit trail…</p>` : nothing}
      ${this.phase === 'error' ? html`<div class="state" role="alert"><p>${this.error}</p><button class="secondary" @click=${() => void this.reload()}>Try again</button></div>` : nothing}
      ${this.phase === 'ready' && this.entries.length === 0 ? html`<p class="state">Nothing has happened yet.</p>` : nothing}
      ${this.phase === 'ready' && this.entries.length
        ? html`<ol class="rows audit">
              ${this.entries.map(
                (e) => html`<li>
                  <time datetime=${e.at} title=${fullDate(e.at)}>${ago(e.at)}</time>
                  <p><strong>${ACTIONS[e.action] ?? e.action}</strong> ${target(e)}
                    ${e.before || e.after ? html`<span class="muted">(${e.before ?? '—'} → ${e.after ?? 'erased'})</span>` : nothing}
                    <span class="muted">by ${actor(e)}</span></p>
                  ${detailOf(e) ? html`<p class="muted detail">${detailOf(e)}</p>` : nothing}
                </li>`,
              )}
            </ol>
            ${this.next ? html`<p class="more"><button class="secondary" ?disabled=${this.loadingMore} @click=${() => void this.more()}>${this.loadingMore ? 'Loading…' : 'Load more'}</button></p>` : nothing}`
        : nothing}`;
  }
}
