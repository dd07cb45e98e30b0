import type { Comment } from '../api/types';

// Loops, never recursion: a chain of replies to replies can be thousands deep, and the
// call stack is not (see docs/widget.md, "Threads").

/** Visits every comment of a tree, depth first, in reading order. */
export function* walk(list: readonly Comment[]): Generator<Comment> {
  const stack = [...list].reverse();
  while (stack.length > 0) {
    const c = stack.pop()!;
    yield c;
    for (let i = c.replies.length - 1; i >= 0; i--) stack.push(c.replies[i]!);
  }
}

export const findComment = (list: readonly Comment[], id: number) => {
  for (const c of walk(list)) if (c.id === id) return c;
  return undefined;
};

/** Every reply below `c` in reading order, each with the name of the one it answers. */
export function flatReplies(c: Comment): { c: Comment; to: string }[] {
  const names = new Map<number, string>([[c.id, c.author]]);
  const out: { c: Comment; to: string }[] = [];
  for (const r of walk(c.replies)) {
    names.set(r.id, r.author);
    // The server already lists very deep replies flat: the parent is then an earlier entry.
    out.push({ c: r, to: (r.parentId === null ? undefined : names.get(r.parentId)) ?? c.author });
  }
  return out;
}

/** The positions from the top list down to the comment with `id`, or null. */
function pathTo(list: readonly Comment[], id: number): number[] | null {
  const up = new Map<Comment, { parent: Comment | null; at: number }>();
  const stack: Comment[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    up.set(list[i]!, { parent: null, at: i });
    stack.push(list[i]!);
  }
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c.id === id) {
      const path: number[] = [];
      for (let step = up.get(c); step; step = step.parent ? up.get(step.parent) : undefined) path.push(step.at);
      return path.reverse();
    }
    for (let i = c.replies.length - 1; i >= 0; i--) {
      up.set(c.replies[i]!, { parent: c, at: i });
      stack.push(c.replies[i]!);
    }
  }
  return null;
}

/**
 * A copy of `list` where the comment at `path` becomes what `change` makes of it (none: it
 * goes). Only the comments on the way down are copied; the rest are shared.
 */
function changeAt(list: Comment[], path: readonly number[], change: (c: Comment) => Comment[]): Comment[] {
  const levels: Comment[][] = [list];
  for (let d = 0; d < path.length - 1; d++) levels.push(levels[d]![path[d]!]!.replies);
  let d = path.length - 1;
  let replacement = change(levels[d]![path[d]!]!);
  for (;;) {
    const level = levels[d]!;
    const copy = [...level.slice(0, path[d]!), ...replacement, ...level.slice(path[d]! + 1)];
    if (d === 0) return copy;
    d--;
    replacement = [{ ...levels[d]![path[d]!]!, replies: copy }];
  }
}

/** A copy of the tree with `comment` added under its parent (or at the top, first or last). */
export function insertComment(list: Comment[], comment: Comment, atStart: boolean): Comment[] {
  if (findComment(list, comment.id)) return replaceComment(list, comment);
  if (comment.parentId === null) return atStart ? [comment, ...list] : [...list, comment];
  const path = pathTo(list, comment.parentId);
  return path ? changeAt(list, path, (p) => [{ ...p, replies: [...p.replies, comment] }]) : list;
}

/** A copy with the comment of the same id replaced (keeping its replies). */
export function replaceComment(list: Comment[], comment: Comment): Comment[] {
  const path = pathTo(list, comment.id);
  return path ? changeAt(list, path, (c) => [{ ...comment, replies: c.replies }]) : list;
}

/** A copy without the comment; one with replies stays as a "deleted" placeholder. */
export function removeComment(list: Comment[], id: number): Comment[] {
  const path = pathTo(list, id);
  return path ? changeAt(list, path, (c) => (c.replies.length ? [{ ...c, deleted: true, author: '', body: '', html: '' }] : [])) : list;
}
