/**
 * The browser tests run two origins on purpose: the Footnote server (API and embed.js) on
 * 127.0.0.1, and the publisher's article pages on localhost, so every embed test crosses
 * origins exactly as on a real news site.
 */
export const API_PORT = Number(process.env.E2E_API_PORT ?? 8790);
export const SITE_PORT = Number(process.env.E2E_SITE_PORT ?? 8791);
export const API = `http://127.0.0.1:${API_PORT}`;
export const SITE = `http://localhost:${SITE_PORT}`;
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef0123';
/** The e2e server's FOOTNOTE_SSO_SECRET: the tests sign readers in as a newsroom's login would. */
export const SSO_SECRET = 'e2e-sso-secret-0123456789abcdef0123456789';
