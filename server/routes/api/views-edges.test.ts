import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOTS, BROWSER_UA } from '../../services/views/testing';
import { listening, type Listening } from '../../testing/listening';
import { send, type Answer } from '../../testing/wire';

/**
 * A view on a real socket, edge by edge: bodies (none, empty, malformed, not UTF-8, chunked,
 * split after the headers, past 32 KiB), bots and prefetches, odd thread keys and paths, odd
 * Host and repeated headers, origins, the per-reader limit. These cases were written for the
 * node:http fast path (removed with "one HTTP stack"), comparing it with the Hono route; the
 * statuses they expect are the route's own and still hold, so they stay, against the one stack.
 */
interface Case {
  name: string;
  /** The path after /api/v1/threads/ (already encoded as a browser would send it). */
  thread?: string;
  path?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
  /** Send the body after the headers, in two parts (not in the headers' packet). */
  split?: boolean;
  status: number;
}

/** Sends case `c` (the `index`-th: a reader of its own unless it names one) to `port`. */
function sendCase(port: number, c: Case, index: number): Promise<Answer> {
  const headers: Record<string, string | string[]> = { 'x-forwarded-for': `203.0.113.${index + 1}`, ...c.headers };
  const path = c.path ?? `/api/v1/threads/${c.thread ?? 'story'}/views`;
  return send(port, { method: 'POST', path, headers, ...(c.body === undefined ? {} : { body: Buffer.from(c.body) }), chunked: c.chunked, split: c.split });
}

const json = { 'content-type': 'application/json' };
const meta = JSON.stringify({ title: 'A story', url: 'https://news.example.com/a-story' });
const first = { ...json, 'x-forwarded-for': '192.0.2.1' };

