import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBody, parseWith } from '../../http/body';
import { MAX_BODY_BYTES } from '../../http/body-limit';
import { originAllowed } from '../../http/cors';
import { readerFrom } from '../../http/reader';
import { Memo } from '../../lib/memo';
import type { ServiceContext } from '../../services/context';
import { recordView } from '../../services/views/record-view';
import { ThreadKey, ViewBody } from '../api/schemas';
import { header, originHeaders, plainRequest, send, sendError, threadParam } from './answer';
import type { FastPath } from './types';
import type { WriteBatch } from './write-batch';

const PREFIX = '/api/v1/threads/';
const SUFFIX = '/views';
const EMPTY = Buffer.alloc(0);

/**
 * `POST /api/v1/threads/{thread}/views` on node:http itself, ahead of Hono. A viral article
 * sends one of these per page load; through Hono and its Request/Response adapter a view cost
 * several times what Footnote's own work on it costs (docs/performance.md). The answer is the
 * same as the Hono route's, built from the same pieces: `recordView`, the same schemas, the
 * same CORS, base and error headers. A test sends both paths the same requests and compares.
 *
 * Only the plain case is taken: a request with anything to argue about (another origin, a
 * chunked or oversized body, a path Hono would read differently) is left to Hono, which
 * answers it as before.
 */
export function viewsFastPath(ctx: ServiceContext, batch: WriteBatch): FastPath {
  const { origins, trustProxy } = ctx.config;
  const headersFor = originHeaders(origins, { 'content-type': 'application/json' });
  const memos: Memos = { threadKeys: new Memo(1_000, 512 * 3), bodies: new Memo(1_000, MEMO_BODY_BYTES) };
  return (req, res) => {
    if (req.method !== 'POST' || !plainRequest(req)) return false;
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX) || !url.endsWith(SUFFIX)) return false;
    const key = threadParam(url.slice(PREFIX.length, url.length - SUFFIX.length));
    if (key === null) return false;
    const headers = req.headers;
    const origin = headers.origin;
    if (origin !== undefined && !originAllowed(origins, origin)) return false;
    if (headers['transfer-encoding'] !== undefined) return false;
    const declared = headers['content-length'];
    if (declared !== undefined && !(/^\d{1,6}$/.test(declared) && Number(declared) <= MAX_BODY_BYTES)) return false;

    const answer = (bytes: Buffer) => void respond(ctx, { req, res, batch, memos, answerHeaders: headersFor(origin), trustProxy }, key, bytes);
    if (!declared || declared === '0') {
      answer(EMPTY);
      return true;
    }
    // Node's parser hands over exactly Content-Length bytes (checked above to be within the
    // limit), mostly in one chunk.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    // A reader who leaves mid-body: nothing to answer, nothing counted.
    req.on('error', () => res.destroy());
    return true;
  };
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  batch: WriteBatch;
  memos: Memos;
  /** Every header of the answer but its status-specific ones, as name, value, ... (see `headersFor`). */
  answerHeaders: string[];
  trustProxy: boolean;
}

async function respond(ctx: ServiceContext, { req, res, batch, memos, answerHeaders, trustProxy }: Exchange, rawKey: string, bytes: Buffer): Promise<void> {
  const headers = req.headers;
  try {
    const threadKey = memos.threadKeys.get(rawKey, checkThreadKey);
    const type = headers['content-type'] ?? '';
    // Latin-1 maps each byte to one character: the key is the bytes, whatever they are.
    const meta = type === JSON_TYPE && bytes.length <= MEMO_BODY_BYTES ? memos.bodies.get(bytes.toString('latin1'), parseJson) : parseViewBody(type, bytes);
    const reader = readerFrom(headers['user-agent'], header(headers, 'x-forwarded-for'), req.socket.remoteAddress, trustProxy);
    const counts = await recordView(ctx, { threadKey, reader, header: (name) => header(headers, name), meta });
    send(batch, res, 200, JSON.stringify(counts), answerHeaders, NO_STORE);
  } catch (err) {
    sendError(batch, res, err, 'POST', req.url ?? '', answerHeaders);
  }
}

const NO_STORE = { 'cache-control': 'no-store' };
const JSON_TYPE = 'application/json';
/** The longest view body remembered (the widget's is under 200 bytes); longer ones are parsed each time. */
const MEMO_BODY_BYTES = 1_024;

type ViewMeta = Readonly<{ title?: string | null; url?: string | null }>;

/**
 * What every page load of a busy article repeats: its thread key and its view body (the
 * article's title and URL, the same from every reader). Checked once each instead of on
 * every view: the schema check of the key and the UTF-8, JSON and schema checks of the body
 * cost a µs or two per view between them. Only what passed is remembered, and only a body
 * sent as plain `application/json`; anything else is checked (and refused) as always.
 */
interface Memos {
  threadKeys: Memo<string>;
  bodies: Memo<ViewMeta>;
}

const checkThreadKey = (raw: string) => parseWith(ThreadKey, raw);
const parseViewBody = (type: string, bytes: Uint8Array): ViewMeta => parseJsonBody(type, bytes, ViewBody, { optional: true });
// Frozen: one object is handed to every view with the same body.
const parseJson = (latin1: string) => Object.freeze(parseViewBody(JSON_TYPE, Buffer.from(latin1, 'latin1')));
