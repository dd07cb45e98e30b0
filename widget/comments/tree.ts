import type { Comment } from '../api/types';

/** Visits every comment of a tree. */
export function* walk(list: readonly Comment[]): Generator<Comment> {
  for (const c of list) {
    yield c;
    yield* walk(c.replies);
  }
}

export const findComment = (list: readonly Comment[], id: number) => {
  for (const c of walk(list)) if (c.id === id) return c;
  return undefined;
};

/** A copy of the tree with `comment` added under its parent (or at the top, first or last). */
export function insertComment(list: Comment[], comment: Comment, atStart: boolean): Comment[] {
  if (findComment(list, comment.id)) return replaceComment(list, comment);
  if (comment.parentId === null) return atStart ? [comment, ...list] : [...list, comment];
  return list.map((c) =>
    c.id === comment.parentId ? { ...c, replies: [...c.replies, comment] } : { ...c, replies: insertComment(c.replies, comment, atStart) },
  );
}

/** A copy with the comment of the same id replaced (keeping its replies). */
export const replaceComment = (list: Comment[], comment: Comment): Comment[] =>
  list.map((c) => (c.id === comment.id ? { ...comment, replies: c.replies } : { ...c, replies: replaceComment(c.replies, comment) }));

/** A copy without the comment; one with replies stays as a "deleted" placeholder. */
export const removeComment = (list: Comment[], id: number): Comment[] =>
  list.flatMap((c) => {
    if (c.id !== id) return [{ ...c, replies: removeComment(c.replies, id) }];
    return c.replies.length ? [{ ...c, deleted: true, author: '', body: '', html: '' }] : [];
  });
