import { describe, expect, it } from 'vitest';
import type { Comment } from '../api/types';
import { findComment, insertComment, removeComment, replaceComment, walk } from './tree';

let next = 1;
/** A published comment with fresh ids; `replies` nest under it. */
function c(author: string, replies: Comment[] = []): Comment {
  const id = next++;
  for (const r of replies) r.parentId = id;
  return { id, parentId: null, author, body: author, html: `<p>${author}</p>`, createdAt: new Date(0).toISOString(), editedAt: null, reactions: 0, featured: false, deleted: false, replies };
}
const authors = (list: readonly Comment[]) => [...walk(list)].map((x) => x.author);

describe('comment tree', () => {
  it('walks depth first, in order', () => {
    const tree = [c('a', [c('a1', [c('a1x')]), c('a2')]), c('b')];
    expect(authors(tree)).toEqual(['a', 'a1', 'a1x', 'a2', 'b']);
    expect(findComment(tree, tree[0]!.replies[0]!.replies[0]!.id)?.author).toBe('a1x');
    expect(findComment(tree, 999_999)).toBeUndefined();
  });

  it('inserts a top-level comment last (oldest first) or first (newest first), a reply under its parent', () => {
    const tree = [c('a', [c('a1')]), c('b')];
    expect(authors(insertComment(tree, c('z'), false))).toEqual(['a', 'a1', 'b', 'z']);
    expect(authors(insertComment(tree, c('z'), true))).toEqual(['z', 'a', 'a1', 'b']);
    const reply = { ...c('a1y'), parentId: tree[0]!.replies[0]!.id };
    expect(authors(insertComment(tree, reply, false))).toEqual(['a', 'a1', 'a1y', 'b']);
    // The tree given is left as it was (Lit re-renders from new objects).
    expect(authors(tree)).toEqual(['a', 'a1', 'b']);
  });

  it('inserting a comment already there replaces it instead of doubling it', () => {
    const tree = [c('a'), c('b')];
    const again = insertComment(tree, { ...tree[1]!, body: 'edited' }, false);
    expect(authors(again)).toEqual(['a', 'b']);
    expect(again[1]!.body).toBe('edited');
  });

  it('replaces a comment in place and keeps its replies', () => {
    const tree = [c('a', [c('a1')])];
    const edited = replaceComment(tree, { ...tree[0]!, body: 'new', replies: [] });
    expect(edited[0]!.body).toBe('new');
    expect(authors(edited)).toEqual(['a', 'a1']);
  });

  it('removes a comment without replies; one with replies becomes an empty "deleted" placeholder', () => {
    const tree = [c('a', [c('a1')]), c('b')];
    const noB = removeComment(tree, tree[1]!.id);
    expect(authors(noB)).toEqual(['a', 'a1']);
    const noA = removeComment(tree, tree[0]!.id);
    expect(noA[0]).toMatchObject({ deleted: true, author: '', body: '', html: '' });
    expect(noA[0]!.replies.map((r) => r.author)).toEqual(['a1']);
  });
});
