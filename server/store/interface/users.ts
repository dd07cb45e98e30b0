// The store interface, users signed in with the newsroom's accounts (see ../types.ts for the whole contract).
import type { CommentStatus, UserRole } from '../../../contract';
import type { DataRequestComment, EraseResult } from './archive';

/** A reader signed in with the newsroom's account. */
export interface UserRow {
  /** Ours: opaque, shown to the public as `authorId`. */
  id: string;
  /** The newsroom's id for them (`user.id` in their token). */
  ssoId: string;
  username: string;
  /** Normalised (`normalEmail`). */
  email: string | null;
  role: UserRole;
  badges: string[];
  url: string | null;
  premod: boolean;
  note: string | null;
  firstSeen: number;
  lastSeen: number;
}

/** What a verified token says about a user. */
export type UserClaims = Pick<UserRow, 'ssoId' | 'username' | 'email' | 'role' | 'badges' | 'url'>;

/** A user's comment for the desk, with its thread. */
export type UserComment = DataRequestComment;

export interface UserStore {
  /**
   * Creates the user on their first token, or brings name, email, role and badges up to the
   * latest token's; `lastSeen` moves when it is older than `seenEveryMs`. When the name or the
   * shown badges changed, their comments are rewritten in the same transaction (`renamed`).
   * `newId` makes the opaque id of a new user.
   */
  upsert(claims: UserClaims, shownBadges: string[], now: number, newId: () => string, seenEveryMs: number): Promise<{ user: UserRow; renamed: boolean }>;
  get(id: string): Promise<UserRow | null>;
  update(id: string, patch: Partial<Pick<UserRow, 'premod' | 'note'>>): Promise<UserRow | null>;
  /** Their comments by status (every status present, zeros included). */
  countsByStatus(id: string): Promise<Record<CommentStatus, number>>;
  /** Published comments by this user, or (guests) under this email: what pre-moderation of newcomers counts. */
  publishedBy(who: { userId: string } | { email: string }): Promise<number>;
  /** Their comments, newest first, with their threads. */
  comments(id: string, limit: number): Promise<UserComment[]>;
  ignore(userId: string, ignoredId: string, now: number): Promise<void>;
  unignore(userId: string, ignoredId: string): Promise<void>;
  ignored(userId: string): Promise<string[]>;
  /** The thread keys their comments are in (what a rename invalidates). */
  threadKeys(id: string): Promise<string[]>;
  /**
   * Erases one user in one transaction: their comments as `ArchiveStore.eraseByEmail` does
   * (placeholders for those with replies or imported), their ignore lists both ways, bans naming
   * them, audit entries naming them as actor or target (masked with `mask`), and the user row.
   */
  erase(id: string, mask: string): Promise<EraseResult | null>;
}
