import { describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread, type TestApp } from '../testing/harness';

/** Every way a body can be wrong, and the code it must get; none may write anything. */
async function expectRefused(t: TestApp, thread: string, res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(await errorCode(res)).toBe(code);
  expect(await t.ctx.store.threads.get(thread)).toBeNull();
}

describe('reading JSON bodies at the edge', () => {
  it('answers 415 for a body that is not declared as JSON', async () => {
    const t = await testApp();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '']) {
      const thread = uniqueThread('type');
      const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, {
        body: JSON.stringify({ author: 'Ann', body: 'Hello' }),
        headers: type ? { 'content-type': type } : {},
      });
      await expectRefused(t, thread, res, 415, 'unsupported_media_type');
    }
  });

  it('accepts JSON with a charset and the +json suffix', async () => {
    const t = await testApp();
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const res = await t.call('POST', `/api/v1/threads/${uniqueThread('ok')}/comments`, {
        body: JSON.stringify({ author: 'Ann', body: `Hello as ${type}` }),
        headers: { 'content-type': type },
        reader: `10.1.${Math.floor(Math.random() * 250)}.1`,
      });
      expect(res.status).toBe(201);
    }
  });

  it('answers 400 for malformed JSON', async () => {
    const t = await testApp();
    for (const text of ['{', '{"author":"Ann","body":"x"', "{'author':'Ann'}", 'undefined', '{"a":1}}', '\u0000', '[']) {
      const thread = uniqueThread('bad');
      const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: text, headers: { 'content-type': 'application/json' } });
      await expectRefused(t, thread, res, 400, 'invalid_json');
    }
  });

  it('answers 400 for JSON that is not an object, unknown fields and wrong types', async () => {
    const t = await testApp();
    const cases: unknown[] = [
      null,
      [],
      'text',
      42,
      { author: 'Ann', body: 'Hi', admin: true },
      { author: 'Ann', body: 'Hi', status: 'published' },
      { author: 'Ann', body: 'Hi', __proto__: { x: 1 }, constructor: 'x' },
      { author: 1, body: 'Hi' },
      { author: 'Ann', body: ['Hi'] },
      { author: 'Ann', body: { text: 'Hi' } },
      { author: 'Ann' },
      { author: 'Ann', body: 'Hi', parentId: '1' },
      { author: 'Ann', body: 'Hi', parentId: 1.5 },
      { author: 'Ann', body: 'Hi', parentId: -1 },
      { author: 'Ann', body: 'Hi', email: 42 },
      { author: 'Ann', body: 'Hi', elapsedMs: 'slow' },
      { author: 'Ann', body: 'Hi', title: 'x'.repeat(301) },
    ];
    for (const body of cases) {
      const thread = uniqueThread('shape');
      const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      await expectRefused(t, thread, res, 400, 'validation_failed');
    }
  });

  it('tells a guest who leaves out the name to enter one (author is optional only when signed in)', async () => {
    const t = await testApp();
    const thread = uniqueThread('no-author');
    const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, {
      body: JSON.stringify({ body: 'Hi' }),
      headers: { 'content-type': 'application/json' },
    });
    await expectRefused(t, thread, res, 400, 'empty_author');
  });

  it('refuses deeply nested JSON and a __proto__ key with 400, polluting nothing', async () => {
    const t = await testApp();
    const texts = [
      '['.repeat(30_000),
      `${'['.repeat(15_000)}${']'.repeat(15_000)}`,
      `{"author":"A","body":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      '{"__proto__":{"polluted":true},"author":"Ann","body":"Hi"}',
      '{"author":"Ann","body":"Hi","constructor":{"prototype":{"polluted":true}}}',
    ];
    for (const text of texts) {
      const thread = uniqueThread('deep');
      const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: text, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(['invalid_json', 'validation_failed']).toContain(await errorCode(res));
      expect(await t.ctx.store.threads.get(thread)).toBeNull();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the unknown field in the message', async () => {
    const t = await testApp();
    const res = await t.call('POST', `/api/v1/threads/${uniqueThread('named')}/comments`, { body: { author: 'A', body: 'B', isAdmin: true } });
    const data = (await res.json()) as { error: { message: string } };
    expect(data.error.message).toContain('"isAdmin"');
  });

  it('validates the other JSON bodies the same way (views, edits, reports)', async () => {
    const t = await testApp();
    const thread = uniqueThread('others');
    const posted = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: 'A comment to poke at.' } });
    const { comment, editToken } = (await posted.json()) as { comment: { id: number }; editToken: string };
    const auth = { authorization: `Bearer ${editToken}` };
    const checks: [string, string, CallBody, Record<string, string>, number, string][] = [
      ['POST', `/api/v1/threads/${thread}/views`, { body: '{', type: 'application/json' }, {}, 400, 'invalid_json'],
      ['POST', `/api/v1/threads/${thread}/views`, { body: '{"title":"T"}', type: 'text/plain' }, {}, 415, 'unsupported_media_type'],
      ['POST', `/api/v1/threads/${thread}/views`, { body: '{"evil":1}', type: 'application/json' }, {}, 400, 'validation_failed'],
      ['PATCH', `/api/v1/comments/${comment.id}`, { body: '{"body":5}', type: 'application/json' }, auth, 400, 'validation_failed'],
      ['PATCH', `/api/v1/comments/${comment.id}`, { body: '{"body":"x","author":"Eve"}', type: 'application/json' }, auth, 400, 'validation_failed'],
      ['PATCH', `/api/v1/comments/${comment.id}`, { body: 'body=x', type: 'application/x-www-form-urlencoded' }, auth, 415, 'unsupported_media_type'],
      ['POST', `/api/v1/comments/${comment.id}/reports`, { body: '{"reason":"because"}', type: 'application/json' }, {}, 400, 'validation_failed'],
      ['POST', `/api/v1/comments/${comment.id}/reports`, { body: '{"reason":"spam"', type: 'application/json' }, {}, 400, 'invalid_json'],
      ['GET', `/api/v1/threads/${thread}/comments?limit=1000`, null, {}, 400, 'validation_failed'],
      ['GET', `/api/v1/threads/${thread}/comments?sort=random`, null, {}, 400, 'validation_failed'],
      ['GET', `/api/v1/threads/${thread}/comments?cursor=not-a-cursor`, null, {}, 400, 'bad_request'],
      ['GET', `/api/v1/threads/${'k'.repeat(600)}`, null, {}, 400, 'validation_failed'],
      ['POST', '/api/v1/comments/abc/reactions', null, {}, 400, 'validation_failed'],
      ['POST', '/api/v1/comments/1e400/reactions', null, {}, 400, 'validation_failed'],
    ];
    for (const [method, path, body, headers, status, code] of checks) {
      const res = await t.call(method, path, {
        ...(body ? { body: body.body, headers: { 'content-type': body.type, ...headers } } : { headers }),
        reader: '192.0.2.99',
      });
      expect({ method, path, status: res.status }).toEqual({ method, path, status });
      expect(await errorCode(res)).toBe(code);
    }
    // Nothing of the above changed the comment.
    const list = (await (await t.call('GET', `/api/v1/threads/${thread}/comments`)).json()) as { comments: { body: string; reactions: number }[] };
    expect(list.comments).toMatchObject([{ body: 'A comment to poke at.', reactions: 0 }]);
  });

  it('answers unknown paths and methods with 404 in the error shape', async () => {
    const t = await testApp();
    for (const [method, path] of [['GET', '/api/v1/nope'], ['PUT', '/api/v1/threads/x/comments'], ['GET', '/../../etc/passwd']]) {
      const res = await t.call(method!, path!);
      expect(res.status).toBe(404);
      expect(await errorCode(res)).toBe('not_found');
    }
  });
});

type CallBody = { body: string; type: string } | null;
