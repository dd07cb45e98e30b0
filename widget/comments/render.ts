import { html, nothing, type TemplateResult } from 'lit';
import type { Comment } from '../api/types';
import { safeFragment } from '../lib/safe-html';
import type { FootnoteComments } from './footnote-comments';
import { ownComments } from './own';

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
    el.append(safeFragment(c.html));
    bodies.set(c, el);
  }
  return el;
}

/** All descendants of a comment, in order, each with the name of the one it answers. */
function flatten(c: Comment): { c: Comment; to: string }[] {
  return c.replies.flatMap((r) => [{ c: r, to: c.author }, ...flatten(r)]);
}

export function renderComment(host: FootnoteComments, c: Comment, depth: number, inReplyTo?: string): TemplateResult {
  const m = host.msg;
  const pending = c.status === 'pending';
  const deep = depth >= MAX_DEPTH - 1;
  const children = deep ? flatten(c) : c.replies.map((r) => ({ c: r, to: '' }));
  return html`<li class="comment ${pending ? 'pending' : ''}" part="comment" id="c${c.id}" tabindex="-1" aria-label=${c.deleted ? m.t('deleted') : c.author}>
    ${c.deleted
      ? html`<p class="gone">${m.t('deleted')}</p>`
      : html`<div class="meta">
            <span class="author" part="author">${c.author}</span>
            ${inReplyTo ? html`<span>${m.t('inReplyTo', { name: inReplyTo })}</span>` : nothing}
            <time datetime=${c.createdAt} title=${m.date(c.createdAt)}>${m.ago(c.createdAt)}</time>
            ${c.editedAt ? html`<span>(${m.t('edited')})</span>` : nothing}
            ${c.featured ? html`<span class="tag">${m.t('featured')}</span>` : nothing}
            ${pending ? html`<span class="tag">${m.t('awaiting')}</span>` : nothing}
          </div>
          ${host.editing === c.id ? host.editForm(c) : body(c)} ${pending ? nothing : actions(host, c)}
          ${host.confirming === c.id ? host.confirmDelete(c) : nothing} ${host.reporting === c.id ? host.reportForm(c) : nothing}`}
    ${host.replyTo === c.id ? host.form(c) : nothing}
    ${children.length
      ? html`<ol class="replies" part="replies">
          ${children.map((x) => renderComment(host, x.c, depth + 1, deep ? x.to : undefined))}
        </ol>`
      : nothing}
  </li>`;
}

function actions(host: FootnoteComments, c: Comment): TemplateResult {
  const m = host.msg;
  const mine = ownComments.canEdit(c.id);
  const reacted = host.reacted.includes(c.id);
  return html`<div class="actions" part="actions">
    <button class="link" aria-pressed=${reacted} @click=${() => host.react(c)}>${m.n('recommend', c.reactions)}</button>
    ${host.closed ? nothing : html`<button class="link" aria-expanded=${host.replyTo === c.id} @click=${() => host.openReply(c.id)}>${m.t('reply')}</button>`}
    ${mine
      ? html`<button class="link" @click=${() => host.set({ editing: c.id })}>${m.t('edit')}</button>
          <button class="link" @click=${() => host.set({ confirming: c.id })}>${m.t('remove')}</button>`
      : html`<button class="link" aria-expanded=${host.reporting === c.id} @click=${() => host.set({ reporting: c.id })}>${m.t('report')}</button>`}
  </div>`;
}
