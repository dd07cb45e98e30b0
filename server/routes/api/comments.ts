import type { Context } from 'hono';
import type { z } from 'zod';
import type { Posted } from '../../../contract';
import { parseWith, queryOf, readJson } from '../../http/body';
import { LIST_CACHE, cachedJson, etagOf } from '../../http/etag';
import { readerOf } from '../../http/reader';
import { Memo } from '../../lib/memo';
import { listComments } from '../../services/comments/list';
import { postComment } from '../../services/comments/post';
import type { ServiceContext } from '../../services/context';
import { ListQuery, NewCommentBody, ThreadKey } from './schemas';
import { signedInOf } from './session';

type ListRequest = Readonly<z.output<typeof ListQuery> & { cacheKey: string }>;

/**
 * A cached page, encoded once: a busy article's first page goes out thousands of times, and
 * encoding its tens of kilobytes again for each answer is a large share of what the request
 * costs. Held as long as the listing cache holds the page.
 */
const encoded = new WeakMap<object, Uint8Array<ArrayBuffer>>();
function bytesOf(page: { json: string }): Uint8Array<ArrayBuffer> {
  let bytes = encoded.get(page);
  if (!bytes) encoded.set(page, (bytes = new TextEncoder().encode(page.json)));
  return bytes;
}

/** `GET` and `POST /threads/{thread}/comments`: a thread's comments. */
export function commentListHandlers(ctx: ServiceContext) {
  /** Every reader of an article asks for the same first page: its query, checked once. */
  const listQueries = new Memo<ListRequest>(1_000, 512);
  const parseQuery = (c: Context): ListRequest => {
    const q = parseWith(ListQuery, c.req.query());
    return Object.freeze({ ...q, cacheKey: `${q.sort}|${q.limit}|${q.cursor ?? ''}` });
  };
  return {
    /**
     * A page of the published comments, from the listing cache when it holds this page (with
     * its ETag), else built and cached.
     */
    async list(c: Context) {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const q = listQueries.get(queryOf(c), () => parseQuery(c));
      const cacheKey = q.cacheKey;
      let page = ctx.listCache.get(key, cacheKey);
      if (!page) {
        const version = ctx.listCache.version;
        const json = JSON.stringify(await listComments(ctx, key, { sort: q.sort, limit: q.limit, cursor: q.cursor ?? null }));
        page = { json, etag: etagOf(json) };
        ctx.listCache.set(key, cacheKey, page, version);
      }
      return cachedJson(c, page.json, LIST_CACHE, page.etag, bytesOf(page));
    },

    /** A new comment, answered with the thread's counts after it: the widget needs no refresh. */
    async post(c: Context) {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      // The token first: a bad one is refused before the body is read, and nothing is written.
      const who = await signedInOf(ctx, c);
      const input = await readJson(c, NewCommentBody);
      const result = await postComment(ctx, key, input, readerOf(c, ctx.config.trustProxy), who);
      const posted: Posted = { ...result, counts: await ctx.views.counts(key) };
      return c.json(posted, 201);
    },
  };
}
