import { html, nothing, type TemplateResult } from 'lit';
import { REPORT_REASONS } from '../../contract';
import type { Comment } from '../api/types';
import type { Panel, View } from './types';

/** Escape closes the panel (reply, edit, delete, report) and gives focus back to its comment. */
const escape = (v: View, kind: Panel, id: number) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') void v.panels.toggle(kind, id);
};

const submitOnCtrlEnter = (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.target as HTMLTextAreaElement).form?.requestSubmit();
};

const error = (v: View, at: number) => {
  const text = v.writer.errorFor(at);
  return text ? html`<p class="error" role="alert" part="error">${text}</p>` : nothing;
};

const cancel = (v: View, kind: Panel, id: number) =>
  html`<button class="secondary" type="button" @click=${() => v.panels.toggle(kind, id)}>${v.msg.t('cancel')}</button>`;

/**
 * "Email me replies" is offered only with an email typed (there is nowhere else to send them).
 * Set on the element itself, not through the template: the reader's typing is not state.
 */
const showNotify = (e: Event) => {
  const input = e.target as HTMLInputElement;
  const box = input.form?.querySelector<HTMLElement>('.notify');
  if (box) box.hidden = !input.value.trim();
};

/** The comment form; under a comment when `parent` is given (a reply, sent with "Post reply"). */
export function commentForm(v: View, parent?: Comment): TemplateResult {
  const m = v.msg;
  const label = parent ? m.t('replyTo', { name: parent.author }) : m.t('post');
  return html`<form class=${parent ? 'panel' : ''} part="form" novalidate aria-label=${label}
    @submit=${(e: SubmitEvent) => v.writer.post(e, parent)} @keydown=${parent ? escape(v, 'replyTo', parent.id) : nothing}>
    ${parent ? html`<p><strong>${label}</strong></p>` : nothing}
    ${v.session.me
      ? html`<p class="signed" part="signed-in">${m.t('signedInAs', { name: v.session.me.username })}</p>
          <label class="notify"><input name="notify" type="checkbox" /> ${m.t('notify')}</label>`
      : html`<label>${m.t('name')}<input part="input" name="author" autocomplete="name" maxlength="80" required .value=${v.own.name}
            @input=${(e: Event) => v.own.setName((e.target as HTMLInputElement).value)} /></label>
          <label>${m.t('email')}<input part="input" name="email" type="email" autocomplete="email" maxlength="254" @input=${showNotify} /></label>
          <label class="notify" hidden><input name="notify" type="checkbox" /> ${m.t('notify')}</label>`}
    <label>${m.t('comment')}<textarea part="input" name="body" required data-focus @keydown=${submitOnCtrlEnter}></textarea></label>
    <p class="hint">${m.t('hint')}</p>
    <label class="trap" aria-hidden="true">Website<input name="website" tabindex="-1" autocomplete="off" /></label>
    ${error(v, parent?.id ?? 0)}
    <div class="row">
      <button class="primary" part="submit" type="submit" ?disabled=${v.writer.busy}>${parent ? m.t('postReply') : m.t('post')}</button>
      ${parent ? cancel(v, 'replyTo', parent.id) : nothing}
    </div>
  </form>`;
}

/** Editing one's own comment, in place of its text. */
export function editForm(v: View, c: Comment): TemplateResult {
  const m = v.msg;
  return html`<form class="panel" part="form" aria-label=${m.t('edit')} @submit=${(e: SubmitEvent) => v.writer.edit(e, c)} @keydown=${escape(v, 'editing', c.id)}>
    <label>${m.t('comment')}<textarea part="input" name="body" data-focus .value=${c.body} @keydown=${submitOnCtrlEnter}></textarea></label>
    ${error(v, c.id)}
    <div class="row">
      <button class="primary" part="submit" type="submit" ?disabled=${v.writer.busy}>${m.t('save')}</button>
      ${cancel(v, 'editing', c.id)}
    </div>
  </form>`;
}

export function confirmDelete(v: View, c: Comment): TemplateResult {
  const m = v.msg;
  return html`<div class="panel row confirm" role="group" aria-label=${m.t('confirmRemove')} @keydown=${escape(v, 'confirming', c.id)}>
    <span>${m.t('confirmRemove')}</span>
    <button class="primary" @click=${() => v.writer.remove(c)}>${m.t('remove')}</button>
    <button class="secondary" data-focus @click=${() => v.panels.toggle('confirming', c.id)}>${m.t('cancel')}</button>
  </div>`;
}

export function reportForm(v: View, c: Comment): TemplateResult {
  const m = v.msg;
  return html`<form class="panel row report" part="form" aria-label=${m.t('report')} @submit=${(e: SubmitEvent) => v.writer.report(e, c)}
    @keydown=${escape(v, 'reporting', c.id)}>
    <label>${m.t('reportAs')}
      <select name="reason" data-focus>${REPORT_REASONS.map((r) => html`<option value=${r}>${m.t(r)}</option>`)}</select>
    </label>
    <button class="primary" type="submit">${m.t('report')}</button>
    ${cancel(v, 'reporting', c.id)}
  </form>`;
}
