/** Shapes of the public API, as the contract documents them. */
export interface Counts {
  views: number;
  comments: number;
}

export interface ThreadInfo extends Counts {
  thread: string;
  title: string | null;
  url: string | null;
  closed: boolean;
}

export interface Comment {
  id: number;
  parentId: number | null;
  author: string;
  body: string;
  html: string;
  createdAt: string;
  editedAt: string | null;
  reactions: number;
  featured: boolean;
  deleted: boolean;
  replies: Comment[];
  /** Only on the author's own comments (post and edit answers). */
  status?: 'published' | 'pending';
}

export interface CommentPage {
  comments: Comment[];
  total: number;
  next: string | null;
}

export interface Posted {
  comment: Comment & { status: 'published' | 'pending' };
  editToken: string;
}
