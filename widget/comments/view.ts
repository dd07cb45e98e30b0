import { html, nothing, type TemplateResult } from 'lit/html.js';
import { SORTS } from '../../contract';
import type { FootnoteComments } from './footnote-comments';
import { commentForm } from './forms';
import { renderComment } from './render';
import { walk } from './tree';

/**
 * The element's content, in the contract's order: the footer, then the thread (with its
 * heading, sort, notices and paging), then the form.
 */
export function threadView(host: FootnoteComments): TemplateResult {
  const m = host.msg;
  const counts = host.counts;
  const n = host.incoming.length;
  const thread = () => html`<div class="bar">
      <h2 tabindex="-1">${m.t('region')}</h2>
      <label class="sort">${m.t('sort')}
        <select part="sort" @change=${host.changeSort}>
          ${SORTS.map((s) => html`<option value=${s} ?selected=${host.sort === s}>${m.t(s)}</option>`)}
        </select>
      </label>
    </div>
    <p class="note" part="notice" role="status">${host.notice}</p>
    <p class="sr" aria-live="polite">${n ? m.n('newComments', n) : ''}</p>
    ${n ? html`<button class="primary wide" part="new-comments" @click=${host.showIncoming}>${m.n('newComments', n)}</button>` : nothing}
    ${[...walk(host.comments)].some((c) => !c.deleted)
      ? html`<ol class="thread" part="thread">${host.comments.map((c) => renderComment(host, c, 0))}</ol>`
      : html`<p class="state" part="state">${m.t('empty')}</p>`}
    ${host.next ? html`<button class="secondary wide" part="load-more" @click=${host.loadMore}>${m.t('loadMore')}</button>` : nothing}
    ${host.closed ? html`<p class="state" part="state" role="note">${m.t('closed')}</p>` : host.replyTo === null ? commentForm(host) : nothing}`;
  return html`<section aria-label=${m.t('region')}>
    <p class="footer" part="footer">${counts ? `${m.n('views', counts.views)} · ${m.n('comments', counts.comments)}` : '\u00a0'}</p>
    ${host.phase === 'error'
      ? html`<div class="state" part="state" role="alert">
          <p>${m.t('unreachable')}</p>
          <button class="secondary" @click=${() => void host.start()}>${m.t('retry')}</button>
        </div>`
      : host.phase === 'loading'
        ? html`<p class="state" part="state">${m.t('loading')}</p>`
        : thread()}
  </section>`;
}
