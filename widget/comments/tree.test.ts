import { describe, expect, it } from 'vitest';
import type { Comment } from '../api/types';
import { findComment, flatReplies, insertComment, removeComment, replaceComment, walk } from './tree';

let next = 1;
/** A published comment with fresh ids; `replies` nest under it. */
function c(author: string, replies: Comment[] = []): Comment {
  const id = next++;
  for (const r of replies) r.parentId = id;
  return { id, parentId: null, author, body: author, html: `<p>${author}</p>`, createdAt: new Date(0).toISOString(), editedAt: null, reactions: 0, featured: false, deleted: false, authorId: null, badges: [], replies };
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

  it('handles a chain of replies 3,000 deep: walk, find, insert, replace, remove, list flat', () => {
    const top = c('level 0');
    let bottom = top;
    for (let i = 1; i <= 3000; i++) {
      const reply = c(`level ${i}`);
      reply.parentId = bottom.id;
      bottom.replies.push(reply);
      bottom = reply;
    }
    const tree = [c('before'), top];
    expect(authors(tree)).toHaveLength(3002);
    expect(findComment(tree, bottom.id)?.author).toBe('level 3000');

    const reply = { ...c('level 3001'), parentId: bottom.id };
    const longer = insertComment(tree, reply, false);
    expect(authors(longer).slice(-2)).toEqual(['level 3000', 'level 3001']);
    expect(authors(tree)).toHaveLength(3002);
    // Only the comments on the way down are copies; the one beside them is shared.
    expect(longer[0]).toBe(tree[0]);

    const edited = replaceComment(longer, { ...bottom, body: 'edited', replies: [] });
    expect(findComment(edited, bottom.id)?.body).toBe('edited');
    expect(findComment(edited, reply.id)?.author).toBe('level 3001');

    const placeholder = removeComment(edited, bottom.id);
    expect(findComment(placeholder, bottom.id)).toMatchObject({ deleted: true, author: '' });
    const gone = removeComment(placeholder, reply.id);
    expect(findComment(gone, reply.id)).toBeUndefined();

    const flat = flatReplies(top);
    expect(flat).toHaveLength(3000);
    expect(flat[2999]).toMatchObject({ to: 'level 2999' });
    expect(flat[2999]!.c.author).toBe('level 3000');
  });

  it('names the comment answered in a flat list the server already flattened', () => {
    const holder = c('holder');
    const a = c('a');
    const b = { ...c('b'), parentId: a.id };
    a.parentId = holder.id;
    holder.replies = [a, b];
    expect(flatReplies(holder).map((x) => `${x.c.author}>${x.to}`)).toEqual(['a>holder', 'b>a']);
  });
});
