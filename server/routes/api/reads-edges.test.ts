import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listening, type Listening } from '../../testing/listening';
import { send, type Answer } from '../../testing/wire';

/**
 * The public reads on a real socket, edge by edge: revalidation, odd thread keys, bad queries,
 * odd Host headers, origins. These cases were written for the node:http fast path (removed with
 * "one HTTP stack"), where they compared it with the Hono routes; the statuses they expect are
 * the routes' own and still hold, so they stay, against the one stack.
 */
interface Case {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** Sends the ETag of the previous case's answer (from the same server) as If-None-Match. */
  revalidate?: boolean;
  status: number;
}

const story = '/api/v1/threads/story';
const many = (n: number) => `/api/v1/counts?${Array.from({ length: n }, (_, i) => `thread=t${i}`).join('&')}`;

const COMMON: Case[] = [
  { name: 'a thread with views and a comment', path: story, status: 200 },
  { name: 'the same, revalidated with its ETag', path: story, revalidate: true, status: 304 },
  { name: 'revalidated with a strong form of the weak ETag', path: story, headers: { 'if-none-match': 'STRONG' }, status: 304 },
  { name: 'revalidated with *', path: story, headers: { 'if-none-match': '*' }, status: 304 },
  { name: 'revalidated with an old ETag', path: story, headers: { 'if-none-match': 'W/"old"' }, status: 200 },
  { name: 'an unknown thread (zeros, not created)', path: '/api/v1/threads/nobody-read-this', status: 200 },
  { name: 'a thread path with an encoded slash', path: `/api/v1/threads/${encodeURIComponent('/2026/11/story')}`, status: 200 },
  { name: 'a thread with accents', path: `/api/v1/threads/${encodeURIComponent('café-crème')}`, status: 200 },
  { name: 'a thread of blanks', path: '/api/v1/threads/%20%20', status: 400 },
  { name: 'a thread too long', path: `/api/v1/threads/${'k'.repeat(513)}`, status: 400 },
  { name: 'a thread whose encoding is broken', path: '/api/v1/threads/%E0%A4%A', status: 200 },
  { name: 'a thread read with a query', path: `${story}?cachebust=1`, status: 200 },
  { name: 'HEAD of a thread', path: story, method: 'HEAD', status: 200 },
  { name: 'the comments of a thread', path: `${story}/comments`, status: 200 },
  { name: 'the comments, revalidated', path: `${story}/comments`, revalidate: true, status: 304 },
  { name: 'the comments, newest first, one a page', path: `${story}/comments?sort=newest&limit=1`, status: 200 },
  { name: 'the comments, top', path: `${story}/comments?sort=top`, status: 200 },
  { name: 'the comments, sort given twice (the first counts)', path: `${story}/comments?sort=newest&sort=top`, status: 200 },
  { name: 'the comments, an unknown sort', path: `${story}/comments?sort=best`, status: 400 },
  { name: 'the comments, a limit of 0', path: `${story}/comments?limit=0`, status: 400 },
  { name: 'the comments, a limit that is not a number', path: `${story}/comments?limit=ten`, status: 400 },
  { name: 'the comments, an unknown parameter', path: `${story}/comments?page=2`, status: 400 },
  { name: 'the comments, a parameter called __proto__', path: `${story}/comments?__proto__=1`, status: 400 },
  { name: 'the comments, a cursor that is not one', path: `${story}/comments?cursor=garbage`, status: 400 },
  { name: 'the comments of an unknown thread', path: '/api/v1/threads/nobody-wrote-here/comments', status: 200 },
  { name: 'the comments of an encoded thread key', path: `/api/v1/threads/${encodeURIComponent('/2026/11/story')}/comments`, status: 200 },
  { name: 'the comments, a query that does not decode', path: `${story}/comments?sort=%E0%A4%A`, status: 400 },
  { name: 'a dot segment for a thread', path: '/api/v1/threads/..', status: 404 },
  { name: 'an encoded dot segment before /comments', path: '/api/v1/threads/%2E/comments', status: 200 },
  { name: 'a Host that is not a host', path: story, headers: { host: 'x/y' }, status: 400 },
  { name: 'a Host with a port the adapter parses', path: '/api/v1/counts?thread=story', headers: { host: 'localhost:80' }, status: 200 },
  { name: 'counts of two threads', path: '/api/v1/counts?thread=story&thread=other', status: 200 },
  { name: 'the same, revalidated', path: '/api/v1/counts?thread=story&thread=other', revalidate: true, status: 304 },
  { name: 'counts naming a thread twice', path: '/api/v1/counts?thread=story&thread=story', status: 200 },
  { name: 'counts with a + and encodings', path: `/api/v1/counts?thread=a+b&thread=${encodeURIComponent('/2026/11/story')}&thread=caf%C3%A9`, status: 200 },
  { name: 'counts with other parameters', path: '/api/v1/counts?lang=de&thread=story&x', status: 200 },
  { name: 'counts naming no thread', path: '/api/v1/counts', status: 400 },
  { name: 'counts with an empty thread', path: '/api/v1/counts?thread', status: 400 },
  { name: 'counts of 100 threads', path: many(100), status: 200 },
  { name: 'counts of 101 threads', path: many(101), status: 400 },
  { name: 'counts with a broken encoding', path: '/api/v1/counts?thread=%E0%A4%A', status: 200 },
];

