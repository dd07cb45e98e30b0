import { describe, expect, it } from 'vitest';
import { IdTable } from './id-table';

describe('IdTable', () => {
  it('maps ids to values through growth, telling similar ids apart', () => {
    const table = new IdTable(4);
    for (let i = 0; i < 50_000; i++) table.set(`disqus:${1_000_000 + i}`, i % 7);
    expect(table.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(table.get(`disqus:${1_000_000 + i}`)).toBe(i % 7);
    expect(table.has('disqus:999999')).toBe(false);
    expect(table.has('disqus:1050000')).toBe(false);
    expect(table.has('')).toBe(false);
  });

  it('overwrites the value of an id it holds', () => {
    const table = new IdTable();
    table.set('wordpress:/a/#1', 1);
    table.set('wordpress:/a/#1', 2);
    table.set('', 3);
    expect([table.size, table.get('wordpress:/a/#1'), table.get('')]).toEqual([2, 2, 3]);
  });
});
