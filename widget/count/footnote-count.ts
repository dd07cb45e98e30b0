import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Counts } from '../../contract';
import { Messages, resolveLang } from '../i18n';
import { threadKey } from '../lib/page';
import type { CountBatcher } from './batcher';

/**
 * `<footnote-count thread="...">`: the footer line alone ("27 views · 0 comments"), for
 * article lists and home pages, in the page's language. Badges never count a view. Every
 * badge connected in the same tick shares one request; a badge added later (infinite
 * scroll) or whose `thread` changes (client-side navigation) is filled in its own tick.
 * Shows "…" while loading and nothing if the server cannot be reached.
 *
 * @attr thread - the article's id; default: the canonical URL's path, else the page path
 * @attr lang - the language; default: the nearest `lang` up the page
 * @csspart count - the text
 * @cssproperty --fn-muted - its colour (default: the surrounding text's)
 */
export class FootnoteCount extends LitElement {
  static override styles = css`
    :host { display: inline; color: var(--fn-muted, inherit); }
  `;
  static override properties = { thread: { reflect: true }, counts: { state: true } };
  static batcher: CountBatcher;

  declare thread: string | null;
  /** `undefined` while loading, `null` when the request failed. */
  declare counts: Counts | null | undefined;
  /** The key last asked for, so a late answer for an old key is dropped. */
  private asked = '';

  override connectedCallback(): void {
    super.connectedCallback();
    // Asks again when put back (a list kept by a single-page app): fresh numbers.
    this.asked = '';
    this.fill();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('thread')) this.fill();
  }

  private fill(): void {
    const key = threadKey(this.thread).trim();
    if (!this.isConnected || key === this.asked) return;
    this.asked = key;
    this.counts = undefined;
    void FootnoteCount.batcher.get(key).then((counts) => {
      if (this.asked === key) this.counts = counts;
    });
  }

  override render() {
    const c = this.counts;
    if (c === null) return nothing;
    if (!c) return html`<span part="count" aria-hidden="true">…</span>`;
    const m = new Messages(resolveLang(this, null));
    return html`<span part="count">${m.n('views', c.views)} · ${m.n('comments', c.comments)}</span>`;
  }
}
