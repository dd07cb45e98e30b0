import type { MiddlewareHandler } from 'hono';
import { AppError } from '../lib/errors';

export const MAX_BODY_BYTES = 32 * 1024;

/**
 * 413 past `maxBytes`: at once when Content-Length says so, otherwise while streaming, so an
 * oversized body is never read whole. A Content-Length under the limit is not trusted either
 * (hono's `bodyLimit` would skip counting then): the bytes that actually arrive are counted,
 * so a lying header cannot smuggle a large body past the limit on any adapter.
 */
export const limitBody = (maxBytes = MAX_BODY_BYTES): MiddlewareHandler => {
  const tooLarge = (): never => {
    throw new AppError('payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  };
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (Number(length) > maxBytes) tooLarge();
    // On a real socket Node's HTTP parser never hands over more than Content-Length bytes, so
    // a declared length within the limit needs no counting (and no copy of the body).
    // Elsewhere (app.request, other adapters) the bytes are counted as they arrive.
    const onNodeSocket = Boolean((c.env as { incoming?: unknown } | undefined)?.incoming);
    if (onNodeSocket && length !== undefined && /^\d+$/.test(length) && !c.req.header('transfer-encoding')) return next();
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) tooLarge();
      chunks.push(value);
    }
    const whole = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      whole.set(chunk, at);
      at += chunk.length;
    }
    c.req.raw = new Request(c.req.raw, { body: whole });
    return next();
  };
};
