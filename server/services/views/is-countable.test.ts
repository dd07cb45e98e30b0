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
});
