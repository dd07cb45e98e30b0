import { describe, expect, it } from 'vitest';
import { SSO_SECRET, ssoToken } from '../../testing/tokens';
import { shownBadges, verifySsoToken } from './token';

const now = Date.UTC(2026, 11, 3, 8, 0, 0);
const verify = async (user: Record<string, unknown>) => verifySsoToken(SSO_SECRET, await ssoToken(user, { now }), now);

describe('verifySsoToken', () => {
  it('reads Coral Talk\'s claims, tolerant where a newsroom\'s login differs', async () => {
    expect(await verify({ id: 42, username: ' Ann ', email: 'Ann@Example.COM', role: 'STAFF', badges: ['Subscriber', 'Subscriber', 'staff'], url: 'https://news.example/ann' })).toEqual({
      ssoId: '42',
      username: 'Ann',
      email: 'ann@example.com',
      role: 'staff',
      badges: ['Subscriber'],
      url: 'https://news.example/ann',
    });
  });

  it('drops what does not parse rather than refusing the reader', async () => {
    expect(await verify({ id: 'a', username: 'B', email: 'not an email', role: 'MEMBER', url: 'javascript:alert(1)' })).toMatchObject({
      email: null,
      role: 'commenter',
      url: null,
    });
  });

  it('refuses a name longer than a guest may type, and too many badges', async () => {
    await expect(verify({ id: 'a', username: 'x'.repeat(81) })).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(verify({ id: 'a', username: 'x', badges: Array.from({ length: 11 }, (_, i) => `b${i}`) })).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('refuses everything when no secret is set', async () => {
    await expect(verifySsoToken(null, await ssoToken({ id: 'a', username: 'b' }, { now }), now)).rejects.toMatchObject({ code: 'invalid_token', status: 401 });
  });
});

describe('shownBadges', () => {
  it('puts Staff first for staff roles only', () => {
    expect(shownBadges({ role: 'moderator', badges: ['Editor'] })).toEqual(['Staff', 'Editor']);
    expect(shownBadges({ role: 'commenter', badges: ['Editor'] })).toEqual(['Editor']);
  });
});
