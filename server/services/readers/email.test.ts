import { describe, expect, it } from 'vitest';
import { normalEmail } from './email';

describe('normalEmail', () => {
  it('folds every script to lower case and composes, so each spelling of one address is one form', () => {
    expect(normalEmail(' JÜRGEN@Example.COM ')).toBe('jürgen@example.com');
    expect(normalEmail('ZOË@example.com')).toBe(normalEmail('zoë@example.com'));
    // u + combining diaeresis is the same address as the precomposed ü.
    expect(normalEmail('ju\u0308rgen@example.com')).toBe('j\u00fcrgen@example.com');
    expect(normalEmail('ΣΩΚΡΆΤΗΣ@example.gr')).toBe('σωκράτης@example.gr');
    for (const e of ['İstanbul@example.com', 'ẞtraße@example.de', 'ZOË@x.y']) expect(normalEmail(normalEmail(e))).toBe(normalEmail(e));
  });
});
