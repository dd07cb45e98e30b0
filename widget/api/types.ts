import type { CommentStatus, PublicComment } from '../../contract';

/**
 * A comment as the widget holds it: the public shape (contract/public.ts), with a status where
 * the server told one: the reader's own comments (published or pending, from the answers to
 * posting and editing) and comments that came live (any status: the page drops one that left).
 */
export type Comment = Omit<PublicComment, 'replies'> & { status?: CommentStatus; replies: Comment[] };
