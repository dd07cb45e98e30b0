import { html, nothing, type TemplateResult } from 'lit';
import { SORTS, type Sort } from '../../contract';
import { commentForm } from './forms';
import { renderComment } from './comment';
import { walk } from './tree';
import type { View } from './types';

/** The counts line, filled at load ("27 views · 3 comments"). */
const footer = (v: View) =>
  html`<p class="footer" part="footer">${v.counts ? `${v.msg.n('views', v.counts.views)} · ${v.msg.n('comments', v.counts.comments)}` : '\u00a0'}</p>`;

/** The heading with the sort, the status line, and the arrivals (announced, and the button for busy threads). */
function bar(v: View): TemplateResult {
  const m = v.msg;
  const n = v.incoming.length;
  return html`<div class="bar">
      <h2 tabindex="-1">${m.t('region')}</h2>
      <label class="sort">${m.t('sort')}
        <select part="sort" @change=${(e: Event) => v.changeSort((e.target as HTMLSelectElement).value as Sort)}>
          ${SORTS.map((s) => html`<option value=${s} ?selected=${v.sort === s}>${m.t(s)}</option>`)}
        </select>
      </label>
    </div>
    <p class="note" part="notice" role="status">${v.notice}</p>
    <p class="sr" aria-live="polite">${n ? m.n('newComments', n) : v.arrived}</p>
    ${n ? html`<button class="primary wide" part="new-comments" @click=${() => v.reader.showIncoming()}>${m.n('newComments', n)}</button>` : nothing}`;
}

/** "Comments closed on 3 December" (or without a date, when the server does not know it). */
const closedNote = (v: View) =>
  html`<p class="state" part="state" role="note">${v.closedAt ? v.msg.t('closedOn', { date: v.msg.day(v.closedAt) }) : v.msg.t('closed')}</p>`;

/** Only signed-in readers may comment: the way to sign in, where the form would be. */
function signInPrompt(v: View): TemplateResult {
  const m = v.msg;
  const click = (e: Event) => v.session.login(e);
  return html`<div class="state" part="state"><a class="primary" part="login" href=${v.loginUrl || '#'} @click=${click}>${m.t('signIn')}</a></div>`;
}

/** The thread, its paging, then the form (or why there is none). */
function thread(v: View): TemplateResult {
  const m = v.msg;
  return html`${bar(v)}
    ${[...walk(v.comments)].some((c) => !c.deleted)
      ? html`<ol class="thread" part="thread">${v.comments.map((c) => renderComment(v, c, 0))}</ol>`
      : html`<p class="state" part="state">${m.t('empty')}</p>`}
    ${v.next ? html`<button class="secondary wide" part="load-more" @click=${() => v.reader.more()}>${m.t('loadMore')}</button>` : nothing}
    ${v.closed ? closedNote(v) : v.session.mustSignIn ? signInPrompt(v) : v.panels.open?.kind === 'replyTo' ? nothing : commentForm(v)}`;
}

/**
 * The element's content, in the contract's order: the footer, then (once near the viewport)
 * the thread with its heading, sort, notices and paging, then the form.
 */
export function threadView(v: View): TemplateResult {
  const m = v.msg;
  return html`<section aria-label=${m.t('region')}>
    ${footer(v)}
    ${v.phase === 'error'
      ? html`<div class="state" part="state" role="alert">
          <p>${m.t('unreachable')}</p>
          <button class="secondary" @click=${() => v.start()}>${m.t('retry')}</button>
        </div>`
      : v.phase === 'loading'
        ? html`<p class="state" part="state">${m.t('loading')}</p>`
        : v.phase === 'ready'
          ? thread(v)
          : nothing}
  </section>`;
}
