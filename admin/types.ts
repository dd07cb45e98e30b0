import type { DeskApi } from './api';

/** What a section needs from the page: the API and a way to tell the moderator what happened. */
export interface Desk {
  api: DeskApi;
  /** Shown in the status line and read out by screen readers. */
  announce(message: string): void;
  /** Opens the comment queue filtered to one thread. */
  showThread(key: string): void;
  /** Opens the drawer of a signed-in commenter (docs/sso.md). */
  showUser(authorId: string): void;
}
