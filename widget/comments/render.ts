import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { Comment } from '../api/types';
import { safeFragment } from '../lib/safe-html';
import type { FootnoteComments, Panel } from './footnote-comments';
import { confirmDelete, commentForm, editForm, reportForm } from './forms';
import { ownComments } from './own';
import { flatReplies } from './tree';

/** Comments nest up to this depth; deeper replies are listed flat with "in reply to NAME". */
export const MAX_DEPTH = 3;

const bodies = new WeakMap<Comment, HTMLElement>();

/** The comment's sanitised HTML as a node (built once per comment object). */
function body(c: Comment): HTMLElement {
  let el = bodies.get(c);
  if (!el) {
    el = document.createElement('div');
    el.className = 'body';
    el.setAttribute('part', 'body');
    // Each comment sets its own direction: Arabic under an English article reads right to left.
    el.dir = 'auto';
    el.append(safeFragment(c.html));
    bodies.set(c, el);
  }
  return el;
}

/** One comment with its replies: nested while `depth` allows, then flat. */
export function renderComment(host: FootnoteComments, c: Comment, depth: number, inReplyTo?: string): TemplateResult {
  const m = host.msg;
  const pending = c.status === 'pending';
  const deep = depth >= MAX_DEPTH - 1;
  // At the last indented level every descendant is listed once, flat; those flat entries
  // render no children of their own (they are already in the list).
  const children = depth >= MAX_DEPTH ? [] : deep ? flatReplies(c) : c.replies.map((r) => ({ c: r, to: '' }));
  return html`<li class="comment ${pending ? 'pending' : ''}" part="comment" id="c${c.id}" tabindex="-1" aria-label=${c.deleted ? m.t('deleted') : c.author}>
    ${c.deleted
      ? html`<p class="gone">${m.t('deleted')}</p>`
      : html`<p class="meta" part="meta">
            <span class="author" part="author" dir="auto">${c.author}</span>
            ${inReplyTo ? html`<span>${m.t('inReplyTo', { name: inReplyTo })}</span>` : nothing}
            <time datetime=${c.createdAt} title=${m.date(c.createdAt)}>${m.ago(c.createdAt)}</time>
            ${c.editedAt ? html`<span title=${m.date(c.editedAt)}>${m.t('edited')}</span>` : nothing}
            ${c.featured ? html`<span class="tag">${m.t('featured')}</span>` : nothing}
            ${pending ? html`<span class="tag">${m.t('awaiting')}</span>` : nothing}
          </p>
          ${host.editing === c.id ? editForm(host, c) : body(c)} ${host.editing === c.id ? nothing : actions(host, c)}
          ${host.confirming === c.id ? confirmDelete(host, c) : nothing} ${host.reporting === c.id ? reportForm(host, c) : nothing}`}
    ${host.replyTo === c.id ? commentForm(host, c) : nothing}
    ${children.length
      ? html`<ol class="replies" part="replies">
          ${children.map((x) => renderComment(host, x.c, depth + 1, deep ? x.to : undefined))}
        </ol>`
      : nothing}
  </li>`;
}

/**
 * Recommend, Reply, and Edit/Delete on the reader's own comment (within the window) or Report.
 * A comment awaiting review can only be edited or deleted by its author.
 */
function actions(host: FootnoteComments, c: Comment): TemplateResult {
  const m = host.msg;
  const live = c.status !== 'pending';
  const panel = (kind: Panel, label: string) =>
    html`<button class="act" part="action" aria-expanded=${host[kind] === c.id} @click=${() => host.toggle(kind, c.id)}>${label}</button>`;
  return html`<div class="actions" part="actions">
    ${live
      ? html`<button class="act" part="action" aria-pressed=${host.reacted.includes(c.id)} @click=${() => host.react(c)}>
          ${m.t('recommend')}${c.reactions ? ` · ${m.num(c.reactions)}` : ''}
        </button>`
      : nothing}
    ${live && !host.closed ? panel('replyTo', m.t('reply')) : nothing}
    ${ownComments.canEdit(c.id) ? [panel('editing', m.t('edit')), panel('confirming', m.t('remove'))] : live ? panel('reporting', m.t('report')) : nothing}
  </div>`;
}
