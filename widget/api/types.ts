import type { OwnStatus, PublicComment } from '../../contract';

/**
 * A comment as the widget holds it: the public shape (contract/public.ts), and on the reader's
 * own comments, from the answers to posting and editing, its status.
 */
export type Comment = Omit<PublicComment, 'replies'> & { status?: OwnStatus; replies: Comment[] };
