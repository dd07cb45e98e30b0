import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_SSO_SECRET, loadConfig } from './env';

describe('loadConfig', () => {
  it('has a working default for every variable', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8787, host: '127.0.0.1', dbPath: './data/footnote.db', adminToken: null, origins: '*', moderation: 'post' });
    expect(c.rateLimits).toMatchObject({ postIntervalSec: 3, postsPerHour: 30 });
  });

  it('reads the contract variables', () => {
    const c = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      FOOTNOTE_DB: '/tmp/x.db',
      FOOTNOTE_ADMIN_TOKEN: 'a-long-secret-of-32-characters-or-more',
      FOOTNOTE_ORIGINS: 'https://news.example.com, https://www.news.example.com',
      FOOTNOTE_MODERATION: 'pre',
    });
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', adminToken: 'a-long-secret-of-32-characters-or-more', moderation: 'pre' });
    expect(c.origins).toEqual(['https://news.example.com', 'https://www.news.example.com']);
  });

  it.each([
    ['PORT', 'eighty', /^PORT="eighty" must be a whole number/],
    ['PORT', '70000', /^PORT="70000" must be between 0 and 65535/],
    ['FOOTNOTE_MODERATION', 'strict', /^FOOTNOTE_MODERATION="strict" must be "pre" or "post"/],
    ['FOOTNOTE_ORIGINS', 'news.example.com', /^FOOTNOTE_ORIGINS=.* is not an origin/],
    ['FOOTNOTE_ADMIN_TOKEN', 'short', /^FOOTNOTE_ADMIN_TOKEN \(5 characters\) must be at least 32 characters/],
    ['FOOTNOTE_ADMIN_TOKEN', 'x'.repeat(31), /^FOOTNOTE_ADMIN_TOKEN \(31 characters\) must be at least 32 characters/],
    ['FOOTNOTE_SSO_SECRET', 'x'.repeat(31), /^FOOTNOTE_SSO_SECRET \(31 characters\) must be at least 32 characters/],
    ['FOOTNOTE_GUESTS', 'maybe', /^FOOTNOTE_GUESTS="maybe" must be "on" or "off"/],
    ['FOOTNOTE_PREMOD_FIRST', '-1', /^FOOTNOTE_PREMOD_FIRST="-1" must be a whole number/],
    ['FOOTNOTE_AUTO_CLOSE_DAYS', 'soon', /^FOOTNOTE_AUTO_CLOSE_DAYS="soon" must be a whole number/],
  ])('stops on a bad %s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('reads the connection limits, lower-able for tests, and the public URL', () => {
    expect(loadConfig({}).connections).toEqual({
      maxConnections: 11_000,
      maxStreams: 10_000,
      streamsPerRange: 500,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 5_000,
    });
    expect(loadConfig({}).publicUrl).toBeNull();
    const c = loadConfig({ FOOTNOTE_STREAMS_PER_RANGE: '3', FOOTNOTE_HEADERS_TIMEOUT_MS: '500', FOOTNOTE_REQUEST_TIMEOUT_MS: '1000', FOOTNOTE_PUBLIC_URL: 'https://comments.news.example/' });
    expect(c.connections).toMatchObject({ streamsPerRange: 3, headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    expect(c.publicUrl?.origin).toBe('https://comments.news.example');
    expect(() => loadConfig({ FOOTNOTE_HEADERS_TIMEOUT_MS: '20000', FOOTNOTE_REQUEST_TIMEOUT_MS: '10000' })).toThrow(/^FOOTNOTE_REQUEST_TIMEOUT_MS=10000 must be at least/);
  });

  it('never prints the admin token it refuses (the line goes to logs)', () => {
    expect(() => loadConfig({ FOOTNOTE_ADMIN_TOKEN: 'hunter2-almost-a-secret' })).toThrow(/^[^\n]*$/);
    try {
      loadConfig({ FOOTNOTE_ADMIN_TOKEN: 'hunter2-almost-a-secret' });
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
    expect(loadConfig({ FOOTNOTE_ADMIN_TOKEN: 'x'.repeat(32) }).adminToken).toBe('x'.repeat(32));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', FOOTNOTE_ADMIN_TOKEN: '' })).toMatchObject({ port: 8787, adminToken: null });
  });

  it('reads sign-in and trust: off by default, on when set', () => {
    expect(loadConfig({}).sso).toEqual({ secret: null, demo: false, guests: true, premodFirst: 0, autoCloseDays: 0 });
    const c = loadConfig({ FOOTNOTE_SSO_SECRET: 's'.repeat(32), FOOTNOTE_GUESTS: 'off', FOOTNOTE_PREMOD_FIRST: '3', FOOTNOTE_AUTO_CLOSE_DAYS: '14' });
    expect(c.sso).toEqual({ secret: 's'.repeat(32), demo: false, guests: false, premodFirst: 3, autoCloseDays: 14 });
  });

  it('knows the public demo secret, and refuses it in a production set-up (FOOTNOTE_PUBLIC_URL)', () => {
    expect(loadConfig({ FOOTNOTE_SSO_SECRET: DEMO_SSO_SECRET }).sso.demo).toBe(true);
    expect(() => loadConfig({ FOOTNOTE_SSO_SECRET: DEMO_SSO_SECRET, FOOTNOTE_PUBLIC_URL: 'https://comments.news.example' })).toThrow(
      /^FOOTNOTE_SSO_SECRET is the public demo secret/,
    );
  });

  it('never prints the sign-in secret it refuses', () => {
    try {
      loadConfig({ FOOTNOTE_SSO_SECRET: 'hunter2-almost-a-secret' });
      expect.unreachable();
    } catch (err) {
      expect(String(err)).toMatch(/FOOTNOTE_SSO_SECRET \(23 characters\)/);
      expect(String(err)).not.toContain('hunter2');
    }
  });

  describe('mail and webhooks', () => {
    const smtp = { FOOTNOTE_SMTP_URL: 'smtp://u:p@127.0.0.1:2525', FOOTNOTE_MAIL_FROM: 'Comments <c@news.example>', FOOTNOTE_PUBLIC_URL: 'https://c.news.example' };
    it('are off by default and read when set', () => {
      expect(loadConfig({}).mail).toEqual({ smtpUrl: null, from: null, webhookUrl: null, webhookSecret: null });
      const c = loadConfig({ ...smtp, FOOTNOTE_WEBHOOK_URL: 'https://hooks.news.example/x', FOOTNOTE_WEBHOOK_SECRET: 's'.repeat(32) });
      expect(c.mail.smtpUrl?.href).toBe('smtp://u:p@127.0.0.1:2525');
      expect(c.mail.from).toBe('Comments <c@news.example>');
      expect(c.mail.webhookUrl?.href).toBe('https://hooks.news.example/x');
    });
    it.each([
      [{ FOOTNOTE_SMTP_URL: 'http://mail.example' }, /^FOOTNOTE_SMTP_URL \(\d+ characters\) is not an SMTP URL/],
      [{ ...smtp, FOOTNOTE_MAIL_FROM: '' }, /^FOOTNOTE_MAIL_FROM is required with FOOTNOTE_SMTP_URL/],
      [{ ...smtp, FOOTNOTE_MAIL_FROM: 'not an address' }, /^FOOTNOTE_MAIL_FROM="not an address" is not a From address/],
      [{ ...smtp, FOOTNOTE_PUBLIC_URL: '' }, /^FOOTNOTE_PUBLIC_URL is required with FOOTNOTE_SMTP_URL/],
      [{ FOOTNOTE_WEBHOOK_URL: 'ftp://x' }, /^FOOTNOTE_WEBHOOK_URL="ftp:\/\/x" is not an http\(s\) URL/],
      [{ FOOTNOTE_WEBHOOK_URL: 'https://h.example' }, /^FOOTNOTE_WEBHOOK_SECRET is required with FOOTNOTE_WEBHOOK_URL/],
      [{ FOOTNOTE_WEBHOOK_URL: 'https://h.example', FOOTNOTE_WEBHOOK_SECRET: 'short' }, /^FOOTNOTE_WEBHOOK_SECRET \(5 characters\) must be at least 32/],
    ])('stop the start with one line naming the variable (%o)', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
      expect(() => loadConfig(env)).toThrow(/^[^\n]*$/);
    });
    it('never prints the SMTP password or the webhook secret', () => {
      expect(() => loadConfig({ FOOTNOTE_SMTP_URL: 'smtpx://user:hunter2@x' })).toThrow(/^((?!hunter2).)*$/);
    });
  });
});
