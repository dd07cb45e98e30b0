import { z } from 'zod';
import { DECISION_STATUSES, DELIVERY_KINDS, DELIVERY_STATUSES, MODERATION_MODES, QUEUE_NAMES, WORD_KINDS } from '../../../contract';

export { AuthorId, CommentId, ThreadKey } from '../api/schemas';

/** A row id in a path (a word-list entry, a ban). */
export const RowId = z.coerce.number({ error: 'must be an id' }).int().positive('must be an id').max(Number.MAX_SAFE_INTEGER);

const limit = (max: number, fallback: number) =>
  z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(fallback);

/** Query of `GET /admin/comments`. */
export const QueueQuery = z.strictObject({
  status: z.enum(QUEUE_NAMES, { error: `must be one of ${QUEUE_NAMES.join(', ')}` }).default('pending'),
  thread: z.string().trim().max(512, 'must be at most 512 characters').optional(),
  q: z.string().max(200, 'must be at most 200 characters').optional(),
  cursor: z.string().max(200).optional(),
  limit: limit(100, 20),
});

/** Query of `GET /admin/counts`. */
export const CountsQuery = z.strictObject({ thread: z.string().trim().max(512).optional() });

const patchFields = {
  status: z.enum(DECISION_STATUSES, { error: `must be one of ${DECISION_STATUSES.join(', ')}` }).optional(),
  featured: z.boolean({ error: 'must be true or false' }).optional(),
};
const somethingToDo = (p: { status?: unknown; featured?: unknown }) => p.status !== undefined || p.featured !== undefined;
const NOTHING = { error: 'give "status", "featured" or both' };

/** Body of `PATCH /admin/comments/{id}`. */
export const CommentPatchBody = z.strictObject(patchFields).refine(somethingToDo, NOTHING);

/** Body of `POST /admin/comments/bulk`. */
export const BulkBody = z
  .strictObject({
    ids: z.array(z.number().int().positive(), { error: 'must be a list of comment ids' }).min(1, 'must hold at least one id').max(100, 'must hold at most 100 ids'),
    ...patchFields,
  })
  .refine(somethingToDo, NOTHING);

/** Body of `PATCH /admin/threads/{thread}`. */
export const ThreadPatchBody = z
  .strictObject({
    closed: z.boolean({ error: 'must be true or false' }).optional(),
    moderation: z.enum(MODERATION_MODES, { error: 'must be "pre", "post" or null (the site default)' }).nullable().optional(),
    title: z.string({ error: 'must be text or null' }).max(300, 'must be at most 300 characters').nullable().optional(),
    url: z
      .string({ error: 'must be text or null' })
      .max(2048, 'must be at most 2,048 characters')
      .refine((u) => u.trim() === '' || isHttpUrl(u.trim()), 'must be an absolute http:// or https:// address')
      .nullable()
      .optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { error: 'give at least one of "closed", "moderation", "title" and "url"' });

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const WordsQuery = z.strictObject({ kind: z.enum(WORD_KINDS, { error: 'must be banned or suspect' }).optional() });

/** Body of `POST /admin/words`. The whole request stays under 32 KiB: send long lists in parts. */
export const WordsBody = z.strictObject({
  kind: z.enum(WORD_KINDS, { error: 'must be banned or suspect' }),
  words: z
    .array(z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'), { error: 'must be a list of words' })
    .min(1, 'must hold at least one word')
    .max(5000, 'must hold at most 5,000 words per request'),
});

/** Body of `POST /admin/bans`: by email or by a comment's author, for `days` or for good. */
export const BanBody = z
  .strictObject({
    email: z.string({ error: 'must be text' }).max(254, 'must be at most 254 characters').optional(),
    commentId: z.number({ error: 'must be a comment id' }).int().positive('must be a comment id').optional(),
    authorId: z.string({ error: 'must be an authorId' }).min(1).max(64).optional(),
    banEmail: z.boolean({ error: 'must be true or false' }).optional(),
    reason: z.string({ error: 'must be text' }).max(300, 'must be at most 300 characters').optional(),
    days: z.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1').max(36500, 'must be at most 36500 (omit it to ban for good)').optional(),
  })
  .refine((b) => [b.email, b.commentId, b.authorId].filter((v) => v !== undefined).length === 1, { error: 'give one of "email", "commentId" or "authorId"' })
  .refine((b) => b.banEmail === undefined || b.commentId !== undefined, { error: '"banEmail" goes with "commentId" (an "email" ban is by email already)' });

export const AuditQuery = z.strictObject({ cursor: z.string().max(40).optional(), limit: limit(200, 50) });

/** Body of `PATCH /admin/users/{authorId}`. */
export const UserPatchBody = z
  .strictObject({
    premod: z.boolean({ error: 'must be true or false' }).optional(),
    note: z.string({ error: 'must be text or null' }).max(2000, 'must be at most 2,000 characters').nullable().optional(),
  })
  .refine((p) => p.premod !== undefined || p.note !== undefined, { error: 'give "premod", "note" or both' });

/** A UTC day, `YYYY-MM-DD`, that exists on the calendar. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a day that exists');

/** Query of `GET /admin/stats` and `/admin/stats.csv`. */
export const StatsQuery = z.strictObject({
  from: Day.optional(),
  to: Day.optional(),
  thread: z.string().trim().min(1, 'must not be empty').max(512, 'must be at most 512 characters').optional(),
  limit: limit(100, 10),
});

/** Query of `GET /admin/deliveries`. */
export const DeliveriesQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES, { error: `must be one of ${DELIVERY_STATUSES.join(', ')}` }).optional(),
  kind: z.enum(DELIVERY_KINDS, { error: `must be one of ${DELIVERY_KINDS.join(', ')}` }).optional(),
  cursor: z.string().regex(/^\d{1,15}$/, 'must be a cursor from a previous answer').optional(),
  limit: limit(200, 50),
});
