import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOTS, BROWSER_UA } from '../../services/views/testing';
import { expectSame, send, sendToBoth, start, type Answer, type Compared, type Running } from './testing';

/**
 * The view fast path must answer exactly as the Hono route does. Two real servers on fresh
 * databases with the same clock and secret: one with the fast paths in front of Hono, one with
 * Hono alone. Every case goes to both, in the same order; status, body and the headers that
 * matter must be equal, and each case also says which path must have answered it on the
 * first server, so a fast path that quietly hands everything to Hono fails here.
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
  via: 'fast' | 'hono';
  status: number;
}

/** Sends case `c` (the `index`-th: a reader of its own unless it names one) to `port`. */
function sendCase(port: number, c: Case, index: number): Promise<Answer> {
  const headers: Record<string, string | string[]> = { 'x-forwarded-for': `203.0.113.${index + 1}`, ...c.headers };
  // "self": the server's own pages, whatever port it listens on.
  if (headers.origin === 'self') headers.origin = `http://127.0.0.1:${port}`;
  const path = c.path ?? `/api/v1/threads/${c.thread ?? 'story'}/views`;
  return send(port, { method: 'POST', path, headers, ...(c.body === undefined ? {} : { body: Buffer.from(c.body) }), chunked: c.chunked, split: c.split });
}

const json = { 'content-type': 'application/json' };
const meta = JSON.stringify({ title: 'A story', url: 'https://news.example.com/a-story' });
const first = { ...json, 'x-forwarded-for': '192.0.2.1' };

const COMMON: Case[] = [
  { name: 'a first view', body: meta, headers: first, via: 'fast', status: 200 },
  { name: 'the same reader again', body: meta, headers: first, via: 'fast', status: 200 },
  { name: 'a second reader', body: meta, headers: { ...json, 'x-forwarded-for': '198.51.100.2' }, via: 'fast', status: 200 },
  { name: 'the same address with another browser', body: meta, headers: { ...first, 'user-agent': `${BROWSER_UA} Edg/131.0` }, via: 'fast', status: 200 },
  { name: 'no body at all', headers: { 'x-forwarded-for': '198.51.100.3' }, via: 'fast', status: 200 },
  { name: 'an empty JSON body', body: '', headers: { ...json, 'x-forwarded-for': '198.51.100.4' }, via: 'fast', status: 200 },
  { name: 'blank text without a type', body: '  \n', headers: { 'x-forwarded-for': '198.51.100.5' }, via: 'fast', status: 200 },
  { name: 'a bot', body: meta, headers: { ...json, 'user-agent': BOTS.Googlebot!, 'x-forwarded-for': '66.249.66.1' }, via: 'fast', status: 200 },
  { name: 'no user agent', body: meta, headers: { ...json, 'user-agent': '', 'x-forwarded-for': '198.51.100.6' }, via: 'fast', status: 200 },
  { name: 'a prefetch', body: meta, headers: { ...json, 'sec-purpose': 'prefetch', 'x-forwarded-for': '198.51.100.7' }, via: 'fast', status: 200 },
  { name: 'a prerender', body: meta, headers: { ...json, purpose: 'prerender', 'x-forwarded-for': '198.51.100.8' }, via: 'fast', status: 200 },
  { name: 'a JSON type with a charset', body: meta, headers: { 'content-type': 'application/json; charset=utf-8', 'x-forwarded-for': '198.51.100.9' }, via: 'fast', status: 200 },
  { name: 'malformed JSON', body: '{"title":', headers: json, via: 'fast', status: 400 },
  { name: 'JSON that is not an object', body: '[1,2]', headers: json, via: 'fast', status: 400 },
  { name: 'text/plain', body: meta, headers: { 'content-type': 'text/plain' }, via: 'fast', status: 415 },
  { name: 'an unknown field', body: '{"title":"t","views":1000}', headers: json, via: 'fast', status: 400 },
  { name: 'a title that is a number', body: '{"title":5}', headers: json, via: 'fast', status: 400 },
  { name: 'a title too long', body: JSON.stringify({ title: 'x'.repeat(301) }), headers: json, via: 'fast', status: 400 },
  { name: 'bytes that are not UTF-8', body: Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x7d]), headers: json, via: 'fast', status: 400 },
  { name: 'a lone surrogate', body: '{"title":"\\ud800"}', headers: json, via: 'fast', status: 400 },
  { name: 'a thread path with an encoded slash', thread: encodeURIComponent('/2026/11/story'), body: meta, headers: json, via: 'fast', status: 200 },
  { name: 'a thread with accents', thread: encodeURIComponent('café-crème'), body: meta, headers: json, via: 'fast', status: 200 },
  { name: 'a thread with an encoded percent sign', thread: '100%25-sure', headers: json, via: 'fast', status: 200 },
  { name: 'a thread with a twice-encoded percent sign', thread: '%2525', headers: json, via: 'fast', status: 200 },
  { name: 'a thread of blanks', thread: '%20%20', body: meta, headers: json, via: 'fast', status: 400 },
  { name: 'a thread too long', thread: 'k'.repeat(513), body: meta, headers: json, via: 'fast', status: 400 },
  { name: 'a thread whose encoding is broken', thread: '%E0%A4%A', body: meta, headers: json, via: 'hono', status: 200 },
  { name: 'a query string', path: '/api/v1/threads/story/views?ref=home', body: meta, headers: json, via: 'hono', status: 200 },
  { name: 'a nested path', path: '/api/v1/threads/a/b/views', body: meta, headers: json, via: 'hono', status: 404 },
  { name: 'a dot segment', path: '/api/v1/threads/../views', body: meta, headers: json, via: 'hono', status: 404 },
  { name: 'an encoded dot segment', path: '/api/v1/threads/%2e%2E/views', body: meta, headers: json, via: 'hono', status: 404 },
  { name: 'a single dot segment', path: '/api/v1/threads/./views', body: meta, headers: json, via: 'hono', status: 404 },
  { name: 'a backslash in the path', path: '/api/v1/threads/a\\b/views', body: meta, headers: json, via: 'hono', status: 400 },
  { name: 'a Host that is not plain', body: meta, headers: { ...json, host: 'News.Example.com' }, via: 'hono', status: 200 },
  { name: 'a Host that is not a host', body: meta, headers: { ...json, host: 'a b' }, via: 'hono', status: 400 },
  { name: 'two user agents, a browser then a bot', body: meta, headers: { ...json, 'user-agent': [BROWSER_UA, BOTS.Googlebot!] }, via: 'hono', status: 200 },
  { name: 'two content types', body: meta, headers: { 'content-type': ['application/json', 'text/plain'] }, via: 'hono', status: 200 },
  { name: 'a body that comes after its headers, in two parts', body: meta, split: true, headers: { ...json, 'x-forwarded-for': '198.51.100.11' }, via: 'fast', status: 200 },
  { name: 'a malformed body that comes after its headers', body: '{"title": 5, "url": 6}', split: true, headers: json, via: 'fast', status: 400 },
  { name: 'a chunked body', body: meta, chunked: true, headers: { ...json, 'x-forwarded-for': '198.51.100.10' }, via: 'hono', status: 200 },
  { name: 'a body past 32 KiB', body: JSON.stringify({ title: 'x'.repeat(40_000) }), headers: json, via: 'hono', status: 413 },
  { name: 'one reader past the view limit (1)', thread: 'l1', headers: { 'x-forwarded-for': '192.0.2.50' }, via: 'fast', status: 200 },
  { name: 'one reader past the view limit (2)', thread: 'l2', headers: { 'x-forwarded-for': '192.0.2.50' }, via: 'fast', status: 200 },
  { name: 'one reader past the view limit (3)', thread: 'l3', headers: { 'x-forwarded-for': '192.0.2.50' }, via: 'fast', status: 200 },
  { name: 'one reader past the view limit (4)', thread: 'l4', headers: { 'x-forwarded-for': '192.0.2.50' }, via: 'fast', status: 200 },
  { name: 'one reader past the view limit (5)', thread: 'l5', headers: { 'x-forwarded-for': '192.0.2.50' }, via: 'fast', status: 200 },
  { name: 'one reader past the view limit (6)', thread: 'l6', headers: { 'x-forwarded-for': '192.0.2.50' }, via: 'fast', status: 429 },
];

