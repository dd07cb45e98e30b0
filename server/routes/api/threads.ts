import type { Context } from 'hono';
import type { Viewed } from '../../../contract';
import { bodyBytes, parseJsonBody, parseWith, queryOf } from '../../http/body';
import { COUNTS_CACHE, cachedJson } from '../../http/etag';
import { answer } from '../../http/headers';
import { readerOf } from '../../http/reader';
import { Memo } from '../../lib/memo';
import type { ServiceContext } from '../../services/context';
import { threadState } from '../../services/threads/lifecycle';
import { recordView } from '../../services/views/record-view';
import { CountThreads, ThreadKey, ViewBody } from './schemas';

type ViewMeta = Readonly<{ title?: string | null; url?: string | null }>;

const JSON_TYPE = 'application/json';
const VIEW_ANSWER = { 'content-type': JSON_TYPE, 'cache-control': 'no-store' };
/** The longest view body remembered (the widget's is under 200 bytes); longer ones are parsed each time. */
const MEMO_BODY_BYTES = 1_024;

/** `GET /threads/{thread}`, `POST /threads/{thread}/views`, `GET /counts`: a thread's numbers. */
export function threadHandlers(ctx: ServiceContext) {
  /**
   * What every page load of a busy article repeats: its thread key and its view body (the
   * article's title and URL, the same from every reader), checked once each rather than on
   * every view. Only what passed is remembered, and only a body sent as plain
   * `application/json`; anything else is checked (and refused) as always.
   */
  const threadKeys = new Memo<string>(1_000, 512 * 3);
  const bodies = new Memo<ViewMeta>(1_000, MEMO_BODY_BYTES);
  /** A home page's badges ask the same question on every load: its query, checked once. */
  const countQueries = new Memo<readonly string[]>(1_000, 4_096);
  const checkKey = (raw: string) => parseWith(ThreadKey, raw);
  // Frozen: one object is handed to every view with the same body. Latin-1 maps each byte to
  // one character, so the memo's key is the bytes, whatever they are.
  const parseBody = (latin1: string): ViewMeta => Object.freeze(parseJsonBody(JSON_TYPE, Buffer.from(latin1, 'latin1'), ViewBody, { optional: true }));

  return {
    /** Counts and state; an unknown thread reads as zeros and is not created. */
    async read(c: Context) {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      const row = await ctx.threads.get(key);
      const counts = await ctx.views.counts(key);
      const state = threadState(row, ctx.config.sso.autoCloseDays, ctx.now());
      const text = JSON.stringify({ thread: key, title: row?.title ?? null, url: row?.url ?? null, ...counts, ...state, guests: ctx.config.sso.guests });
      return cachedJson(c, text, COUNTS_CACHE);
    },

    /**
     * One page load: counted or not (bots, prefetches, repeats), answered with everything the
     * widget needs to draw its footer, so a page load needs no second request.
     */
    async view(c: Context) {
      const key = threadKeys.get(c.req.param('thread') ?? '', checkKey);
      const bytes = await bodyBytes(c);
      const type = c.req.header('content-type') ?? '';
      const meta =
        type === JSON_TYPE && bytes.length <= MEMO_BODY_BYTES
          ? bodies.get(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), parseBody)
          : parseJsonBody(type, bytes, ViewBody, { optional: true });
      const reader = readerOf(c, ctx.config.trustProxy);
      const { views, comments } = await recordView(ctx, { threadKey: key, reader, header: (name) => c.req.header(name), meta });
      const row = ctx.threads.peek(key) ?? (await ctx.threads.get(key));
      const viewed: Viewed = { views, comments, ...threadState(row, ctx.config.sso.autoCloseDays, ctx.now()), guests: ctx.config.sso.guests };
      return answer(c, 200, JSON.stringify(viewed), VIEW_ANSWER);
    },

    /** The footer numbers of many threads in one request (reads only: nothing is created). */
    async counts(c: Context) {
      const keys = countQueries.get(queryOf(c), () => Object.freeze(parseWith(CountThreads, [...new Set(c.req.queries('thread') ?? [])])));
      return cachedJson(c, JSON.stringify(await ctx.views.countsMany(keys)), COUNTS_CACHE);
    },
  };
}
