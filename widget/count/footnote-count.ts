import { css, html, LitElement } from 'lit';
import type { Counts } from '../api/types';
import { Messages, resolveLang } from '../i18n';
import type { CountBatcher } from './batcher';

/**
 * `<footnote-count thread="...">`: the footer line alone, for article lists and home pages.
 * Badges never count a view. Every badge connected in the same tick shares one request,
 * including badges added later by infinite scroll or client-side navigation.
 *
 * @csspart count - the text
 */
export class FootnoteCount extends LitElement {
  static override styles = css`
    :host { display: inline; color: var(--fn-muted, inherit); }
  `;
  static override properties = { thread: {}, counts: { state: true }, failed: { state: true } };
  static batcher: CountBatcher;

  declare thread: string | null;
  declare counts: Counts | null;
  declare failed: boolean;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fill();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('thread') && changed.get('thread') !== undefined) void this.fill();
  }

  private async fill(): Promise<void> {
    const key = this.thread || location.pathname;
    const counts = await FootnoteCount.batcher.get(key);
    this.counts = counts;
    this.failed = counts === null;
  }

  override render() {
    const m = new Messages(resolveLang(this, this.getAttribute('lang')));
    const c = this.counts;
    return html`<span part="count">${c ? `${m.n('views', c.views)} · ${m.n('comments', c.comments)}` : this.failed ? '' : '…'}</span>`;
  }
}
