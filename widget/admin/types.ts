// Shapes of the admin API's answers, taken from the server's own types so the two never drift
// apart (type-only imports: nothing of the server ends up in the bundle).
export type { DeskComment } from '../../server/services/moderation/desk-comment';
export type { DeskThread } from '../../server/services/moderation/threads';
export type { DeskBan } from '../../server/services/moderation/bans';
export type { AuditEntry } from '../../server/services/moderation/audit';
export type { QueueName } from '../../server/store/types';

import type { QueueName } from '../../server/store/types';

export type QueueCounts = Record<QueueName, number>;

export interface WordEntry {
  id: number;
  kind: 'banned' | 'suspect';
  word: string;
  createdAt: string;
}

/** What a section needs from the page: the API and a way to tell the moderator what happened. */
export interface Desk {
  api: import('./api').DeskApi;
  /** Shown in the status line and read out by screen readers. */
  announce(message: string): void;
  /** Opens the comment queue filtered to one thread. */
  showThread(key: string): void;
}
