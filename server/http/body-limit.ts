import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../lib/errors';

export const MAX_BODY_BYTES = 32 * 1024;

/**
 * 413 past `maxBytes`, decided from Content-Length before reading, and while streaming for a
 * chunked body, so an oversized body is never read whole.
 */
export const limitBody = (maxBytes = MAX_BODY_BYTES): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
    },
  });
