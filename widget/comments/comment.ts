import { html, nothing, type TemplateResult } from 'lit';
import type { Comment } from '../api/types';
import type { MessageKey } from '../i18n/en';
import { safeFragment } from '../lib/safe-html';
import { confirmDelete, commentForm, editForm, reportForm } from './forms';
import { flatReplies } from './tree';
import type { Panel, View } from './types';

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
export function renderComment(v: View, c: Comment, depth: number, inReplyTo?: string): TemplateResult {
  const m = v.msg;
  const pending = c.status === 'pending';
  const deep = depth >= MAX_DEPTH - 1;
  const editing = v.panels.isOpen('editing', c.id);
  // At the last indented level every descendant is listed once, flat; those flat entries
  // render no children of their own (they are already in the list).
  const children = depth >= MAX_DEPTH ? [] : deep ? flatReplies(c) : c.replies.map((r) => ({ c: r, to: '' }));
  const ignored = !c.deleted && v.session.isIgnored(c);
  return html`<li class="comment ${pending ? 'pending' : ''}" part="comment" id="c${c.id}" tabindex="-1" aria-label=${c.deleted ? m.t('deleted') : c.author}>
    ${c.deleted
      ? html`<p class="gone">${m.t('deleted')}</p>`
      : ignored
        ? html`<p class="gone row">${m.t('ignoredLine', { name: c.author })}
            <button class="act" part="action" aria-label=${m.t('unignoreAction', { name: c.author })} @click=${() => v.writer.ignore(c, false)}>${m.t('unignore')}</button></p>`
      : html`<p class="meta" part="meta">
            <span class="author" part="author" dir="auto">${c.author}</span>
            ${(c.badges ?? []).map((b) => html`<span class="badge" part="badge" role="img" aria-label=${m.t('badge', { name: b })}>${b}</span>`)}
            ${inReplyTo ? html`<span>${m.t('inReplyTo', { name: inReplyTo })}</span>` : nothing}
            <time datetime=${c.createdAt} title=${m.date(c.createdAt)}>${m.ago(c.createdAt)}</time>
            ${c.editedAt ? html`<span title=${m.date(c.editedAt)}>${m.t('edited')}</span>` : nothing}
            ${c.featured ? html`<span class="tag">${m.t('featured')}</span>` : nothing}
            ${pending ? html`<span class="tag">${m.t('awaiting')}</span>` : nothing}
          </p>
          ${editing ? editForm(v, c) : [body(c), actions(v, c)]}
          ${v.panels.isOpen('confirming', c.id) ? confirmDelete(v, c) : nothing} ${v.panels.isOpen('reporting', c.id) ? reportForm(v, c) : nothing}`}
    ${v.panels.isOpen('replyTo', c.id) ? commentForm(v, c) : nothing}
    ${children.length
      ? html`<ol class="replies" part="replies">
          ${children.map((x) => renderComment(v, x.c, depth + 1, deep ? x.to : undefined))}
        </ol>`
      : nothing}
  </li>`;
}

/**
 * Recommend, Reply, and Edit/Delete on the reader's own comment (within the window) or Report.
 * A comment awaiting review can only be edited or deleted by its author. Each button shows a
 * short word and is named for what it does ("Reply to Grace", "Edit your comment"), so no two
 * buttons of the thread sound alike to a screen reader.
 */
function actions(v: View, c: Comment): TemplateResult {
  const m = v.msg;
  const live = c.status !== 'pending';
  const name = { name: c.author };
  const panel = (kind: Panel, text: MessageKey, label: string) =>
    html`<button class="act" part="action" aria-label=${label} aria-expanded=${v.panels.isOpen(kind, c.id)} @click=${() => v.panels.toggle(kind, c.id)}>${m.t(text)}</button>`;
  const count = c.reactions ? ` · ${m.num(c.reactions)}` : '';
  // Only signed-in readers may take part here: nothing to press until they sign in.
  const acts = live && !v.session.mustSignIn;
  const mod = live && v.session.moderator;
  return html`<div class="actions" part="actions">
    ${acts
      ? html`<button class="act" part="action" aria-label=${m.t('recommendAction', name) + count} aria-pressed=${v.own.reacted.includes(c.id)}
          @click=${() => v.writer.react(c)}>${m.t('recommend')}${count}</button>`
      : nothing}
    ${acts && !v.closed ? panel('replyTo', 'reply', m.t('replyAction', name)) : nothing}
    ${v.own.canEdit(c.id) || v.session.canEdit(c)
      ? [panel('editing', 'edit', m.t('editAction')), panel('confirming', 'remove', m.t('removeAction'))]
      : acts
        ? panel('reporting', 'report', m.t('reportAction', name))
        : nothing}
    ${acts && c.authorId && c.authorId !== v.session.me?.authorId /* a signed-in author (a guest's name is anyone's to type), not oneself */
      ? html`<button class="act" part="action" aria-label=${m.t('ignoreAction', name)} @click=${() => v.writer.ignore(c, true)}>${m.t('ignore')}</button>`
      : nothing}
    ${mod
      ? html`<button class="act" part="action" aria-pressed=${c.featured} aria-label=${m.t('featureAction', name)}
            @click=${() => v.writer.moderate(c, false)}>${m.t('feature')}</button>
          <button class="act" part="action" aria-label=${m.t('takeDownAction', name)} @click=${() => v.writer.moderate(c, true)}>${m.t('takeDown')}</button>`
      : nothing}
  </div>`;
}
