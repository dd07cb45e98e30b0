import type { Config } from '../config/env';
import type { Store } from '../store/types';
import { localCluster, type Cluster } from './cluster';
import { signalHandler } from './cluster/signals';
import type { ContentCheck } from './comments/checks';
import { ListCache } from './comments/list-cache';
import type { ServiceContext } from './context';
import { EventHub } from './events/hub';
import { RangeCap } from './limits/range-cap';
import { RateLimiter } from './limits/rate-limiter';
import { DEFAULT_TIMING, Outbox, type OutboxTiming } from './mail/outbox';
import type { MailTransport } from './mail/transport';
import { WordLists } from './moderation/words';
import { normalEmail } from './readers/email';
import { ReaderIdentity } from './readers/identity';
import { duplicateTextCheck, honeypotCheck, minTimeCheck } from './spam/heuristics';
import { ThreadCache } from './threads/thread-cache';
import { VIEW_WINDOW_MS, ViewCounter } from './views/view-counter';
import { ViewLimiter } from './views/view-limiter';

export interface ServiceOptions {
  now?: () => number;
  identity?: ReaderIdentity;
  /** Most live (SSE) connections the server holds at once (default: FOOTNOTE_MAX_STREAMS). */
  maxLiveConnections?: number;
  /** Extra checks run after the built-in ones (an external spam service, say). */
  extraChecks?: ContentCheck[];
  /** Other instances on the same database (`postgres/`); default: this one alone, in memory. */
  cluster?: Cluster;
  /** The outbox's clock (tests shrink the digest window and the retries). */
  outbox?: Partial<OutboxTiming>;
  /** Sends mail some other way than SMTP at FOOTNOTE_SMTP_URL (null: no mail). */
  mailTransport?: MailTransport | null;
}

/**
 * Builds the services over a store. Call `views.start()` to begin flushing views (and
 * `cluster.start()` to hear the other instances, when there are any).
 */
export async function createServices(store: Store, config: Config, options: ServiceOptions = {}): Promise<ServiceContext> {
  const now = options.now ?? Date.now;
  const identity = options.identity ?? (await ReaderIdentity.load(store.meta));
  // Bans and data requests compare emails in one form; older rows are brought to it once.
  await store.archive.normaliseEmails(normalEmail);
  const cluster = options.cluster ?? localCluster();
  const threads = new ThreadCache(store, undefined, undefined, (key) => cluster.send({ type: 'thread', thread: key }));
  const hub = new EventHub(options.maxLiveConnections ?? config.connections.maxStreams, config.connections.streamsPerRange);
  const r = config.rateLimits;
  const words = await WordLists.load(store.moderation);
  const viewLimit = new ViewLimiter('page views', r.viewsPerMinute, 60_000, 100_000, now());
  const ranges = config.ranges;
  const viewRange = new RateLimiter('page views from your network', [{ max: ranges.viewsPerMinute, windowMs: 60_000 }]);
  const viewCap = new RangeCap(ranges.readersPerArticle, VIEW_WINDOW_MS, 100_000, now());
  const ctx: ServiceContext = {
    config,
    store,
    threads,
    hub,
    identity,
    listCache: new ListCache(),
    words,
    views: new ViewCounter(store, threads, identity, hub, { now, limiter: viewLimit, rangeLimiter: viewRange, rangeCap: viewCap, cluster }),
    limits: {
      post: cluster.limit('comments', [
        ...(r.postIntervalSec > 0 ? [{ max: 1, windowMs: r.postIntervalSec * 1000 }] : []),
        { max: r.postsPerHour, windowMs: 3_600_000 },
      ]),
      // A whole address range (an office, a botnet's subnet) gets ten readers' worth.
      postRange: cluster.limit('comments from your network', [{ max: r.postsPerHour * 10, windowMs: 3_600_000 }]),
      react: cluster.limit('reactions', [{ max: r.reactionsPerMinute, windowMs: 60_000 }]),
      reactRange: cluster.limit('reactions from your network', [{ max: ranges.reactionsPerMinute, windowMs: 60_000 }]),
      report: cluster.limit('reports', [{ max: r.reportsPerHour, windowMs: 3_600_000 }]),
      reportRange: cluster.limit('reports from your network', [{ max: ranges.reportsPerHour, windowMs: 3_600_000 }]),
      view: viewLimit,
      viewRange,
    },
    // Word lists first: a refused post must not be remembered by the duplicate-text check.
    checks: [words.check, honeypotCheck, minTimeCheck(config.minFormMillis), duplicateTextCheck(now, cluster.texts), ...(options.extraChecks ?? [])],
    cluster,
    outbox: new Outbox(store, config, { ...DEFAULT_TIMING, ...options.outbox }, now, options.mailTransport),
    now,
  };
  cluster.receive(signalHandler(ctx));
  return ctx;
}

export type { ServiceContext };
