import type { Comment } from '../api/types';
import { findComment, insertComment, removeComment, replaceComment, walk } from './tree';

/** A thread of at most this many comments, all on one page, is short: arrivals join it in place. */
export const SHORT_THREAD = 10;

/** What the reader sees of the thread: the comments shown and those waiting behind "Show N new comments". */
export interface Shown {
  comments: Comment[];
  incoming: Comment[];
}

/**
 * Whether a new comment may appear in place: always on an empty thread (a button above "No
 * comments yet" would contradict it), and on a short thread whose end the reader has reached
 * (nothing below them moves). On a busy thread it waits behind the button, so the text the
 * reader is reading never jumps.
 */
export function inPlace(comments: readonly Comment[], morePages: boolean, readerAtEnd: boolean): boolean {
  let n = 0;
  for (const c of walk(comments)) if (!c.deleted && ++n > SHORT_THREAD) return false;
  return n === 0 || (!morePages && readerAtEnd);
}

/**
 * A live `comment` or `update` applied to what is shown: a comment that left (rejected,
 * deleted) goes, a change applies in place, and a new one is placed (`place`) or joins the
 * waiting ones. A reply whose parent is neither shown nor waiting is not on this page.
 */
export function arrive(shown: Shown, c: Comment, place: boolean, newestFirst: boolean): Shown {
  const { comments, incoming } = shown;
  const there = findComment(comments, c.id);
  if (c.status !== 'published' || c.deleted) {
    return {
      comments: there && there.status !== 'pending' ? removeComment(comments, c.id) : comments,
      incoming: incoming.filter((x) => x.id !== c.id),
    };
  }
  const fresh = { ...c, status: 'published' as const, replies: there?.replies ?? [] };
  if (there) return { comments: replaceComment(comments, fresh), incoming };
  if (incoming.some((x) => x.id === c.id)) return { comments, incoming: incoming.map((x) => (x.id === c.id ? fresh : x)) };
  const parentShown = c.parentId === null || findComment(comments, c.parentId) !== undefined;
  // Once some wait behind the button, later ones wait too: they keep their order.
  if (place && parentShown && incoming.length === 0) return { comments: insertComment(comments, fresh, newestFirst), incoming };
  if (parentShown || incoming.some((x) => x.id === c.parentId)) return { comments, incoming: [...incoming, fresh] };
  return shown;
}

/** The waiting comments, shown: each under its parent, or at the top or end of the thread. */
export const showAll = (shown: Shown, newestFirst: boolean): Shown => ({
  comments: shown.incoming.reduce((list, c) => insertComment(list, c, newestFirst), shown.comments),
  incoming: [],
});