const ORIGIN_CASES: Case[] = [
  { name: 'an allowed origin', body: meta, headers: { ...json, origin: 'https://news.example.com', 'x-forwarded-for': '198.51.100.20' }, via: 'fast', status: 200 },
  { name: 'an allowed origin with an error', body: '{', headers: { ...json, origin: 'https://news.example.com' }, via: 'fast', status: 400 },
  { name: 'another origin', body: meta, headers: { ...json, origin: 'https://evil.example' }, via: 'hono', status: 403 },
  { name: 'the server own origin', body: meta, headers: { ...json, origin: 'self', 'x-forwarded-for': '198.51.100.21' }, via: 'hono', status: 200 },
];

describe.each([
  { origins: '*', cases: COMMON },
  { origins: 'https://news.example.com', cases: [...COMMON, ...ORIGIN_CASES] },
])('the view fast path with FOOTNOTE_ORIGINS=$origins', ({ origins, cases }) => {
  let fast: Running;
  let hono: Running;
  let answers: Compared[] = [];

  beforeAll(async () => {
    fast = await start({ FOOTNOTE_ORIGINS: origins, FOOTNOTE_VIEWS_PER_MINUTE: '5' }, true);
    hono = await start({ FOOTNOTE_ORIGINS: origins, FOOTNOTE_VIEWS_PER_MINUTE: '5' }, false);
    answers = await sendToBoth(fast, hono, cases, (server, c, i) => sendCase(server.port, c, i));
  });
  afterAll(async () => {
    await fast.close();
    await hono.close();
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s: same answer as Hono', (_, i) => expectSame(answers[i]!, cases[i]!));

  it('counted what Hono counted: two readers and one more browser, once each', () => {
    const counts = answers.map((a) => a.fast.body as { views?: number });
    expect(counts.slice(0, 4).map((c) => c.views)).toEqual([1, 1, 2, 3]);
  });
});
