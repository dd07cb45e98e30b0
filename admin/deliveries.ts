import { html, nothing } from 'lit';
import { DELIVERY_STATUSES, type Delivery, type DeliveryPage, type DeliveryStatus } from '../contract';
import { messageOf } from './api';
import { ago, fullDate } from './format';
import { DeskSection } from './section';

const KIND: Record<Delivery['kind'], string> = { webhook: 'Webhook', confirm: 'Confirmation mail', reply: 'Reply mail' };
const STATUS: Record<DeliveryStatus, string> = { queued: 'Waiting', sent: 'Sent', failed: 'Failed', dropped: 'Dropped' };

const what = (d: Delivery) => (d.kind === 'webhook' ? `${KIND.webhook} ${d.event ?? ''}` : `${KIND[d.kind]}${d.to ? ` to ${d.to}` : ''}`);

/** The line under a delivery: when it went, or why it has not (yet). */
function state(d: Delivery) {
  const tries = `${d.attempts} ${d.attempts === 1 ? 'try' : 'tries'}`;
  if (d.status === 'sent' && d.sentAt) return html`sent <time datetime=${d.sentAt} title=${fullDate(d.sentAt)}>${ago(d.sentAt)}</time> (${tries})`;
  if (d.status === 'queued') {
    const next = html`next try <time datetime=${d.dueAt} title=${fullDate(d.dueAt)}>${fullDate(d.dueAt)}</time>`;
    return d.attempts ? html`${tries} so far, ${next}` : next;
  }
  return html`${tries}`;
}

/** `<desk-deliveries>`: recent mail and webhook deliveries, and the ones that failed, with why. */
export class DeskDeliveries extends DeskSection {
  static override properties = { page: { state: true }, filter: { state: true }, loadingMore: { state: true } };
  page: DeliveryPage | null = null;
  filter: DeliveryStatus | '' = '';
  loadingMore = false;

  async load(): Promise<void> {
    this.page = await this.desk.api.deliveries(this.filter, null);
  }

  private async show(filter: DeliveryStatus | ''): Promise<void> {
    this.filter = filter;
    await this.reload();
  }

  async more(): Promise<void> {
    if (!this.page?.next) return;
    this.loadingMore = true;
    try {
      const next = await this.desk.api.deliveries(this.filter, this.page.next);
      this.page = { ...next, deliveries: [...this.page.deliveries, ...next.deliveries] };
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
    this.loadingMore = false;
  }

  override render() {
    const page = this.page;
    return html`<h1 tabindex="-1">Mail and webhooks</h1>
      <p class="hint">Reply mail, confirmation mail and webhook events, newest first. A delivery that failed is tried again, waiting longer each time.</p>
      ${page
        ? html`<div class="row" role="group" aria-label="Show">
            <button class=${this.filter === '' ? 'primary' : 'secondary'} aria-pressed=${this.filter === ''} @click=${() => void this.show('')}>All</button>
            ${DELIVERY_STATUSES.map(
              (s) => html`<button class=${this.filter === s ? 'primary' : 'secondary'} aria-pressed=${this.filter === s} @click=${() => void this.show(s)}>
                ${STATUS[s]} (${page.counts[s]})
              </button>`,
            )}
          </div>`
        : nothing}
      ${this.phase === 'loading' ? html`<p class="state">Loading deliveries…</p>` : nothing}
      ${this.phase === 'error' ? html`<div class="state" role="alert"><p>${this.error}</p><button class="secondary" @click=${() => void this.reload()}>Try again</button></div>` : nothing}
      ${this.phase === 'ready' && page && page.deliveries.length === 0 ? html`<p class="state">Nothing here.</p>` : nothing}
      ${this.phase === 'ready' && page?.deliveries.length
        ? html`<ol class="rows deliveries">
              ${page.deliveries.map(
                (d) => html`<li>
                  <time datetime=${d.createdAt} title=${fullDate(d.createdAt)}>${ago(d.createdAt)}</time>
                  <p><strong>${STATUS[d.status]}</strong> ${what(d)} <span class="muted">${state(d)}</span></p>
                  ${d.lastError ? html`<p class="muted detail">${d.status === 'dropped' ? 'Why: ' : 'Last error: '}${d.lastError}</p>` : nothing}
                </li>`,
              )}
            </ol>
            ${page.next ? html`<p class="more"><button class="secondary" ?disabled=${this.loadingMore} @click=${() => void this.more()}>${this.loadingMore ? 'Loading…' : 'Load more'}</button></p>` : nothing}`
        : nothing}`;
  }
}
