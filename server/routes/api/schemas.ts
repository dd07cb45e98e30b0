import { z } from 'zod';
import { REPORT_REASONS, SORTS } from '../../../contract';

/** A thread key as it appears in the path: the article's stable id, or its path. */
export const ThreadKey = z.string().trim().min(1, 'must not be empty').max(512, 'must be at most 512 characters').describe('The thread');

export const CommentId = z.coerce
  .number({ error: 'must be a comment id' })
  .int('must be a comment id')
  .positive('must be a comment id')
  .max(Number.MAX_SAFE_INTEGER)
  .describe('The comment');

const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullish();

/** Body of `POST /threads/{thread}/views`. */
export const ViewBody = z.strictObject({
  title: optionalText(300),
  url: optionalText(2048),
});

/**
 * Body of `POST /threads/{thread}/comments`. Lengths of `author` and `body` are checked in
 * code points by the service (the contract's rule); the caps here only stop absurd inputs.
 * `website` is the honeypot and `elapsedMs` the time the form was on screen (spam checks).
 * `author` may be left out when signed in (the name comes from the token); a guest without
 * one is told to enter a name (`empty_author`).
 */
export const NewCommentBody = z.strictObject({
  author: z.string({ error: 'must be text' }).optional(),
  body: z.string({ error: 'is required and must be text' }),
  email: z.string().nullish(),
  parentId: z.number().int().positive().nullish(),
  website: z.string().nullish(),
  elapsedMs: z.number().nonnegative().nullish(),
  title: optionalText(300),
  url: optionalText(2048),
  notify: z.boolean({ error: 'must be true or false' }).nullish(),
  lang: optionalText(35),
});
export type NewCommentBody = z.infer<typeof NewCommentBody>;

export const EditBody = z.strictObject({ body: z.string({ error: 'is required and must be text' }) });

export const ReportBody = z.strictObject({
  reason: z.enum(REPORT_REASONS, { error: `must be one of ${REPORT_REASONS.join(', ')}` }),
  note: z.string().max(500, 'must be at most 500 characters').nullish(),
});

export const ListQuery = z.strictObject({
  sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` }).default('oldest'),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  cursor: z.string().max(200).nullish(),
});

export const MAX_COUNT_THREADS = 100;

/** The `thread` parameters of `GET /counts`, after de-duplication. */
export const CountThreads = z
  .array(ThreadKey)
  .min(1, 'name at least one thread: /api/v1/counts?thread=a&thread=b')
  .max(MAX_COUNT_THREADS, `ask for at most ${MAX_COUNT_THREADS} threads at once`)
  .describe('The "thread" parameter');

/** An `authorId` in a path. */
export const AuthorId = z.string().min(1).max(64).describe('The authorId');
