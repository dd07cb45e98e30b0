import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../lib/errors';
import { NUL_ESCAPE, nulRefused } from './nul';

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

/** The raw query string of the request (what follows `?`): the key of a memo of what it says. */
export function queryOf(c: Context): string {
  const url = c.req.url;
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
}

/**
 * Reads a JSON request body: 415 for another content type, 400 for malformed JSON or a
 * body that fails the schema. With `optional`, an empty body reads as `{}`.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, opts: { optional?: boolean } = {}): Promise<z.output<S>> {
  return parseJsonBody(c.req.header('content-type') ?? '', await bodyBytes(c), schema, opts);
}

/**
 * The request body's bytes. On Node, straight from the socket's message while nobody has
 * read it (the body limit passes a declared length through untouched): no web stream, no
 * copy. Elsewhere (app.request in tests, a body the limit has counted) through Hono.
 */
export async function bodyBytes(c: Context): Promise<Uint8Array> {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  try {
    if (!incoming || incoming.readableDidRead) return new Uint8Array(await c.req.arrayBuffer());
    if (incoming.readableEnded) return EMPTY;
    return await new Promise<Uint8Array>((resolve, reject) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
      incoming.once('error', reject);
      incoming.once('close', () => incoming.readableEnded || reject(new Error('closed mid-body')));
    });
  } catch {
    throw new AppError('bad_request', 'The request body could not be read to its end.');
  }
}

const EMPTY = new Uint8Array(0);

/** `readJson` on bytes already read: the checks and errors of every JSON body. */
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
  let nul = false;
  try {
    // A lone UTF-16 surrogate ("\ud800") parses, but cannot be stored as UTF-8: SQLite would
    // keep U+FFFD instead and the text would not be stored exactly as sent. Refuse it instead.
    // U+0000 too (`nulRefused`). Text with neither escape is parsed without the (slower) reviver.
    data =
      SURROGATE_ESCAPE.test(text) || NUL_ESCAPE.test(text)
        ? JSON.parse(text, (_key, value: unknown) => {
            if (typeof value === 'string') {
              if (LONE_SURROGATE.test(value)) broken = true;
              if (value.includes('\0')) nul = true;
            }
            return value;
          })
        : JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  if (nul) throw nulRefused();
  if (broken) throw new AppError('validation_failed', 'The text contains a broken character (a lone UTF-16 surrogate). Please retype it.');
  return parseWith(schema, data);
}
