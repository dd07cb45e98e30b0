import { describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread } from '../testing/harness';

// PostgreSQL cannot store U+0000 in text: both engines refuse it alike (run on each by npm test).
describe('U+0000 in what a request sends', () => {
  it('is refused with 400 validation_failed in a comment, an author, a view title and a thread key, and nothing is written', async () => {
    const t = await testApp();
    const thread = uniqueThread('nul');
    for (const body of [{ author: 'Ann', body: 'a\u0000b' }, { author: '\u0000', body: 'fine' }]) {
      const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body });
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
    const view = await t.call('POST', `/api/v1/threads/${thread}/views`, { body: { title: 'T\u0000' } });
    expect(view.status).toBe(400);
    expect(await errorCode(view)).toBe('validation_failed');
    for (const [method, path] of [
      ['GET', `/api/v1/threads/a%00b`],
      ['POST', `/api/v1/threads/a%00b/views`],
      ['GET', `/api/v1/counts?thread=a%00b`],
      ['GET', `/api/v1/admin/comments?status=published&q=%00`],
    ] as const) {
      const res = path.includes('/admin/') ? await t.admin(method, path) : await t.call(method, path);
      expect(res.status, path).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
    const read = await t.call('GET', `/api/v1/threads/${thread}`);
    expect(await read.json()).toMatchObject({ views: 0, comments: 0 });
    expect((await t.ctx.store.threads.get(thread))).toBeNull();
  });

  it('is not confused with the six characters \\u0000 written as text, which are stored exactly', async () => {
    const t = await testApp();
    const thread = uniqueThread('nul-text');
    const body = 'the escape \\u0000 and a %00 are just text';
    const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body } });
    expect(res.status).toBe(201);
    const list = (await (await t.call('GET', `/api/v1/threads/${thread}/comments`)).json()) as { comments: { body: string }[] };
    expect(list.comments[0]?.body).toBe(body);
  });
});
