import type { Config } from '../config/env';
import type { Store } from '../store/types';
import type { EventHub } from './events/hub';
import type { RateLimiter } from './limits/rate-limiter';
import type { Cluster, Limit } from './cluster';
import type { ContentCheck } from './comments/checks';
import type { ReaderIdentity } from './readers/identity';
import type { ThreadCache } from './threads/thread-cache';
import type { ViewCounter } from './views/view-counter';
import type { ViewLimiter } from './views/view-limiter';
import type { ListCache } from './comments/list-cache';
import type { WordLists } from './moderation/words';
import type { Outbox } from './mail/outbox';

/** Everything a service needs, built once by `createServices`. Services know nothing of HTTP. */
export interface ServiceContext {
  config: Config;
  store: Store;
  /** Thread rows by key, cached in front of `store.threads` (every write of a thread row goes through it or tells it, so none goes stale). */
  threads: ThreadCache;
  views: ViewCounter;
  hub: EventHub;
  identity: ReaderIdentity;
  listCache: ListCache;
  limits: {
    /** Shared by every instance (`cluster.limit`): awaited, since on PostgreSQL they ask the database. */
    post: Limit;
    postRange: Limit;
    react: Limit;
    reactRange: Limit;
    report: Limit;
    reportRange: Limit;
    /** Per instance (docs/scale.md): every page load passes here, and a query each would cost more than the view. */
    view: ViewLimiter;
    viewRange: RateLimiter;
  };
  /** The banned and suspect word lists, compiled (also the `word-lists` check). */
  words: WordLists;
  /** Content checks run on every new comment, in order (word lists, spam heuristics, hooks). */
  checks: ContentCheck[];
  /** What the instances sharing the database agree on (one instance alone: `localCluster`). */
  cluster: Cluster;
  /** Sends queued mail and webhook events (docs/mail.md); `start()` begins, writes `kick()` it. */
  outbox: Outbox;
  now: () => number;
}
