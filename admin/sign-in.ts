import { html, nothing } from 'lit';
import type { FootnoteAdmin } from './app';

/** The sign-in form: the token, once per tab. */
export function signInForm(app: FootnoteAdmin) {
  return html`<main class="signin" id="main">
    <p class="brand">Footnote <span>moderation</span></p>
    <h1>Sign in to the moderation desk</h1>
    <form @submit=${(e: SubmitEvent) => void app.signIn(e)} novalidate>
      <input type="text" name="username" autocomplete="username" value="footnote-admin" hidden />
      <label for="token">Admin token</label>
      <input id="token" name="token" type="password" autocomplete="current-password" spellcheck="false"
        aria-describedby="token-hint${app.signInError ? ' token-error' : ''}" aria-invalid=${app.signInError ? 'true' : 'false'} required />
      <p class="hint" id="token-hint">The value of <code>FOOTNOTE_ADMIN_TOKEN</code> on the server, or, for a moderator of the newsroom, your own sign-in token (the one the newsroom's login makes, with the role moderator or admin). This tab keeps it until you close it or sign out; nothing else stores it.</p>
      ${app.signInError ? html`<p class="error" id="token-error" role="alert">${app.signInError}</p>` : nothing}
      <button class="primary" ?disabled=${app.checking}>${app.checking ? 'Checking…' : 'Sign in'}</button>
    </form>
  </main>`;
}
