import { describe, expect, it } from 'vitest';
import type { Comment } from '../api/types';
import { arrive, inPlace, SHORT_THREAD, showAll } from './arrivals';

let next = 1;
const comment = (over: Partial<Comment> = {}): Comment => ({
  id: next++,
  parentId: null,
  author: 'Grace',
  body: 'text',
  html: '<p>text</p>',
  createdAt: new Date().toISOString(),
  editedAt: null,
  reactions: 0,
  featured: false,
  deleted: false,
  // Live events carry the comment's status.
  status: 'published',
  replies: [],
  ...over,
} as Comment);
const many = (n: number) => Array.from({ length: n }, () => comment());

describe('inPlace: where a live comment goes', () => {
  it('in place on an empty thread, wherever the reader is', () => {
    expect(inPlace([], false, false)).toBe(true);
    // Only deleted placeholders shown: "No comments yet" is on screen.
    expect(inPlace([comment({ deleted: true })], false, false)).toBe(true);
  });

  it('in place on a short thread only when the reader has reached its end', () => {
    expect(inPlace(many(3), false, true)).toBe(true);
    expect(inPlace(many(3), false, false)).toBe(false);
    // More pages to load: not the end of the thread, whatever is on screen.
    expect(inPlace(many(3), true, true)).toBe(false);
  });

  it('behind the button on a busy thread, even at its end', () => {
    expect(inPlace(many(SHORT_THREAD), false, true)).toBe(true);
    expect(inPlace(many(SHORT_THREAD + 1), false, true)).toBe(false);
    // Replies count: a thread of 3 top-level comments with 9 replies is busy.
    const busy = [comment({ replies: many(9) }), ...many(2)];
    expect(inPlace(busy, false, true)).toBe(false);
  });
});

describe('arrive', () => {
  it('places a new comment, or queues it, keeping the order of those waiting', () => {
    const shown = { comments: many(2), incoming: [] };
    const c = comment();
    expect(arrive(shown, c, true, false).comments.map((x) => x.id)).toEqual([...shown.comments.map((x) => x.id), c.id]);
    const queued = arrive(shown, c, false, false);
    expect(queued.comments).toBe(shown.comments);
    expect(queued.incoming.map((x) => x.id)).toEqual([c.id]);
    // Once one waits, later ones wait too, even where they could be placed.
    const d = comment();
    expect(arrive(queued, d, true, false).incoming.map((x) => x.id)).toEqual([c.id, d.id]);
    // Shown, they keep that order.
    expect(showAll(arrive(queued, d, true, false), false).comments.slice(-2).map((x) => x.id)).toEqual([c.id, d.id]);
  });

  it('places a reply under its parent, queues one whose parent waits, and ignores one whose parent is not on the page', () => {
    const parent = comment();
    const shown = { comments: [parent], incoming: [] };
    const reply = comment({ parentId: parent.id });
    expect(arrive(shown, reply, true, false).comments[0]!.replies.map((x) => x.id)).toEqual([reply.id]);
    const waiting = comment();
    const queued = arrive(shown, waiting, false, false);
    expect(arrive(queued, comment({ parentId: waiting.id }), true, false).incoming).toHaveLength(2);
    expect(arrive(shown, comment({ parentId: 99_999 }), true, false)).toBe(shown);
  });

  it('applies an edit in place and removes a comment that left, shown or waiting', () => {
    const c = comment();
    const shown = { comments: [c], incoming: [] };
    expect(arrive(shown, { ...c, body: 'edited', status: 'published' }, false, false).comments[0]!.body).toBe('edited');
    expect(arrive(shown, { ...c, status: 'rejected' }, false, false).comments).toEqual([]);
    const w = comment();
    const queued = arrive(shown, w, false, false);
    expect(arrive(queued, { ...w, deleted: true }, false, false).incoming).toEqual([]);
    // The reader's own comment held for review stays on their page when others' events say "pending".
    const mine = comment({ status: 'pending' });
    expect(arrive({ comments: [mine], incoming: [] }, { ...mine, status: 'pending' }, false, false).comments).toHaveLength(1);
  });
});
