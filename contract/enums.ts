/**
 * The API's value lists. Each is the one source of its values: the drizzle schema builds its
 * text enums from them, the routes build their zod enums from them, and the widget and the
 * admin page read the same lists, so a value added here reaches all of them or fails the
 * type-check.
 */

/** Where a comment stands. `deleted` is a placeholder that keeps its replies in place. */
export const COMMENT_STATUSES = ['pending', 'published', 'rejected', 'spam', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** What the author of a comment is told about it: spam and rejected read as pending. */
export const OWN_STATUSES = ['published', 'pending'] as const;
export type OwnStatus = (typeof OWN_STATUSES)[number];

/** The statuses a moderator can give (`deleted` comes only from erasing). */
export const DECISION_STATUSES = ['published', 'rejected', 'spam'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** The desk's queues: four statuses, and the comments readers reported that wait for review. */
export const QUEUE_NAMES = ['pending', 'published', 'rejected', 'spam', 'reported'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** `pre`: every comment waits for a moderator; `post`: published at once. */
export const MODERATION_MODES = ['pre', 'post'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** `banned` refuses a post; `suspect` holds it for review. */
export const WORD_KINDS = ['banned', 'suspect'] as const;
export type WordKind = (typeof WORD_KINDS)[number];

/** Formats of `POST /admin/import?format=`: `json` is Footnote's own export and Isso's JSON. */
export const IMPORT_FORMATS = ['disqus', 'wordpress', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Orders of a thread's public listing. */
export const SORTS = ['oldest', 'newest', 'top'] as const;
export type Sort = (typeof SORTS)[number];

/**
 * Roles a sign-in token may carry (`user.role`, any case; Coral Talk's names). Staff,
 * moderators and admins wear the Staff badge and skip pre-moderation; moderators and admins
 * may also use the admin API.
 */
export const USER_ROLES = ['commenter', 'staff', 'moderator', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * What the outbox sends (docs/mail.md): a webhook event, a guest's confirmation mail, a reply
 * mail (one reply, or a digest of several to the same person).
 */
export const DELIVERY_KINDS = ['webhook', 'confirm', 'reply'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/**
 * Where a delivery stands: `queued` (waiting, or waiting to retry), `sent` (accepted by the
 * SMTP server or answered 2xx), `failed` (given up after the last retry), `dropped` (nothing
 * left to send: unsubscribed, or the replies were unpublished before it went).
 */
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'dropped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Webhook event types. */
export const WEBHOOK_EVENTS = ['comment.created', 'comment.moderated', 'comment.reported'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Languages of mail and of the widget. */
export const LANGUAGES = ['en', 'de', 'es', 'fr', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
