// The demo article's "sign in as a reader / as staff / as a moderator" switch (docs/sso.md,
// "The demo"). It shows only when the server runs on the public demo secret (`npm run demo`):
// then the server mints the token a newsroom's login would, and the widget takes it through
// its `ssoToken` property, signing in and out without a reload.
const box = document.getElementById('demo-sign-in');
const status = document.getElementById('demo-sign-in-status');
const widget = document.querySelector('footnote-comments');
const API = '/api/v1/demo/sign-in';

fetch(API).then((res) => {
  if (res.ok && box) box.hidden = false;
}, () => {});

box?.addEventListener('click', async (e) => {
  const button = typeof e.target?.closest === 'function' ? e.target.closest('button[data-as]') : null;
  if (!button || !widget || !status) return;
  const as = button.getAttribute('data-as');
  for (const b of box.querySelectorAll('button[data-as]')) b.setAttribute('aria-pressed', String(b === button && as !== ''));
  if (!as) {
    widget.ssoToken = null;
    status.textContent = 'Signed out: you comment as a guest.';
    return;
  }
  try {
    const res = await fetch(API, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as }) });
    const { token, user } = await res.json();
    widget.ssoToken = token;
    status.textContent = `Signed in as ${user.username}${user.role === 'commenter' ? '' : ` (${user.role})`}.`;
  } catch {
    status.textContent = 'The demo sign-in did not answer. Please try again.';
  }
});
