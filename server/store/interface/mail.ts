// The store interface, mail: what a write queues, subscriptions, tokens and the outbox (see ../types.ts for the whole contract).
import type { DeliveryKind, DeliveryStatus, Language } from '../../../contract';
import type { CommentRow } from './comments';

/**
 * What a comment write also writes in its own transaction, so that a change and the mail and
 * events it causes are committed together or not at all (docs/mail.md, "The outbox").
 */
export interface CommentEffects {
  now: number;
  /** Webhook events about the comment as written. */
  webhooks?: { eventId: string; body: string }[];
  /**
   * Subscribes the new comment's email to the replies under it. Unless the address is
   * confirmed already (or `confirmed`: a signed-in user's own), a confirmation mail is queued.
   */
  subscribe?: { lang: Language; confirmed: boolean };
  /**
   * The comment is a reply just published: it is queued for its parent's confirmed subscriber
   * (never when the replier is that subscriber), joining their open digest if one waits, else
   * due `firstDelayMs` from now or `windowMs` after their last reply mail, whichever is later.
   */
  replyMail?: { firstDelayMs: number; windowMs: number };
  /** The key an address is found by in the outbox and opt-outs (a hash: see `emailKey`). */
  keyOf: (email: string) => string;
}

/** Made from the comment as written (and as it was, for a change); null writes nothing more. */
export type EffectsOf = (after: CommentRow, before: CommentRow | null) => CommentEffects | null;

export interface SubscriptionRow {
  id: number;
  commentId: number;
  email: string;
  lang: Language;
  createdAt: number;
}

export interface OutboxRow {
  id: number;
  kind: DeliveryKind;
  status: DeliveryStatus;
  recipient: string | null;
  recipientKey: string | null;
  ref: number | null;
  payload: string;
  eventId: string;
  lang: Language | null;
  attempts: number;
  dueAt: number;
  leaseUntil: number | null;
  leaseOwner: string | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** How a claimed delivery ended: done (`sent`, `dropped`, `failed`), or to be tried again. */
export type Settlement =
  | { status: 'sent' | 'dropped' | 'failed'; at: number; error?: string | null }
  | { status: 'queued'; dueAt: number; error: string };

export interface MailTokenRow {
  hash: string;
  purpose: 'confirm' | 'unsubscribe';
  email: string;
  lang: Language;
  expiresAt: number;
}

export interface MailStore {
  /** Stores a link's token (its hash). */
  addToken(token: MailTokenRow): Promise<void>;
  /**
   * Follows a confirmation link: the token is used up and the address confirmed (its
   * subscriptions are mailed from now on). null: unknown, used or expired.
   */
  confirm(hash: string, now: number): Promise<{ email: string; lang: Language } | null>;
  /**
   * Unsubscribes the address an unsubscribe token names, at once: its subscriptions, its
   * confirmation, its tokens and its queued mail go, and only its key stays (`mail_optouts`).
   * null: the token is unknown (already used, or erased).
   */
  unsubscribe(hash: string, now: number, keyOf: (email: string) => string): Promise<{ lang: Language } | null>;
  subscriptionOf(commentId: number): Promise<SubscriptionRow | null>;
  isConfirmed(email: string): Promise<boolean>;
  /** Whether this address key unsubscribed at or after `since`. */
  optedOutSince(key: string, since: number): Promise<boolean>;
  /**
   * Claims up to `limit` due deliveries, oldest due first, for `owner` until `now + leaseMs`:
   * rows claimed by another worker whose lease has not run out are skipped, so with many
   * instances each row goes to one.
   */
  claim(now: number, owner: string, leaseMs: number, limit: number): Promise<OutboxRow[]>;
  /** Records how a claimed delivery ended; false when `owner` no longer holds it (its lease ran out). */
  settle(id: number, owner: string, outcome: Settlement): Promise<boolean>;
  /** Recent deliveries, newest first (the desk's view). */
  deliveries(query: { status?: DeliveryStatus | undefined; kind?: DeliveryKind | undefined; beforeId?: number | null | undefined; limit: number }): Promise<OutboxRow[]>;
  deliveryCounts(): Promise<Record<DeliveryStatus, number>>;
  /** Deletes finished deliveries created before `before`, expired tokens and opt-outs older than `optoutsBefore`. */
  prune(now: number, before: number, optoutsBefore: number): Promise<number>;
  /** A data request's erasure: the address's subscriptions, confirmation, tokens and every outbox row of it. */
  eraseEmail(email: string, key: string): Promise<{ subscriptions: number; deliveries: number }>;
}
