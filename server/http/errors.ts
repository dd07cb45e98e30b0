import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../lib/errors';

export const errorBody = (code: ErrorCode | string, message: string) => ({ error: { code, message } });

/**
 * The one place errors become answers, always in the contract's shape. An unexpected error
 * is logged with a request id and answered with that id only: no internals leak.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.json(errorBody(err.code, err.message), err.status as ContentfulStatusCode);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(errorBody('bad_request', err.message || 'The request could not be read.'), err.status);
  }
  const id = randomUUID();
  console.error(`footnote: request ${id} ${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
  return c.json(errorBody('internal', `Something went wrong on our side. If it persists, quote request id ${id}.`), 500);
}

export function notFoundHandler(c: Context): Response {
  return c.json(errorBody('not_found', `Nothing is at ${c.req.method} ${new URL(c.req.url).pathname}.`), 404);
}
