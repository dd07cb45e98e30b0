import type { CommentPage, CountsByThread, Edited, ErrorBody, ErrorCode, NewCommentRequest, Posted, ReactionState, ReportReason, Sort, ThreadInfo, Viewed, ViewRequest } from '../../contract';

/**
 * What went wrong: the server's error code, `network` when the server could not be reached,
 * or `http` when an error answer carried no code (a proxy's page).
 */
export type FailureCode = ErrorCode | 'network' | 'http';

/** An error the widget can show: the server's sentence, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Talks to the Footnote server at `base`; every failure becomes an ApiError. */
export class Api {
  constructor(readonly base: string) {}

  private async call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    // Counts may sit in the HTTP cache for a few seconds (CDN-friendly); the widget always
    // revalidates (a cheap 304) so the reader sees their own action at once.
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`${this.base}/api/v1${path}`, { method, headers, cache: 'no-cache', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError('network', '', 0);
    }
    if (res.status === 204 || res.status === 202) return undefined as T;
    const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
    if (!res.ok) throw new ApiError(data?.error?.code ?? 'http', data?.error?.message ?? '', res.status);
    return data as T;
  }

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
