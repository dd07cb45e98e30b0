import { describe, expect, it } from 'vitest';
import type { CommentRow } from '../../store/types';
import type { PublicComment } from '../../../contract';
import { buildTree, MAX_NESTING } from './present';

let next = 1;
const row = (parentId: number | null, status: CommentRow['status'] = 'published'): CommentRow => ({
  id: next++,
  threadId: 1,
  parentId,
  rootId: null,
  author: 'a',
  email: null,
  body: 'b',
  html: '<p>b</p>',
  status,
  featured: false,
  reactions: 0,
  reports: 0,
  reportsReviewed: false,
  statusByDesk: false,
  decidedAt: null,
  userId: null,
  badges: [],
  reader: null,
  host: null,
  editTokenHash: null,
  createdAt: next,
  editedAt: null,
  importKey: null,
});

/** A chain of `n` replies under `from`, returned top down. */
const chainUnder = (from: CommentRow, n: number) => {
  const out: CommentRow[] = [];
  for (let p = from; out.length < n; ) out.push((p = row(p.id)));
  return out;
};

describe('buildTree', () => {
  it('lists replies below MAX_NESTING flat, depth first in reading order, under the reply at that depth', () => {
    const root = row(null);
    const spine = chainUnder(root, MAX_NESTING);
    const holder = spine[spine.length - 1]!;
    // Two branches below the holder, the first one three deep, written interleaved in time.
    const a1 = row(holder.id);
    const b1 = row(holder.id);
    const a2 = row(a1.id);
    const b2 = row(b1.id);
    const a3 = row(a2.id);
    const [tree] = buildTree([root], [...spine, a1, b1, a2, b2, a3]);
    let node: PublicComment = tree!;
    for (let depth = 0; depth < MAX_NESTING; depth++) node = node.replies[0]!;
    expect(node.id).toBe(holder.id);
    expect(node.replies.map((r) => r.id)).toEqual([a1.id, a2.id, a3.id, b1.id, b2.id]);
    expect(node.replies.map((r) => r.parentId)).toEqual([holder.id, a1.id, a2.id, holder.id, b1.id]);
  });

  it('prunes deleted placeholders that hold nothing up, keeps those that do, and ignores a reply naming itself', () => {
    const root = row(null, 'deleted');
    const gone = row(root.id, 'deleted');
    const under = row(gone.id, 'rejected');
    const kept = row(root.id, 'deleted');
    const visible = row(kept.id);
    const selfish = { ...row(null), parentId: 0 };
    selfish.parentId = selfish.id;
    const tree = buildTree([root], [gone, under, kept, visible, selfish]);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.replies.map((r) => r.id)).toEqual([kept.id]);
    expect(tree[0]!.replies[0]!.replies.map((r) => r.id)).toEqual([visible.id]);
    expect(buildTree([row(null, 'deleted')], [])).toEqual([]);
  });
});
