import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_SSO_SECRET } from '../../config/env';
import { testApp } from '../../testing/harness';
import { SSO_SECRET } from '../../testing/tokens';

describe('POST /demo/sign-in', () => {
  it('does not exist unless the server runs on the public demo secret', async () => {
    for (const env of [{}, { FOOTNOTE_SSO_SECRET: SSO_SECRET }] as Record<string, string>[]) {
      const t = await testApp(env);
      expect((await t.call('POST', '/api/v1/demo/sign-in', { body: { as: 'staff' } })).status).toBe(404);
      expect((await t.call('GET', '/api/v1/demo/sign-in')).status).toBe(404);
    }
  });

  it('mints tokens for the demo\'s reader, staff and moderator that the server then takes', async () => {
    const t = await testApp({ FOOTNOTE_SSO_SECRET: DEMO_SSO_SECRET });
    // What the demo page asks before it shows its switch.
    expect(await (await t.call('GET', '/api/v1/demo/sign-in')).json()).toEqual({ as: ['reader', 'staff', 'moderator'] });
    const mint = async (as: string) => ((await (await t.call('POST', '/api/v1/demo/sign-in', { body: { as } })).json()) as { token: string }).token;
    const staff = await mint('staff');
    const res = await t.call('POST', '/api/v1/threads/demo/comments', { body: { body: 'From the desk' }, headers: { authorization: `Bearer ${staff}` } });
    expect(((await res.json()) as { comment: { author: string; badges: string[] } }).comment).toMatchObject({ author: 'Sam Reporter', badges: ['Staff', 'Transport desk'] });
    const reader = await mint('reader');
    const me = await t.call('GET', '/api/v1/me', { headers: { authorization: `Bearer ${reader}` } });
    expect(await me.json()).toMatchObject({ username: 'Riley Reader', role: 'commenter', badges: ['Subscriber'] });
    const mod = await mint('moderator');
    expect((await t.call('GET', '/api/v1/admin/comments', { headers: { authorization: `Bearer ${mod}` } })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/demo/sign-in', { body: { as: 'admin' } })).status).toBe(400);
  });

  it('is what `npm run demo` starts with', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.demo).toContain(`FOOTNOTE_SSO_SECRET=${DEMO_SSO_SECRET} `);
  });
});
