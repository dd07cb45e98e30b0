import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseImport } from './index';
import { collect, commentsOf, fixture } from './testing';

const head = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').slice(0, 1024);

describe('detectFormat', () => {
  it('recognizes the three fixtures', () => {
    expect(detectFormat(head('isso-disqus.xml'))).toBe('disqus');
    expect(detectFormat(head('isso-wordpress.xml'))).toBe('wordpress');
    expect(detectFormat(head('isso-generic.json'))).toBe('json');
    expect(detectFormat('\uFEFF  {"format":"footnote"')).toBe('json');
  });

  it('says null for anything else', () => {
    expect(detectFormat('<rss version="2.0"><channel><item/>')).toBeNull();
    expect(detectFormat('<html><body>')).toBeNull();
    expect(detectFormat('hello')).toBeNull();
    expect(detectFormat('')).toBeNull();
  });
});

describe('parseImport', () => {
  it.each([
    ['disqus', 'isso-disqus.xml', 5],
    ['wordpress', 'isso-wordpress.xml', 8],
    ['json', 'isso-generic.json', 2],
  ] as const)('dispatches %s and yields the same sourceIds twice', async (format, file, count) => {
    const run = async (): Promise<string[]> => commentsOf(await collect(parseImport(format, fixture(file)))).map((c) => c.sourceId);
    const first = await run();
    expect(first).toHaveLength(count);
    expect(new Set(first).size).toBe(count);
    expect(await run()).toEqual(first);
  });

  it('accepts a web ReadableStream', async () => {
    const stream = new Blob([readFileSync(new URL('./fixtures/isso-generic.json', import.meta.url))]).stream();
    expect(commentsOf(await collect(parseImport('json', stream)))).toHaveLength(2);
  });
});
