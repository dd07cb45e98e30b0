import { describe, expect, it } from 'vitest';
import { isCountable } from './is-countable';
import { BOTS, BROWSER_UA, PREFETCH } from './testing';

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe('isCountable', () => {
  it('counts a browser page load', () => {
    expect(isCountable(BROWSER_UA, headers({}))).toBe(true);
    expect(isCountable('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', headers({}))).toBe(true);
  });

  it.each(Object.entries(BOTS))('does not count %s', (_, ua) => {
    expect(isCountable(ua, headers({}))).toBe(false);
  });

  it.each(Object.entries(PREFETCH))('does not count a request with %s', (_, h) => {
    expect(isCountable(BROWSER_UA, headers(h))).toBe(false);
  });

  it('gives the same answer when a user agent comes back, also after thousands of others', () => {
    const bot = Object.values(BOTS)[0]!;
    expect([isCountable(bot, headers({})), isCountable(bot, headers({}))]).toEqual([false, false]);
    for (let i = 0; i < 5_000; i++) isCountable(`${BROWSER_UA} build/${i}`, headers({}));
    expect(isCountable(bot, headers({}))).toBe(false);
    expect(isCountable(BROWSER_UA, headers({}))).toBe(true);
    // Remembering the agent must not remember the request: a prefetch is still a prefetch.
    expect(isCountable(BROWSER_UA, headers({ 'sec-purpose': 'prefetch' }))).toBe(false);
  });
});
