import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../lib/errors';

/** In a `u` regex a well-formed pair is one code point, so `\p{Cs}` matches only lone halves. */
const LONE_SURROGATE = /\p{Cs}/u;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/**
 * After fatal UTF-8 decoding a lone surrogate can only arrive written as an escape
 * (`\udxxx` from d800 to dfff); text without one is parsed without the (slower) reviver.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Turns the first schema issue into a sentence naming the field. */
export function describeIssue(error: z.ZodError, whole = 'The request body'): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  if (issue.code === 'unrecognized_keys') return `Unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
  const field = issue.path.length ? `"${issue.path.join('.')}"` : whole;
  return `${field}: ${issue.message}.`;
}

/**
 * Validates already-parsed input (query, params) against `schema`, or throws a 400. A scalar
 * schema names itself in the message through `.describe('The thread')`.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation_failed', describeIssue(result.error, schema.description));
  return result.data;
}

/**
 * Reads a JSON request body: 415 for another content type, 400 for malformed JSON or a
 * body that fails the schema. With `optional`, an empty body reads as `{}`.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, opts: { optional?: boolean } = {}): Promise<z.output<S>> {
  let bytes: ArrayBuffer;
  try {
    bytes = await c.req.arrayBuffer();
  } catch {
    throw new AppError('bad_request', 'The request body could not be read to its end.');
  }
  return parseJsonBody(c.req.header('content-type') ?? '', bytes, schema, opts);
}

/**
 * `readJson` on bytes already read, for callers outside Hono (the node:http fast path):
 * the same checks, the same errors.
 */
export function parseJsonBody<S extends z.ZodType>(type: string, bytes: ArrayBuffer | Uint8Array, schema: S, opts: { optional?: boolean } = {}): z.output<S> {
  let text: string;
  try {
    // Fatal decoding: bytes that are not UTF-8 would otherwise become U+FFFD without a word.
    text = UTF8.decode(bytes);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid UTF-8 text.');
  }
  if (opts.optional && !text.trim()) return parseWith(schema, {});
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  let data: unknown;
  let broken = false;
  try {
    // A lone UTF-16 surrogate ("\ud800") parses, but cannot be stored as UTF-8: SQLite would
    // keep U+FFFD instead and the text would not be stored exactly as sent. Refuse it instead.
    data = SURROGATE_ESCAPE.test(text)
      ? JSON.parse(text, (_key, value: unknown) => {
          if (typeof value === 'string' && LONE_SURROGATE.test(value)) broken = true;
          return value;
        })
      : JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  if (broken) throw new AppError('validation_failed', 'The text contains a broken character (a lone UTF-16 surrogate). Please retype it.');
  return parseWith(schema, data);
}
