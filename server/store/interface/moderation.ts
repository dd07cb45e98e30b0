// The store interface, moderation: word lists, bans and the audit log (see ../types.ts for the whole contract).
import type { WordKind } from '../../../contract';

export interface BanRow {
  id: number;
  /** Normalised (`normalEmail`). */
  email: string | null;
  reader: string | null;
  /** A banned author's address, hashed (`ReaderIdentity.host`). */
  host: string | null;
  reason: string | null;
  until: number | null;
  createdAt: number;
}

export interface AuditRow {
  id: number;
  at: number;
  action: string;
  targetType: string;
  targetId: string;
  before: string | null;
  after: string | null;
  detail: string | null;
  /** Who acted: JSON `{"id","name"}` of a signed-in moderator, `admin-token` or `system`; null in old entries. */
  actor: string | null;
}

/** A stored word-list entry. */
export interface WordRow {
  id: number;
  kind: WordKind;
  word: string;
  createdAt: number;
}

export interface ModerationStore {
  listWords(kind?: WordKind): Promise<WordRow[]>;
  addWords(kind: WordKind, words: readonly string[]): Promise<number>;
  removeWord(id: number): Promise<boolean>;
  addBan(ban: Omit<BanRow, 'id'>): Promise<BanRow>;
  listBans(): Promise<BanRow[]>;
  removeBan(id: number): Promise<boolean>;
  /** A ban in force now for this email (normalised), reader or host, if any. A signed-in user's bans name `u:<id>` as reader. */
  activeBan(who: { email: string | null; reader: string | null; host: string | null }, now: number): Promise<BanRow | null>;
  addAudit(entry: Omit<AuditRow, 'id' | 'actor'> & { actor?: string | null }): Promise<void>;
  listAudit(beforeId: number | null, limit: number): Promise<AuditRow[]>;
}
