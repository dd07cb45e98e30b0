import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../lib/errors';

/** Turns the first schema issue into a sentence naming the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  if (issue.code === 'unrecognized_keys') return `Unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
  const field = issue.path.length ? `"${issue.path.join('.')}"` : 'The request body';
  return `${field}: ${issue.message}.`;
}

/** Validates already-parsed input (query, params) against `schema`, or throws a 400. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation_failed', describeIssue(result.error));
  return result.data;
}

/**
 * Reads a JSON request body: 415 for another content type, 400 for malformed JSON or a
 * body that fails the schema. With `optional`, an empty body reads as `{}`.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, opts: { optional?: boolean } = {}): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  if (opts.optional && !text.trim()) return parseWith(schema, {});
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  return parseWith(schema, data);
}
