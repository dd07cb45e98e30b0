import { describe, expect, it } from 'vitest';
import { WRONG_TOKENS_ALLOWED, WRONG_WINDOW_MS } from '../routes/admin/auth';
import { ADMIN, testApp, type TestApp } from '../testing/harness';

const guess = (t: TestApp, token: string, reader: string) =>
  t.call('GET', '/api/v1/admin/counts', { reader, headers: { authorization: `Bearer ${token}` } });

describe('guessing the admin token', () => {
  it('is throttled per address: 429 with Retry-After, even for the right token, while the desk elsewhere goes on', async () => {
    const t = await testApp();
    const attacker = '198.51.100.23';
    for (let i = 0; i < WRONG_TOKENS_ALLOWED; i++) expect((await guess(t, `guess-${i}-${'x'.repeat(32)}`, attacker)).status).toBe(401);
    const throttled = await guess(t, 'one-more-guess', attacker);
    expect(throttled.status).toBe(429);
    const wait = Number(throttled.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(WRONG_WINDOW_MS / 1000);
    // The right token from the throttled address learns nothing either.
    expect((await guess(t, ADMIN, attacker)).status).toBe(429);
    // Another user agent or another port changes nothing: the address is the key.
    const otherUa = await t.call('GET', '/api/v1/admin/counts', { reader: attacker, headers: { authorization: 'Bearer x', 'user-agent': 'curl/8' } });
    expect(otherUa.status).toBe(429);
    expect((await guess(t, ADMIN, '203.0.113.50')).status).toBe(200);
    // After the window the address may try again.
    t.clock.now += WRONG_WINDOW_MS + 1000;
    expect((await guess(t, ADMIN, attacker)).status).toBe(200);
  });

  it('counts only wrong tokens: requests without one, and right ones, never lock anybody out', async () => {
    const t = await testApp();
    const desk = '192.0.2.200';
    for (let i = 0; i < WRONG_TOKENS_ALLOWED * 2; i++) {
      expect((await t.call('GET', '/api/v1/admin/counts', { reader: desk })).status).toBe(401);
      expect((await guess(t, ADMIN, desk)).status).toBe(200);
    }
  });

  it('treats an IPv6 /64 as one address', async () => {
    const t = await testApp();
    for (let i = 0; i < WRONG_TOKENS_ALLOWED; i++) await guess(t, `wrong-${i}`, `2001:db8:0:7::${i + 1}`);
    expect((await guess(t, 'wrong', '2001:db8:0:7:ffff::1')).status).toBe(429);
    expect((await guess(t, ADMIN, '2001:db8:0:8::1')).status).toBe(200);
  });
});