const COMMON: Case[] = [
  { name: 'a first view', body: meta, headers: first, status: 200 },
  { name: 'the same reader again', body: meta, headers: first, status: 200 },
  { name: 'a second reader', body: meta, headers: { ...json, 'x-forwarded-for': '198.51.100.2' }, status: 200 },
  { name: 'the same address with another browser', body: meta, headers: { ...first, 'user-agent': `${BROWSER_UA} Edg/131.0` }, status: 200 },
  { name: 'no body at all', headers: { 'x-forwarded-for': '198.51.100.3' }, status: 200 },
  { name: 'an empty JSON body', body: '', headers: { ...json, 'x-forwarded-for': '198.51.100.4' }, status: 200 },
  { name: 'blank text without a type', body: '  \n', headers: { 'x-forwarded-for': '198.51.100.5' }, status: 200 },
  { name: 'a bot', body: meta, headers: { ...json, 'user-agent': BOTS.Googlebot!, 'x-forwarded-for': '66.249.66.1' }, status: 200 },
  { name: 'no user agent', body: meta, headers: { ...json, 'user-agent': '', 'x-forwarded-for': '198.51.100.6' }, status: 200 },
  { name: 'a prefetch', body: meta, headers: { ...json, 'sec-purpose': 'prefetch', 'x-forwarded-for': '198.51.100.7' }, status: 200 },
  { name: 'a prerender', body: meta, headers: { ...json, purpose: 'prerender', 'x-forwarded-for': '198.51.100.8' }, status: 200 },
  { name: 'a JSON type with a charset', body: meta, headers: { 'content-type': 'application/json; charset=utf-8', 'x-forwarded-for': '198.51.100.9' }, status: 200 },
  { name: 'malformed JSON', body: '{"title":', headers: json, status: 400 },
  { name: 'JSON that is not an object', body: '[1,2]', headers: json, status: 400 },
  { name: 'text/plain', body: meta, headers: { 'content-type': 'text/plain' }, status: 415 },
  { name: 'an unknown field', body: '{"title":"t","views":1000}', headers: json, status: 400 },
  { name: 'a title that is a number', body: '{"title":5}', headers: json, status: 400 },
  { name: 'a title too long', body: JSON.stringify({ title: 'x'.repeat(301) }), headers: json, status: 400 },
  { name: 'bytes that are not UTF-8', body: Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x7d]), headers: json, status: 400 },
  { name: 'a lone surrogate', body: '{"title":"\\ud800"}', headers: json, status: 400 },
  { name: 'a thread path with an encoded slash', thread: encodeURIComponent('/2026/11/story'), body: meta, headers: json, status: 200 },
  { name: 'a thread with accents', thread: encodeURIComponent('café-crème'), body: meta, headers: json, status: 200 },
  { name: 'a thread with an encoded percent sign', thread: '100%25-sure', headers: json, status: 200 },
  { name: 'a thread with a twice-encoded percent sign', thread: '%2525', headers: json, status: 200 },
  { name: 'a thread of blanks', thread: '%20%20', body: meta, headers: json, status: 400 },
  { name: 'a thread too long', thread: 'k'.repeat(513), body: meta, headers: json, status: 400 },
  { name: 'a thread whose encoding is broken', thread: '%E0%A4%A', body: meta, headers: json, status: 200 },
  { name: 'a query string', path: '/api/v1/threads/story/views?ref=home', body: meta, headers: json, status: 200 },
  { name: 'a nested path', path: '/api/v1/threads/a/b/views', body: meta, headers: json, status: 404 },
  { name: 'a dot segment', path: '/api/v1/threads/../views', body: meta, headers: json, status: 404 },
  { name: 'an encoded dot segment', path: '/api/v1/threads/%2e%2E/views', body: meta, headers: json, status: 404 },
  { name: 'a single dot segment', path: '/api/v1/threads/./views', body: meta, headers: json, status: 404 },
  { name: 'a backslash in the path', path: '/api/v1/threads/a\\b/views', body: meta, headers: json, status: 400 },
  { name: 'a Host that is not plain', body: meta, headers: { ...json, host: 'News.Example.com' }, status: 200 },
  { name: 'a Host that is not a host', body: meta, headers: { ...json, host: 'a b' }, status: 400 },
  { name: 'two user agents, a browser then a bot', body: meta, headers: { ...json, 'user-agent': [BROWSER_UA, BOTS.Googlebot!] }, status: 200 },
  { name: 'two content types', body: meta, headers: { 'content-type': ['application/json', 'text/plain'] }, status: 200 },
  { name: 'a body that comes after its headers, in two parts', body: meta, split: true, headers: { ...json, 'x-forwarded-for': '198.51.100.11' }, status: 200 },
  { name: 'a malformed body that comes after its headers', body: '{"title": 5, "url": 6}', split: true, headers: json, status: 400 },
  { name: 'a chunked body', body: meta, chunked: true, headers: { ...json, 'x-forwarded-for': '198.51.100.10' }, status: 200 },
  { name: 'a body past 32 KiB', body: JSON.stringify({ title: 'x'.repeat(40_000) }), headers: json, status: 413 },
  { name: 'one reader past the view limit (1)', thread: 'l1', headers: { 'x-forwarded-for': '192.0.2.50' }, status: 200 },
  { name: 'one reader past the view limit (2)', thread: 'l2', headers: { 'x-forwarded-for': '192.0.2.50' }, status: 200 },
  { name: 'one reader past the view limit (3)', thread: 'l3', headers: { 'x-forwarded-for': '192.0.2.50' }, status: 200 },
  { name: 'one reader past the view limit (4)', thread: 'l4', headers: { 'x-forwarded-for': '192.0.2.50' }, status: 200 },
  { name: 'one reader past the view limit (5)', thread: 'l5', headers: { 'x-forwarded-for': '192.0.2.50' }, status: 200 },
  { name: 'one reader past the view limit (6)', thread: 'l6', headers: { 'x-forwarded-for': '192.0.2.50' }, status: 429 },
];

const ORIGIN_CASES: Case[] = [
  { name: 'an allowed origin', body: meta, headers: { ...json, origin: 'https://news.example.com', 'x-forwarded-for': '198.51.100.20' }, status: 200 },
  { name: 'an allowed origin with an error', body: '{', headers: { ...json, origin: 'https://news.example.com' }, status: 400 },
  { name: 'another origin', body: meta, headers: { ...json, origin: 'https://evil.example' }, status: 403 },
  // The server's own pages: their origin comes from HOST and PORT now, never from the request
  // (DNS rebinding), so it is tested where those are set (http/cors.test.ts).
];

describe.each([
  { origins: '*', cases: COMMON },
  { origins: 'https://news.example.com', cases: [...COMMON, ...ORIGIN_CASES] },
])('a view with FOOTNOTE_ORIGINS=$origins', ({ origins, cases }) => {
  let server: Listening;
  const answers: Answer[] = [];

  beforeAll(async () => {
    server = await listening({ FOOTNOTE_ORIGINS: origins, FOOTNOTE_VIEWS_PER_MINUTE: '5' });
    const port = Number(new URL(server.url).port);
    for (const [i, c] of cases.entries()) answers.push(await sendCase(port, c, i));
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    expect(answers[i]!.status).toBe(cases[i]!.status);
  });

  it('counted two readers and one more browser, once each', () => {
    const counts = answers.map((a) => a.body as { views?: number });
    expect(counts.slice(0, 4).map((c) => c.views)).toEqual([1, 1, 2, 3]);
  });
});
