import { html, nothing, type TemplateResult } from 'lit';
import type { Comment } from '../api/types';
import type { FootnoteComments } from './footnote-comments';

const REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const;

/** The comment form; under a comment when `parent` is given (a reply). */
export function commentForm(host: FootnoteComments, parent?: Comment): TemplateResult {
  const m = host.msg;
  const error = host.formError && host.formErrorFor === (parent?.id ?? 0) ? host.formError : '';
  return html`<form part="form" novalidate aria-label=${parent ? m.t('replyTo', { name: parent.author }) : m.t('post')} @submit=${(e: SubmitEvent) => host.submit(e, parent)}>
    ${parent ? html`<p class="note"><strong>${m.t('replyTo', { name: parent.author })}</strong></p>` : nothing}
    <label>${m.t('name')}<input name="author" autocomplete="name" maxlength="80" required .value=${host.name} @input=${(e: Event) => (host.name = (e.target as HTMLInputElement).value)} /></label>
    <label>${m.t('comment')}<textarea name="body" required @keydown=${host.submitOnCtrlEnter}></textarea></label>
    <p class="hint">${m.t('hint')}</p>
    <label class="trap" aria-hidden="true">Website<input name="website" tabindex="-1" autocomplete="off" /></label>
    ${error ? html`<p class="error" role="alert" part="error">${error}</p>` : nothing}
    <div class="row">
      <button class="primary" part="submit" type="submit" ?disabled=${host.busy}>${host.busy ? m.t('posting') : parent ? m.t('reply') : m.t('post')}</button>
      ${parent ? html`<button class="secondary" type="button" @click=${() => host.closeReply(parent.id)}>${m.t('cancel')}</button>` : nothing}
    </div>
  </form>`;
}

export function editForm(host: FootnoteComments, c: Comment): TemplateResult {
  const m = host.msg;
  return html`<form part="form" @submit=${(e: SubmitEvent) => host.saveEdit(e, c)}>
    <label>${m.t('comment')}<textarea name="body" .value=${c.body}></textarea></label>
    ${host.formError && host.formErrorFor === c.id ? html`<p class="error" role="alert">${host.formError}</p>` : nothing}
    <div class="row">
      <button class="primary" type="submit" ?disabled=${host.busy}>${m.t('save')}</button>
      <button class="secondary" type="button" @click=${() => host.set({ editing: null, formError: '' })}>${m.t('cancel')}</button>
    </div>
  </form>`;
}

export function confirmDelete(host: FootnoteComments, c: Comment): TemplateResult {
  const m = host.msg;
  return html`<div class="row" role="group" aria-label=${m.t('confirmRemove')}>
    <span>${m.t('confirmRemove')}</span>
    <button class="secondary" @click=${() => host.removeOwn(c)}>${m.t('yes')}</button>
    <button class="secondary" @click=${() => host.set({ confirming: null })}>${m.t('cancel')}</button>
  </div>`;
}

export function reportForm(host: FootnoteComments, c: Comment): TemplateResult {
  const m = host.msg;
  return html`<form class="row" @submit=${(e: SubmitEvent) => host.sendReport(e, c)}>
    <label>${m.t('reportAs')}
      <select name="reason">${REASONS.map((r) => html`<option value=${r}>${m.t(r)}</option>`)}</select>
    </label>
    <button class="secondary" type="submit">${m.t('send')}</button>
    <button class="secondary" type="button" @click=${() => host.set({ reporting: null })}>${m.t('cancel')}</button>
  </form>`;
}
