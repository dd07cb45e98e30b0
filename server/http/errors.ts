import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorBody, ErrorCode } from '../../contract';
import { AppError } from '../lib/errors';
import { StoreError } from '../store/types';
import { answer } from './headers';

export const errorBody = (code: ErrorCode, message: string): ErrorBody => ({ error: { code, message } });

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * The one place errors become answers (`app.onError`): the contract's shape with the error's
 * extra headers. An unexpected error is logged with a request id and answered with that id
 * only: no internals leak.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof StoreError) err = storeAnswer(err) ?? err;
  if (err instanceof AppError) {
    // The contract's error shape, with any fields the error carries beside it (a stopped import's counts).
    const body: ErrorBody = { ...err.details, ...errorBody(err.code, err.message) };
    return answer(c, err.status, JSON.stringify(body), { ...JSON_TYPE, ...err.headers });
  }
  if (err instanceof HTTPException && err.status < 500) {
    return answer(c, err.status, JSON.stringify(errorBody('bad_request', err.message || 'The request could not be read.')), JSON_TYPE);
  }
  const id = randomUUID();
  console.error(`footnote: request ${id} ${c.req.method} ${c.req.path} failed:`, err);
  return answer(c, 500, JSON.stringify(errorBody('internal', `Something went wrong on our side. If it persists, quote request id ${id}.`)), JSON_TYPE);
}

/** What a storage failure that no service answered for means to the client, when it means something. */
function storeAnswer(err: StoreError): AppError | null {
  switch (err.code) {
    case 'unavailable':
      // Logged once per request: the operator needs to know the database is away.
      console.error(`footnote: ${err.message}`);
      return new AppError('unavailable', 'The comments are unavailable for a moment; please try again shortly.', { 'retry-after': '5' });
    case 'text_unstorable':
      return new AppError('validation_failed', 'The text contains a character that cannot be stored (U+0000).');
    default:
      return null;
  }
}

export function notFoundHandler(c: Context): Response {
  return answer(c, 404, JSON.stringify(errorBody('not_found', `Nothing is at ${c.req.method} ${c.req.path}.`)), JSON_TYPE);
}
