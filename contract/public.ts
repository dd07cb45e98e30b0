import type { CommentStatus, OwnStatus, ReportReason, UserRole } from './enums';

/**
 * Shapes of the public API (`/api/v1`, docs/api.md): what the server answers and what the
 * widget reads. Times are ISO 8601 text.
 */

/** The footer numbers of a thread. `comments` counts published comments only. */
export interface Counts {
  views: number;
  comments: number;
}

/** `GET /threads/{thread}`: counts and state; an unknown thread reads as zeros. */
export interface ThreadInfo extends Counts {
  thread: string;
  title: string | null;
  url: string | null;
  closed: boolean;
  /** When it closed (by the desk, or `FOOTNOTE_AUTO_CLOSE_DAYS` after it began); null while open or when unknown. */
  closedAt: string | null;
  /** Whether guests may post, react and report (`FOOTNOTE_GUESTS`); false: only signed-in readers. */
  guests: boolean;
}

/** `GET /counts?thread=a&thread=b`: counts by thread key. */
export type CountsByThread = Record<string, Counts>;

/**
 * A comment as the public sees it: never an email, an address, a reader hash or a token.
 * A deleted placeholder keeps its place in the tree with empty text.
 */
export interface PublicComment {
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
  /** A signed-in author's opaque id (stable, not the newsroom's own id); null for guests. */
  authorId: string | null;
  /** `"Staff"` for staff, moderators and admins, then the sign-in token's own badges; `[]` for guests. */
  badges: string[];
  replies: PublicComment[];
}

/** The author's own comment, in the answers to posting and editing: its status shows. */
export type OwnComment = PublicComment & { status: OwnStatus };

/** `GET /threads/{thread}/comments`. */
export interface CommentPage {
  comments: PublicComment[];
  /** Published comments in the thread. */
  total: number;
  /** The cursor of the next page, or null on the last. */
  next: string | null;
}

/** `200` of `POST /threads/{thread}/views`: the counts after this view, and all else the footer needs. */
export interface Viewed extends Counts {
  closed: boolean;
  /** As in `ThreadInfo`. */
  closedAt: string | null;
  /** As in `ThreadInfo`. */
  guests: boolean;
}

/** Body of `POST /threads/{thread}/views` (optional): fills a new thread's title and url. */
export interface ViewRequest {
  title?: string | null;
  url?: string | null;
}

/** Body of `POST /threads/{thread}/comments`. */
export interface NewCommentRequest {
  /** Required of guests; ignored when signed in (the name comes from the token). */
  author?: string;
  body: string;
  email?: string | null;
  parentId?: number | null;
  /** The honeypot field: a person leaves it empty. */
  website?: string | null;
  /** How long the form was on screen before posting. */
  elapsedMs?: number | null;
  title?: string | null;
  url?: string | null;
  /** Email me replies to this comment (needs `email`; docs/mail.md). */
  notify?: boolean | null;
  /** The widget's language, for that mail (`en`, `de`, `es`, `fr`, `ru`; others read as `en`). */
  lang?: string | null;
}

/** `201` of `POST /threads/{thread}/comments`. */
export interface Posted {
  comment: OwnComment;
  /** Lets the author edit or delete it for a while (`Authorization: Bearer`). */
  editToken: string;
  /** The thread's counts after this comment (a pending one does not change them). */
  counts: Counts;
  /**
   * Only when `notify` was asked and mail is on: `confirm` (a confirmation mail is on its way;
   * nothing else is sent until its link is followed) or `subscribed` (the address is confirmed).
   */
  subscription?: 'confirm' | 'subscribed';
}

/**
 * A comment in a live event: the public shape with its current status, so a page can drop one
 * that is no longer published (its text is then empty).
 */
export type LiveComment = PublicComment & { status: CommentStatus };

/**
 * The events of `GET /threads/{thread}/events` (server-sent events), by name: `comment` a
 * newly published comment, `update` one that changed (edited, moderated, deleted), `counts`
 * the thread's new numbers.
 */
export interface LiveEvents {
  comment: LiveComment;
  update: LiveComment;
  counts: Counts;
}

/** One event of the stream: its name and its data. */
export type LiveEvent = { [K in keyof LiveEvents]: { type: K; data: LiveEvents[K] } }[keyof LiveEvents];

/** Body of `PATCH /comments/{id}`. */
export interface EditRequest {
  body: string;
}

/** `200` of `PATCH /comments/{id}`. */
export interface Edited {
  comment: OwnComment;
}

/** `200` of the reactions endpoints. */
export interface ReactionState {
  reacted: boolean;
  reactions: number;
}

/** Body of `POST /comments/{id}/reports`. */
export interface ReportRequest {
  reason: ReportReason;
  note?: string | null;
}

/** The signed-in reader, as `GET /me` answers (with `Authorization: Bearer <sso token>`). */
export interface Me {
  authorId: string;
  username: string;
  role: UserRole;
  badges: string[];
  /** Commenters this reader chose to ignore (their comments fold to one line), by `authorId`. */
  ignored: string[];
}
