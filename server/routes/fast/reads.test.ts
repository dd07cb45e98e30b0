import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSame, send, sendToBoth, start, type Answer, type Compared, type Running } from './testing';

/**
 * The reads' fast path must answer exactly as the Hono routes do: the same two-server
 * comparison as views.test.ts. Both servers get the same views and comments first, so the
 * answers, and with them the ETags, are the same.
 */
interface Case {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** Sends the ETag of the previous case's answer (from the same server) as If-None-Match. */
  revalidate?: boolean;
  via: 'fast' | 'hono';
  status: number;
}

const story = '/api/v1/threads/story';
const many = (n: number) => `/api/v1/counts?${Array.from({ length: n }, (_, i) => `thread=t${i}`).join('&')}`;

const COMMON: Case[] = [
  { name: 'a thread with views and a comment', path: story, via: 'fast', status: 200 },
  { name: 'the same, revalidated with its ETag', path: story, revalidate: true, via: 'fast', status: 304 },
  { name: 'revalidated with a strong form of the weak ETag', path: story, headers: { 'if-none-match': 'STRONG' }, via: 'fast', status: 304 },
  { name: 'revalidated with *', path: story, headers: { 'if-none-match': '*' }, via: 'fast', status: 304 },
  { name: 'revalidated with an old ETag', path: story, headers: { 'if-none-match': 'W/"old"' }, via: 'fast', status: 200 },
  { name: 'an unknown thread (zeros, not created)', path: '/api/v1/threads/nobody-read-this', via: 'fast', status: 200 },
  { name: 'a thread path with an encoded slash', path: `/api/v1/threads/${encodeURIComponent('/2026/11/story')}`, via: 'fast', status: 200 },
  { name: 'a thread with accents', path: `/api/v1/threads/${encodeURIComponent('café-crème')}`, via: 'fast', status: 200 },
  { name: 'a thread of blanks', path: '/api/v1/threads/%20%20', via: 'fast', status: 400 },
  { name: 'a thread too long', path: `/api/v1/threads/${'k'.repeat(513)}`, via: 'fast', status: 400 },
  { name: 'a thread whose encoding is broken', path: '/api/v1/threads/%E0%A4%A', via: 'hono', status: 200 },
  { name: 'a thread read with a query', path: `${story}?cachebust=1`, via: 'hono', status: 200 },
  { name: 'HEAD of a thread', path: story, method: 'HEAD', via: 'hono', status: 200 },
  { name: 'the comments of a thread', path: `${story}/comments`, via: 'fast', status: 200 },
  { name: 'the comments, revalidated', path: `${story}/comments`, revalidate: true, via: 'fast', status: 304 },
  { name: 'the comments, newest first, one a page', path: `${story}/comments?sort=newest&limit=1`, via: 'fast', status: 200 },
  { name: 'the comments, top', path: `${story}/comments?sort=top`, via: 'fast', status: 200 },
  { name: 'the comments, sort given twice (the first counts)', path: `${story}/comments?sort=newest&sort=top`, via: 'fast', status: 200 },
  { name: 'the comments, an unknown sort', path: `${story}/comments?sort=best`, via: 'fast', status: 400 },
  { name: 'the comments, a limit of 0', path: `${story}/comments?limit=0`, via: 'fast', status: 400 },
  { name: 'the comments, a limit that is not a number', path: `${story}/comments?limit=ten`, via: 'fast', status: 400 },
  { name: 'the comments, an unknown parameter', path: `${story}/comments?page=2`, via: 'fast', status: 400 },
  { name: 'the comments, a parameter called __proto__', path: `${story}/comments?__proto__=1`, via: 'fast', status: 400 },
  { name: 'the comments, a cursor that is not one', path: `${story}/comments?cursor=garbage`, via: 'fast', status: 400 },
  { name: 'the comments of an unknown thread', path: '/api/v1/threads/nobody-wrote-here/comments', via: 'fast', status: 200 },
  { name: 'the comments of an encoded thread key', path: `/api/v1/threads/${encodeURIComponent('/2026/11/story')}/comments`, via: 'fast', status: 200 },
  { name: 'the comments, a query that does not decode', path: `${story}/comments?sort=%E0%A4%A`, via: 'hono', status: 400 },
  { name: 'a dot segment for a thread', path: '/api/v1/threads/..', via: 'hono', status: 404 },
  { name: 'an encoded dot segment before /comments', path: '/api/v1/threads/%2E/comments', via: 'hono', status: 200 },
  { name: 'a Host that is not a host', path: story, headers: { host: 'x/y' }, via: 'hono', status: 400 },
  { name: 'a Host with a port the adapter parses', path: '/api/v1/counts?thread=story', headers: { host: 'localhost:80' }, via: 'hono', status: 200 },
  { name: 'counts of two threads', path: '/api/v1/counts?thread=story&thread=other', via: 'fast', status: 200 },
  { name: 'the same, revalidated', path: '/api/v1/counts?thread=story&thread=other', revalidate: true, via: 'fast', status: 304 },
  { name: 'counts naming a thread twice', path: '/api/v1/counts?thread=story&thread=story', via: 'fast', status: 200 },
  { name: 'counts with a + and encodings', path: `/api/v1/counts?thread=a+b&thread=${encodeURIComponent('/2026/11/story')}&thread=caf%C3%A9`, via: 'fast', status: 200 },
  { name: 'counts with other parameters', path: '/api/v1/counts?lang=de&thread=story&x', via: 'fast', status: 200 },
  { name: 'counts naming no thread', path: '/api/v1/counts', via: 'fast', status: 400 },
  { name: 'counts with an empty thread', path: '/api/v1/counts?thread', via: 'fast', status: 400 },
  { name: 'counts of 100 threads', path: many(100), via: 'fast', status: 200 },
  { name: 'counts of 101 threads', path: many(101), via: 'fast', status: 400 },
  { name: 'counts with a broken encoding', path: '/api/v1/counts?thread=%E0%A4%A', via: 'hono', status: 200 },
];

