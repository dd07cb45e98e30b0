import { describe, expect, it } from 'vitest';
import { ParentFirst } from './parent-order';
import type { ImportedComment, ImportItem } from './types';

const c = (id: string, parent: string | null, thread = 't'): ImportedComment => ({
  kind: 'comment', sourceId: id, threadKey: thread, parentSourceId: parent, author: 'a', email: null, body: id, createdAt: 0, status: 'published',
});
const ids = (items: ImportItem[]): string[] => items.map((i) => (i.kind === 'comment' ? `${i.sourceId}<${i.parentSourceId ?? '-'}` : i.kind));

describe('ParentFirst', () => {
  it('holds replies until their parent, in their original order', () => {
    const order = new ParentFirst();
    const out = [...order.push(c('b', 'a')), ...order.push(c('d', 'b')), ...order.push(c('c', 'a')), ...order.push(c('a', null)), ...order.flush()];
    expect(ids(out)).toEqual(['a<-', 'b<a', 'd<b', 'c<a']);
  });

  it('releases orphans and cycles as top-level at the end', () => {
    const order = new ParentFirst();
    const out = [...order.push(c('x', 'missing')), ...order.push(c('p', 'q')), ...order.push(c('q', 'p')), ...order.flush()];
    expect(ids(out)).toEqual(['x<-', 'p<-', 'q<p']);
  });

  it('refuses a parent in another thread and skips duplicate ids', () => {
    const order = new ParentFirst();
    const out = [...order.push(c('a', null, 't1')), ...order.push(c('b', 'a', 't2')), ...order.push(c('a', null, 't1'))];
    expect(ids(out)).toEqual(['a<-', 'b<-', 'skip']);
  });

  it('lets the longest-waiting replies out at the top level once the waiting budget is spent', () => {
    const order = new ParentFirst(1000);
    const out: ImportItem[] = [];
    // Each reply waits for a parent that never comes; about 200 bytes apiece are estimated.
    for (let i = 0; i < 50; i++) out.push(...order.push(c(`r${i}`, `missing${i}`)));
    expect(out.length).toBeGreaterThan(40);
    expect(ids(out).slice(0, 2)).toEqual(['r0<-', 'r1<-']);
    out.push(...order.flush());
    expect(out).toHaveLength(50);
  });
});
