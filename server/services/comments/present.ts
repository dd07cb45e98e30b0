import type { OwnComment, PublicComment } from '../../../contract';
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
    replies: [],
  };
}

/** The author's own view right after posting or editing: the public shape plus its status. */
export const presentOwn = (row: CommentRow): OwnComment => ({
  // The author sees their own text even while it is held.
  ...present(row, row.status === 'deleted'),
  // Spam and rejected read as held like any pending comment: a spammer learns nothing from
  // the answer. (A deleted comment is never edited, so it never reaches here.)
  status: row.status === 'published' ? 'published' : 'pending',
});

/**
 * Builds the reply trees under `roots` from a flat list of replies (oldest first), dropping
 * deleted placeholders that no longer hold up any visible reply.
 */
export function buildTree(roots: readonly CommentRow[], replies: readonly CommentRow[]): PublicComment[] {
  const nodes = new Map<number, PublicComment>();
  const top = roots.map((r) => {
    const node = presentComment(r);
    nodes.set(r.id, node);
    return node;
  });
  for (const r of replies) nodes.set(r.id, presentComment(r));
  for (const r of replies) {
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    const node = nodes.get(r.id);
    if (parent && node) parent.replies.push(node);
  }
  const prune = (list: PublicComment[]): PublicComment[] =>
    list.filter((c) => {
      c.replies = prune(c.replies);
      return !c.deleted || c.replies.length > 0;
    });
  return prune(top);
}
