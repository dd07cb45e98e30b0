import type { CommentPage, CountsByThread, Edited, NewCommentRequest, Posted, ReactionState, ReportReason, Sort, ThreadInfo, Viewed, ViewRequest } from '../../contract';
import { ApiError, call, type FailureCode } from '../../client/http';

export { ApiError, type FailureCode };

/** Talks to the Footnote server at `base` through the shared fetch wrapper (client/http.ts). */
export class Api {
  constructor(readonly base: string) {}

  // Counts may sit in the HTTP cache for a few seconds (CDN-friendly); the widget always
  // revalidates (a cheap 304) so the reader sees their own action at once.
  private call = <T>(method: string, path: string, body?: unknown, token?: string) =>
    call<T>(method, `${this.base}/api/v1${path}`, { body, token, cache: 'no-cache' });

  private t = (thread: string) => `/threads/${encodeURIComponent(thread)}`;

  thread = (thread: string) => this.call<ThreadInfo>('GET', this.t(thread));
  view = (thread: string, meta: ViewRequest) => this.call<Viewed>('POST', `${this.t(thread)}/views`, meta);
  counts = (threads: string[]) =>
    this.call<CountsByThread>('GET', `/counts?${threads.map((t) => `thread=${encodeURIComponent(t)}`).join('&')}`);
  list = (thread: string, sort: Sort, cursor: string | null) =>
    this.call<CommentPage>('GET', `${this.t(thread)}/comments?sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  post = (thread: string, body: NewCommentRequest) => this.call<Posted>('POST', `${this.t(thread)}/comments`, body);
  edit = (id: number, body: string, token: string) => this.call<Edited>('PATCH', `/comments/${id}`, { body }, token);
  remove = (id: number, token: string) => this.call<void>('DELETE', `/comments/${id}`, undefined, token);
  /** Adds the reader's recommendation (`on`) or takes it back: idempotent either way, so a retry cannot flip it. */
  react = (id: number, on: boolean) => this.call<ReactionState>(on ? 'POST' : 'DELETE', `/comments/${id}/reactions`);
  report = (id: number, reason: ReportReason) => this.call<void>('POST', `/comments/${id}/reports`, { reason });
  events = (thread: string) => `${this.base}/api/v1${this.t(thread)}/events`;
}
