import type { LiveComment, OwnComment, PublicComment } from '../../../contract';
import type { CommentRow } from '../../store/types';

/**
 * A comment as the public sees it: never an email, an address, a reader hash or a token.
 * A deleted placeholder keeps its place in the tree with empty text.
 */
export function presentComment(row: CommentRow): PublicComment {
  // Anything not published is shown to the public only as an empty placeholder.
  return present(row, row.status !== 'published');
}

function present(row: CommentRow, deleted: boolean): PublicComment {
  return {
    id: row.id,
    parentId: row.parentId,
    author: deleted ? '' : row.author,
    body: deleted ? '' : row.body,
    html: deleted ? '' : row.html,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
    reactions: row.reactions,
    featured: row.featured,
    deleted,
    authorId: deleted ? null : row.userId,
    badges: deleted ? [] : row.badges,
    replies: [],
  };
}

/**
 * A comment in a live event. Every listener of the stream is public, so a comment that left the
 * thread is shown as the public API shows it (an empty placeholder, status "deleted"), never as
 * spam, rejected or pending.
 */
export const presentLive = (row: CommentRow): LiveComment => ({
  ...presentComment(row),
  status: row.status === 'published' ? 'published' : 'deleted',
});

/** The author's own view right after posting or editing: the public shape plus its status. */
export const presentOwn = (row: CommentRow): OwnComment => ({
  // The author sees their own text even while it is held.
  ...present(row, row.status === 'deleted'),
  // Spam and rejected read as held like any pending comment: a spammer learns nothing from
  // the answer. (A deleted comment is never edited, so it never reaches here.)
  status: row.status === 'published' ? 'published' : 'pending',
});

/**
 * How deep replies nest in the public answer: a top-level comment is at depth 0, and a reply at
 * this depth holds every reply below it flat, in reading order (depth first, oldest first),
 * each still naming its own `parentId`. However long a chain of replies to replies grows, the
 * answer stays this shallow, so no JSON parser (nor `JSON.stringify`, which gives up a few
 * thousand levels down) meets a tree deeper than this.
 */
export const MAX_NESTING = 32;

/** Keeps a comment in the tree: visible itself, or a deleted placeholder holding up a reply. */
const holdsSomething = (c: PublicComment) => !c.deleted || c.replies.length > 0;

/**
 * Builds the reply trees under `roots` from a flat list of replies (oldest first), dropping
 * deleted placeholders that no longer hold up any visible reply, and listing replies deeper
 * than `MAX_NESTING` flat. Loops, not recursion: a chain thousands of replies deep must not
 * exhaust the call stack.
 */
export function buildTree(roots: readonly CommentRow[], replies: readonly CommentRow[]): PublicComment[] {
  const nodes = new Map<number, PublicComment>();
  const top = roots.map((r) => {
    const node = presentComment(r);
    nodes.set(r.id, node);
    return node;
  });
  for (const r of replies) if (!nodes.has(r.id)) nodes.set(r.id, presentComment(r));
  for (const r of replies) {
    const parent = r.parentId === null || r.parentId === r.id ? undefined : nodes.get(r.parentId);
    const node = nodes.get(r.id);
    if (parent && node) parent.replies.push(node);
  }
  // Every comment reachable from the roots, parents before their replies.
  const order: PublicComment[] = [];
  for (const stack = [...top]; stack.length > 0; ) {
    const node = stack.pop()!;
    order.push(node);
    // A loop, not push(...replies): spreading a huge argument list overflows the stack too.
    for (const r of node.replies) stack.push(r);
  }
  // Replies before their parents: a placeholder is judged once its replies have been.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (node.replies.length > 0) node.replies = node.replies.filter(holdsSomething);
  }
  const tree = top.filter(holdsSomething);
  for (const stack: [PublicComment, number][] = tree.map((n) => [n, 0]); stack.length > 0; ) {
    const [node, depth] = stack.pop()!;
    if (depth === MAX_NESTING) node.replies = flatDescendants(node);
    else for (const r of node.replies) stack.push([r, depth + 1]);
  }
  return tree;
}

/** Every reply below `node` in reading order, each emptied of its own replies. */
function flatDescendants(node: PublicComment): PublicComment[] {
  const out: PublicComment[] = [];
  for (const stack = [...node.replies].reverse(); stack.length > 0; ) {
    const c = stack.pop()!;
    out.push(c);
    for (let i = c.replies.length - 1; i >= 0; i--) stack.push(c.replies[i]!);
    c.replies = [];
  }
  return out;
}
