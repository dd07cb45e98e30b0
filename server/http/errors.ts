import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../../contract';
import { AppError } from '../lib/errors';

export const errorBody = (code: ErrorCode, message: string): ErrorBody => ({ error: { code, message } });

/** What an error answers: status, body in the contract's shape, and extra headers. */
export interface ErrorAnswer {
  status: ContentfulStatusCode;
  /** The contract's error shape, with any fields the error carries beside it (a stopped import's counts). */
  body: ErrorBody;
  headers: Record<string, string>;
}

/**
 * The one place errors become answers, for Hono (`handleError`) and the node:http fast path
 * alike. An unexpected error is logged with a request id and answered with that id only: no
 * internals leak.
 */
export function answerError(err: unknown, method: string, path: string): ErrorAnswer {
  if (err instanceof AppError) {
    return { status: err.status as ContentfulStatusCode, body: { ...err.details, ...errorBody(err.code, err.message) }, headers: err.headers };
  }
  if (err instanceof HTTPException && err.status < 500) {
    return { status: err.status, body: errorBody('bad_request', err.message || 'The request could not be read.'), headers: {} };
  }
  const id = randomUUID();
  console.error(`footnote: request ${id} ${method} ${path} failed:`, err);
  return { status: 500, body: errorBody('internal', `Something went wrong on our side. If it persists, quote request id ${id}.`), headers: {} };
}

export function handleError(err: Error, c: Context): Response {
  const answer = answerError(err, c.req.method, new URL(c.req.url).pathname);
  for (const [k, v] of Object.entries(answer.headers)) c.header(k, v);
  return c.json(answer.body, answer.status);
}

export function notFoundHandler(c: Context): Response {
  return c.json(errorBody('not_found', `Nothing is at ${c.req.method} ${new URL(c.req.url).pathname}.`), 404);
}