const ORIGIN_CASES: Case[] = [
  { name: 'an allowed origin', path: story, headers: { origin: 'https://news.example.com' }, via: 'fast', status: 200 },
  { name: 'an allowed origin, counts', path: '/api/v1/counts?thread=story', headers: { origin: 'https://news.example.com' }, via: 'fast', status: 200 },
  { name: 'an allowed origin with an error', path: '/api/v1/counts', headers: { origin: 'https://news.example.com' }, via: 'fast', status: 400 },
  { name: 'another origin (a read: answered, without a grant)', path: story, headers: { origin: 'https://elsewhere.example' }, via: 'fast', status: 200 },
];

async function seed(server: Running): Promise<void> {
  for (const reader of ['192.0.2.1', '192.0.2.2']) {
    await send(server.port, { method: 'POST', path: `${story}/views`, headers: { 'x-forwarded-for': reader } });
  }
  for (const [i, text] of ['A comment both servers hold.', 'And a second one, a little later.'].entries()) {
    const body = Buffer.from(JSON.stringify({ author: 'Ann', body: text }));
    const res = await send(server.port, { method: 'POST', path: `${story}/comments`, headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${3 + i}` }, body });
    if (res.status !== 201) throw new Error(`seeding answered ${res.status}`);
  }
}

describe.each([
  { origins: '*', cases: COMMON },
  { origins: 'https://news.example.com', cases: [...COMMON, ...ORIGIN_CASES] },
])('the reads fast path with FOOTNOTE_ORIGINS=$origins', ({ origins, cases }) => {
  let fast: Running;
  let hono: Running;
  let answers: Compared[] = [];

  beforeAll(async () => {
    fast = await start({ FOOTNOTE_ORIGINS: origins, FOOTNOTE_MIN_FORM_MS: '0' }, true);
    hono = await start({ FOOTNOTE_ORIGINS: origins, FOOTNOTE_MIN_FORM_MS: '0' }, false);
    await seed(fast);
    await seed(hono);
    const previous = new Map<Running, Answer>();
    const ask = async (server: Running, c: Case) => {
      const headers = { ...c.headers };
      const etag = previous.get(server)?.headers.etag;
      if (c.revalidate && etag) headers['if-none-match'] = etag;
      if (headers['if-none-match'] === 'STRONG' && etag) headers['if-none-match'] = etag.replace(/^W\//, '');
      const answer = await send(server.port, { method: c.method ?? 'GET', path: c.path, headers });
      previous.set(server, answer);
      return answer;
    };
    answers = await sendToBoth(fast, hono, cases, ask);
  });
  afterAll(async () => {
    await fast.close();
    await hono.close();
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s: same answer as Hono', (_, i) => expectSame(answers[i]!, cases[i]!));

  it('served the real data: two readers, two comments, and zeros for the unknown thread', () => {
    const named = (name: string) => answers[cases.findIndex((c) => c.name === name)]!.fast.body;
    expect(named('a thread with views and a comment')).toMatchObject({ thread: 'story', views: 2, comments: 2, closed: false });
    expect(named('an unknown thread (zeros, not created)')).toEqual({ thread: 'nobody-read-this', title: null, url: null, views: 0, comments: 0, closed: false });
    expect(named('counts of two threads')).toEqual({ story: { views: 2, comments: 2 }, other: { views: 0, comments: 0 } });
    const newest = named('the comments, newest first, one a page') as { comments: { body: string }[]; total: number; next: string | null };
    expect(newest.comments.map((c) => c.body)).toEqual(['And a second one, a little later.']);
    expect(newest.total).toBe(2);
    expect(newest.next).not.toBeNull();
  });
});
