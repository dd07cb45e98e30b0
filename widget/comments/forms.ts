import { html, nothing, type TemplateResult } from 'lit/html.js';
import { REPORT_REASONS } from '../../contract';
import type { Comment } from '../api/types';
import type { FootnoteComments, Panel } from './footnote-comments';

/** Escape closes the panel (reply, edit, delete, report) and gives focus back to its comment. */
const escape = (host: FootnoteComments, kind: Panel, id: number) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') host.toggle(kind, id);
};

const error = (host: FootnoteComments, at: number) =>
  host.formError && host.formErrorFor === at ? html`<p class="error" role="alert" part="error">${host.formError}</p>` : nothing;

/** The comment form; under a comment when `parent` is given (a reply). */
export function commentForm(host: FootnoteComments, parent?: Comment): TemplateResult {
  const m = host.msg;
  const label = parent ? m.t('replyTo', { name: parent.author }) : m.t('post');
  return html`<form class=${parent ? 'panel' : ''} part="form" novalidate aria-label=${label}
    @submit=${(e: SubmitEvent) => host.submit(e, parent)} @keydown=${parent ? escape(host, 'replyTo', parent.id) : nothing}>
    ${parent ? html`<p><strong>${label}</strong></p>` : nothing}
    <label>${m.t('name')}<input part="input" name="author" autocomplete="name" maxlength="80" required .value=${host.name}
      @input=${(e: Event) => (host.name = (e.target as HTMLInputElement).value)} /></label>
    <label>${m.t('comment')}<textarea part="input" name="body" required data-focus @keydown=${host.submitOnCtrlEnter}></textarea></label>
    <p class="hint">${m.t('hint')}</p>
    <label class="trap" aria-hidden="true">Website<input name="website" tabindex="-1" autocomplete="off" /></label>
    ${error(host, parent?.id ?? 0)}
    <div class="row">
      <button class="primary" part="submit" type="submit" ?disabled=${host.busy}>${parent ? m.t('reply') : m.t('post')}</button>
      ${parent ? html`<button class="secondary" type="button" @click=${() => host.toggle('replyTo', parent.id)}>${m.t('cancel')}</button>` : nothing}
    </div>
  </form>`;
}

/** Editing one's own comment, in place of its text. */
export function editForm(host: FootnoteComments, c: Comment): TemplateResult {
  const m = host.msg;
  return html`<form class="panel" part="form" aria-label=${m.t('edit')} @submit=${(e: SubmitEvent) => host.saveEdit(e, c)} @keydown=${escape(host, 'editing', c.id)}>
    <label>${m.t('comment')}<textarea part="input" name="body" data-focus .value=${c.body} @keydown=${host.submitOnCtrlEnter}></textarea></label>
    ${error(host, c.id)}
    <div class="row">
      <button class="primary" part="submit" type="submit" ?disabled=${host.busy}>${m.t('save')}</button>
      <button class="secondary" type="button" @click=${() => host.toggle('editing', c.id)}>${m.t('cancel')}</button>
    </div>
  </form>`;
}

export function confirmDelete(host: FootnoteComments, c: Comment): TemplateResult {
  const m = host.msg;
  return html`<div class="panel row confirm" role="group" aria-label=${m.t('confirmRemove')} @keydown=${escape(host, 'confirming', c.id)}>
    <span>${m.t('confirmRemove')}</span>
    <button class="primary" @click=${() => host.removeOwn(c)}>${m.t('remove')}</button>
    <button class="secondary" data-focus @click=${() => host.toggle('confirming', c.id)}>${m.t('cancel')}</button>
  </div>`;
}

export function reportForm(host: FootnoteComments, c: Comment): TemplateResult {
  const m = host.msg;
  return html`<form class="panel row report" part="form" aria-label=${m.t('report')} @submit=${(e: SubmitEvent) => host.sendReport(e, c)}
    @keydown=${escape(host, 'reporting', c.id)}>
    <label>${m.t('reportAs')}
      <select name="reason" data-focus>${REPORT_REASONS.map((r) => html`<option value=${r}>${m.t(r)}</option>`)}</select>
    </label>
    <button class="primary" type="submit">${m.t('report')}</button>
    <button class="secondary" type="button" @click=${() => host.toggle('reporting', c.id)}>${m.t('cancel')}</button>
  </form>`;
}
