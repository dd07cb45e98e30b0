import { ApiError, call } from '../client/http';
import type { DeskUserPage, UserSettings, AuditPage, StatsReport, BanRequest, DeliveryPage, DeliveryStatus, BulkDecided, Decision, DeskBan, DeskComment, DeskThread, QueueCounts, QueueName, QueuePage, ThreadSettings, WordEntry, WordKind, WordsAdded } from '../contract';

export { ApiError };

export interface QueueFilter {
  status: QueueName;
  thread: string;
  q: string;
}

/**
 * The admin API of this server (same origin), with the moderator's token, through the fetch
 * wrapper embed.js uses too (client/http.ts).
 */
export class DeskApi {
  constructor(
    private readonly token: string,
    /** Called when the server refuses the token (it changed, or the admin API was closed). */
    private readonly onUnauthorized: (message: string) => void = () => {},
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await call<T>(method, `/api/v1/admin${path}`, { body, token: this.token });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.onUnauthorized(messageOf(err));
      throw err;
    }
  }

  queue(f: QueueFilter, cursor: string | null, limit = 30) {
    const p = new URLSearchParams({ status: f.status, limit: String(limit) });
    if (f.thread) p.set('thread', f.thread);
    if (f.q) p.set('q', f.q);
    if (cursor) p.set('cursor', cursor);
    return this.call<QueuePage>('GET', `/comments?${p}`);
  }
  counts = (thread: string) => this.call<{ counts: QueueCounts }>('GET', `/counts${thread ? `?thread=${encodeURIComponent(thread)}` : ''}`);
  decide = (id: number, d: Decision) => this.call<{ comment: DeskComment }>('PATCH', `/comments/${id}`, d);
  decideMany = (ids: number[], d: Decision) => this.call<BulkDecided>('POST', '/comments/bulk', { ids, ...d });
  erase = (id: number) => this.call<void>('DELETE', `/comments/${id}`);

  thread = (key: string) => this.call<DeskThread>('GET', `/threads/${encodeURIComponent(key)}`);
  saveThread = (key: string, patch: ThreadSettings) =>
    this.call<DeskThread>('PATCH', `/threads/${encodeURIComponent(key)}`, patch);

  words = () => this.call<{ words: WordEntry[] }>('GET', '/words');
  addWords = (kind: WordKind, words: string[]) => this.call<WordsAdded>('POST', '/words', { kind, words });
  removeWord = (id: number) => this.call<void>('DELETE', `/words/${id}`);

  bans = () => this.call<{ bans: DeskBan[] }>('GET', '/bans');
  ban = (b: BanRequest) => this.call<{ ban: DeskBan }>('POST', '/bans', b);
  lift = (id: number) => this.call<void>('DELETE', `/bans/${id}`);

  user = (authorId: string) => this.call<DeskUserPage>('GET', `/users/${encodeURIComponent(authorId)}`);
  saveUser = (authorId: string, patch: UserSettings) => this.call<DeskUserPage>('PATCH', `/users/${encodeURIComponent(authorId)}`, patch);

  audit = (cursor: string | null) => this.call<AuditPage>('GET', `/audit?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
  deliveries = (status: DeliveryStatus | '', cursor: string | null) =>
    this.call<DeliveryPage>('GET', `/deliveries?limit=50${status ? `&status=${status}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);

  stats = (q: StatsRange) => this.call<StatsReport>('GET', `/stats?${statsQuery(q)}`);
  /** The same report's days as CSV text (`call` reads JSON only). */
  async statsCsv(q: StatsRange): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`/api/v1/admin/stats.csv?${statsQuery(q)}`, { headers: { Authorization: `Bearer ${this.token}` } });
    } catch {
      throw new ApiError('network', '', 0);
    }
    if (res.ok) return res.text();
    // An error answers JSON, as every other call's.
    const data = (await res.json().catch(() => null)) as { error?: { code?: ApiError['code']; message?: string } } | null;
    const err = new ApiError(data?.error?.code ?? 'http', data?.error?.message ?? '', res.status);
    if (res.status === 401) this.onUnauthorized(messageOf(err));
    throw err;
  }
}

/** A range of UTC days (YYYY-MM-DD), and a thread or the whole site. */
export interface StatsRange {
  from: string;
  to: string;
  thread?: string | undefined;
}

const statsQuery = (q: StatsRange) => {
  const p = new URLSearchParams({ from: q.from, to: q.to });
  if (q.thread) p.set('thread', q.thread);
  return p;
};

/** A sentence for any failure: the server's own, else what happened. */
export function messageOf(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (err.message) return err.message;
  if (err.code === 'network') return 'The Footnote server cannot be reached. Check your connection and try again.';
  return `The server answered ${err.status}.`;
}
