import { describe, expect, it } from 'vitest';
import { cleanAuthor, cleanEmail, linkPath, parseDate } from './fields';

describe('fields', () => {
  it('keeps authors to 80 code points of one visible line', () => {
    expect(cleanAuthor('  Ann \n  Lee\u202e ')).toBe('Ann Lee');
    expect(cleanAuthor('😀'.repeat(100))).toBe('😀'.repeat(80));
    expect(cleanAuthor('   ')).toBe('Anonymous');
    expect(cleanAuthor(null)).toBe('Anonymous');
  });

  it('keeps only e-mail addresses that look like one', () => {
    expect(cleanEmail(' a@b.example\n ')).toBe('a@b.example');
    expect(cleanEmail('none')).toBeNull();
    expect(cleanEmail('')).toBeNull();
  });

  it('keys threads by path and query', () => {
    expect(linkPath('http://localhost:4000/blog/2013/02/12/redacted/index.html')).toBe('/blog/2013/02/12/redacted/index.html');
    expect(linkPath('http://example.tld/?p=4')).toBe('/?p=4');
    expect(linkPath('https://example.tld')).toBe('/');
    expect(linkPath('/bare/path#frag')).toBe('/bare/path');
    expect(linkPath('javascript:alert(1)')).toBeNull();
    expect(linkPath('')).toBeNull();
  });

  it('reads dates as UTC unless they say otherwise', () => {
    expect(parseDate('2014-01-14 17:32:12')).toBe(Date.UTC(2014, 0, 14, 17, 32, 12));
    expect(parseDate('2013-10-10T19:20:29Z')).toBe(Date.UTC(2013, 9, 10, 19, 20, 29));
    expect(parseDate('2013-10-10T21:20:29+02:00')).toBe(Date.UTC(2013, 9, 10, 19, 20, 29));
    expect(parseDate(1600000000.25)).toBe(1600000000250);
    expect(parseDate(1700000000000)).toBe(1700000000000);
    expect(parseDate('0000-00-00 00:00:00')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
  });
});