const ORIGIN_CASES: Case[] = [
  { name: 'an allowed origin', path: story, headers: { origin: 'https://news.example.com' }, status: 200 },
  { name: 'an allowed origin, counts', path: '/api/v1/counts?thread=story', headers: { origin: 'https://news.example.com' }, status: 200 },
  { name: 'an allowed origin with an error', path: '/api/v1/counts', headers: { origin: 'https://news.example.com' }, status: 400 },
  { name: 'another origin (a read: answered, without a grant)', path: story, headers: { origin: 'https://elsewhere.example' }, status: 200 },
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

interface Running {
  port: number;
}
const portOf = (server: Listening): number => Number(new URL(server.url).port);

describe.each([
  { origins: '*', cases: COMMON },
  { origins: 'https://news.example.com', cases: [...COMMON, ...ORIGIN_CASES] },
])('the public reads with FOOTNOTE_ORIGINS=$origins', ({ origins, cases }) => {
  let server: Listening;
  const answers: Answer[] = [];

  beforeAll(async () => {
    server = await listening({ FOOTNOTE_ORIGINS: origins });
    const port = portOf(server);
    await seed({ port });
    let previous: Answer | undefined;
    for (const c of cases) {
      const headers = { ...c.headers };
      const etag = previous?.headers.etag;
      if (c.revalidate && etag) headers['if-none-match'] = etag;
      if (headers['if-none-match'] === 'STRONG' && etag) headers['if-none-match'] = etag.replace(/^W\//, '');
      previous = await send(port, { method: c.method ?? 'GET', path: c.path, headers });
      answers.push(previous);
    }
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    expect(answers[i]!.status).toBe(cases[i]!.status);
    // A Host that is not one is refused by the Node adapter before the app: no API head there.
    if (!cases[i]!.headers?.host) expect(answers[i]!.headers['x-content-type-options']).toBe('nosniff');
  });

  it('served the real data: two readers, two comments, and zeros for the unknown thread', () => {
    const named = (name: string) => answers[cases.findIndex((c) => c.name === name)]!.body;
    expect(named('a thread with views and a comment')).toMatchObject({ thread: 'story', views: 2, comments: 2, closed: false });
    expect(named('an unknown thread (zeros, not created)')).toMatchObject({ thread: 'nobody-read-this', title: null, url: null, views: 0, comments: 0, closed: false });
    expect(named('counts of two threads')).toEqual({ story: { views: 2, comments: 2 }, other: { views: 0, comments: 0 } });
    const newest = named('the comments, newest first, one a page') as { comments: { body: string }[]; total: number; next: string | null };
    expect(newest.comments.map((c) => c.body)).toEqual(['And a second one, a little later.']);
    expect(newest.total).toBe(2);
    expect(newest.next).not.toBeNull();
  });
});
