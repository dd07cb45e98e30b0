import type { CommentPage, CountsByThread, Decision, Edited, Me, NewCommentRequest, Posted, ReactionState, ReportReason, Sort, ThreadInfo, Viewed, ViewRequest } from '../../contract';
import { ApiError, call, type FailureCode } from '../../client/http';

export { ApiError, type FailureCode };

/** Talks to the Footnote server at `base` through the shared fetch wrapper (client/http.ts). */
export class Api {
  constructor(readonly base: string) {}

  // Counts may sit in the HTTP cache for a few seconds (CDN-friendly); the widget always
  // revalidates (a cheap 304) so the reader sees their own action at once.
  private call = <T>(method: string, path: string, body?: unknown, token?: string | null) =>
    call<T>(method, `${this.base}/api/v1${path}`, { body, token, cache: 'no-cache' });

  private t = (thread: string) => `/threads/${encodeURIComponent(thread)}`;

  thread = (thread: string) => this.call<ThreadInfo>('GET', this.t(thread));
  view = (thread: string, meta: ViewRequest) => this.call<Viewed>('POST', `${this.t(thread)}/views`, meta);
  counts = (threads: string[]) =>
    this.call<CountsByThread>('GET', `/counts?${threads.map((t) => `thread=${encodeURIComponent(t)}`).join('&')}`);
  list = (thread: string, sort: Sort, cursor: string | null) =>
    this.call<CommentPage>('GET', `${this.t(thread)}/comments?sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  /** `token`: the reader's sign-in token (docs/sso.md), when signed in. */
  post = (thread: string, body: NewCommentRequest, token?: string | null) => this.call<Posted>('POST', `${this.t(thread)}/comments`, body, token);
  edit = (id: number, body: string, token: string | null) => this.call<Edited>('PATCH', `/comments/${id}`, { body }, token);
  remove = (id: number, token: string | null) => this.call<void>('DELETE', `/comments/${id}`, undefined, token);
  /** Adds the reader's recommendation (`on`) or takes it back: idempotent either way, so a retry cannot flip it. */
  react = (id: number, on: boolean, token?: string | null) => this.call<ReactionState>(on ? 'POST' : 'DELETE', `/comments/${id}/reactions`, undefined, token);
  report = (id: number, reason: ReportReason, token?: string | null) => this.call<void>('POST', `/comments/${id}/reports`, { reason }, token);
  me = (token: string) => this.call<Me>('GET', '/me', undefined, token);
  /** Ignores a commenter (`on`) or stops; the list is kept on the server for a signed-in reader. */
  ignore = (token: string, authorId: string, on: boolean) => this.call<Me>(on ? 'POST' : 'DELETE', `/me/ignored/${encodeURIComponent(authorId)}`, undefined, token);
  /** A signed-in moderator's decision on a comment, through the admin API. */
  moderate = (id: number, decision: Decision, token: string | null) => this.call<unknown>('PATCH', `/admin/comments/${id}`, decision, token);
  events = (thread: string) => `${this.base}/api/v1${this.t(thread)}/events`;
}
