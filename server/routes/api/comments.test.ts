import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread, type TestApp } from '../../testing/harness';

interface Posted {
  comment: { id: number; status: string; author: string; body: string; html: string; parentId: number | null };
  editToken: string;
}
interface Page {
  comments: { id: number; body: string; author: string; replies: { id: number; body: string; replies: unknown[] }[] }[];
  total: number;
  next: string | null;
}

let t: TestApp;
let thread: string;
let readerSeq = 0;
/** Each post from a new reader, so the per-reader rate limit stays out of the way. */
const post = (body: Record<string, unknown>, key = thread) =>
  t.call('POST', `/api/v1/threads/${encodeURIComponent(key)}/comments`, { body, reader: `198.51.100.${++readerSeq % 250}` });
const list = async (query = '', key = thread) => (await (await t.call('GET', `/api/v1/threads/${encodeURIComponent(key)}/comments${query}`)).json()) as Page;
const counts = async (key = thread) => (await (await t.call('GET', `/api/v1/threads/${encodeURIComponent(key)}`)).json()) as { comments: number; views: number };

beforeEach(async () => {
  t = await testApp();
  thread = uniqueThread();
});

describe('POST /threads/{thread}/comments', () => {
  it('creates the thread on first use and answers 201 with the comment and an edit token', async () => {
    const res = await post({ author: 'Ada', body: 'First!' });
    expect(res.status).toBe(201);
    const data = (await res.json()) as Posted;
    expect(data.comment).toMatchObject({ author: 'Ada', body: 'First!', status: 'published', parentId: null });
    expect(data.editToken).toMatch(/^[\w-]{20,}$/);
    expect(JSON.stringify(data.comment)).not.toMatch(/email|reader|token|203\.0\.113/i);
    expect(await counts()).toMatchObject({ comments: 1 });
  });

  it('stores the text exactly as typed, whitespace and markup included', async () => {
    const body = '  <script>alert(1)</script>\n\n**bold** & "quotes" 🙂\t';
    const author = ' <b>Zoë</b> ';
    const { comment } = (await (await post({ author, body })).json()) as Posted;
    expect(comment.body).toBe(body);
    expect(comment.author).toBe(author);
    expect(comment.html).not.toContain('<script>');
    expect(comment.html).toContain('&lt;script&gt;');
    const [listed] = (await list()).comments;
    expect(listed).toMatchObject({ body, author });
  });

  it('nests replies under their parent, any depth', async () => {
    const a = ((await (await post({ author: 'A', body: 'top' })).json()) as Posted).comment;
    const b = ((await (await post({ author: 'B', body: 'reply', parentId: a.id })).json()) as Posted).comment;
    await post({ author: 'C', body: 'reply to reply', parentId: b.id });
    const page = await list();
    expect(page.total).toBe(3);
    expect(page.comments).toHaveLength(1);
    expect(page.comments[0]!.replies[0]!.body).toBe('reply');
    expect((page.comments[0]!.replies[0]!.replies[0] as { body: string }).body).toBe('reply to reply');
  });

  it.each([
    [{ author: '', body: 'x' }, 400, 'empty_author'],
    [{ author: ' \t\n', body: 'x' }, 400, 'empty_author'],
    [{ author: 'A', body: '   \n ' }, 400, 'empty_body'],
    [{ author: 'A', body: 'x'.repeat(5001) }, 400, 'body_too_long'],
    [{ author: 'a'.repeat(81), body: 'x' }, 400, 'author_too_long'],
    [{ author: 'A' }, 400, 'validation_failed'],
    [{ author: 'A', body: 42 }, 400, 'validation_failed'],
    [{ author: 'A', body: 'x', admin: true }, 400, 'validation_failed'],
    [{ author: 'A', body: 'x', parentId: 999999 }, 400, 'invalid_parent'],
    [{ author: 'A', body: 'x', email: 'not an email' }, 400, 'validation_failed'],
  ])('refuses %j with %i %s and writes nothing', async (body, status, code) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(await errorCode(res)).toBe(code);
    expect(await counts()).toMatchObject({ comments: 0 });
    expect((await list()).comments).toHaveLength(0);
  });

  it('counts limits in code points: 5,000 emoji fit, 80 astral letters fit', async () => {
    expect((await post({ author: '𝒜'.repeat(80), body: '🙂'.repeat(5000) })).status).toBe(201);
    expect((await post({ author: '𝒜'.repeat(81), body: 'x' })).status).toBe(400);
  });

  it('refuses a parent from another thread', async () => {
    const other = ((await (await post({ author: 'A', body: 'elsewhere' }, uniqueThread('other'))).json()) as Posted).comment;
    const res = await post({ author: 'B', body: 'x', parentId: other.id });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('invalid_parent');
  });

  it('answers malformed JSON, a wrong content type and a huge body in the error shape', async () => {
    const url = `/api/v1/threads/${thread}/comments`;
    const bad = await t.call('POST', url, { body: '{"author": "A", ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe('invalid_json');
    const text = await t.call('POST', url, { body: 'author=A&body=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(text.status).toBe(415);
    expect(await errorCode(text)).toBe('unsupported_media_type');
    const huge = await t.call('POST', url, { body: JSON.stringify({ author: 'A', body: 'x'.repeat(40_000) }), headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
    expect(await errorCode(huge)).toBe('payload_too_large');
    expect(await counts()).toMatchObject({ comments: 0 });
  });

  it('limits one reader to one comment every 3 seconds, with Retry-After', async () => {
    const same = { reader: '192.0.2.7' };
    const url = `/api/v1/threads/${thread}/comments`;
    expect((await t.call('POST', url, { ...same, body: { author: 'A', body: 'one' } })).status).toBe(201);
    const again = await t.call('POST', url, { ...same, body: { author: 'A', body: 'two' } });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorCode(again)).toBe('rate_limited');
    t.clock.now += 3_001;
    expect((await t.call('POST', url, { ...same, body: { author: 'A', body: 'three' } })).status).toBe(201);
    expect(await counts()).toMatchObject({ comments: 2 });
  });

  it('holds comments under pre-moderation: 201 pending, not public, not counted', async () => {
    t = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const res = await post({ author: 'A', body: 'wait for me' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Posted).comment.status).toBe('pending');
    expect((await list()).comments).toHaveLength(0);
    expect(await counts()).toMatchObject({ comments: 0 });
  });
});

describe('GET /threads/{thread}/comments', () => {
  it('reads an unknown thread as empty', async () => {
    expect(await list()).toEqual({ comments: [], total: 0, next: null });
  });

  it('sorts oldest and newest and pages by cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await post({ author: 'A', body: `c${i}` });
      t.clock.now += 1000;
    }
    const oldest = await list('?limit=2');
    expect(oldest.comments.map((c) => c.body)).toEqual(['c0', 'c1']);
    expect(oldest.total).toBe(5);
    const second = await list(`?limit=2&cursor=${oldest.next}`);
    expect(second.comments.map((c) => c.body)).toEqual(['c2', 'c3']);
    const last = await list(`?limit=2&cursor=${second.next}`);
    expect(last.comments.map((c) => c.body)).toEqual(['c4']);
    expect(last.next).toBeNull();
    expect((await list('?sort=newest&limit=3')).comments.map((c) => c.body)).toEqual(['c4', 'c3', 'c2']);
  });

  it('sorts top by reactions', async () => {
    const ids: number[] = [];
    for (const body of ['a', 'b', 'c']) ids.push(((await (await post({ author: 'A', body })).json()) as Posted).comment.id);
    for (const reader of ['10.0.0.1', '10.0.0.2']) await t.call('POST', `/api/v1/comments/${ids[1]}/reactions`, { reader });
    await t.call('POST', `/api/v1/comments/${ids[2]}/reactions`, { reader: '10.0.0.3' });
    expect((await list('?sort=top')).comments.map((c) => c.body)).toEqual(['b', 'c', 'a']);
  });

  it.each(['?sort=best', '?limit=0', '?limit=500', '?limit=abc', '?cursor=garbage', '?unknown=1'])('refuses %s with a 400', async (q) => {
    const res = await t.call('GET', `/api/v1/threads/${thread}/comments${q}`);
    expect(res.status).toBe(400);
    await errorCode(res);
  });

  it('drops its cached answer when a comment is added', async () => {
    await post({ author: 'A', body: 'one' });
    expect((await list()).total).toBe(1);
    await post({ author: 'B', body: 'two' });
    expect((await list()).comments.map((c) => c.body)).toEqual(['one', 'two']);
  });
});

describe('a comment: edit, delete, react, report', () => {
  let posted: Posted;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  beforeEach(async () => {
    posted = (await (await post({ author: 'A', body: 'typo hre' })).json()) as Posted;
  });

  it('lets the author edit within 15 minutes with the edit token', async () => {
    const res = await t.call('PATCH', `/api/v1/comments/${posted.comment.id}`, { body: { body: 'typo here' }, headers: auth(posted.editToken) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { comment: { body: string; editedAt: string } }).comment).toMatchObject({ body: 'typo here', editedAt: expect.any(String) });
    expect((await list()).comments[0]!.body).toBe('typo here');
  });

  it('refuses a wrong token and an edit after 15 minutes', async () => {
    const wrong = await t.call('PATCH', `/api/v1/comments/${posted.comment.id}`, { body: { body: 'x' }, headers: auth('nope') });
    expect(wrong.status).toBe(401);
    t.clock.now += 15 * 60_000 + 1;
    const late = await t.call('PATCH', `/api/v1/comments/${posted.comment.id}`, { body: { body: 'x' }, headers: auth(posted.editToken) });
    expect(late.status).toBe(403);
    expect(await errorCode(late)).toBe('edit_window_closed');
    expect((await list()).comments[0]!.body).toBe('typo hre');
  });

  it('deletes: gone without replies, a placeholder with them', async () => {
    const reply = (await (await post({ author: 'B', body: 'answer', parentId: posted.comment.id })).json()) as Posted;
    expect((await t.call('DELETE', `/api/v1/comments/${posted.comment.id}`, { headers: auth(posted.editToken) })).status).toBe(204);
    let page = await list();
    expect(page.total).toBe(1);
    expect(page.comments[0]).toMatchObject({ id: posted.comment.id, body: '', author: '', deleted: true });
    expect(page.comments[0]!.replies[0]!.body).toBe('answer');
    expect((await t.call('DELETE', `/api/v1/comments/${reply.comment.id}`, { headers: auth(reply.editToken) })).status).toBe(204);
    page = await list();
    expect(page).toMatchObject({ total: 0, comments: [] });
    expect(await counts()).toMatchObject({ comments: 0 });
  });

  it('counts one reaction per reader: POST adds (again: still one), DELETE takes back (again: still none)', async () => {
    const url = `/api/v1/comments/${posted.comment.id}/reactions`;
    expect(await (await t.call('POST', url, { reader: '10.1.1.1' })).json()).toEqual({ reacted: true, reactions: 1 });
    expect(await (await t.call('POST', url, { reader: '10.1.1.2' })).json()).toEqual({ reacted: true, reactions: 2 });
    // A retried POST does not flip the reader's vote.
    expect(await (await t.call('POST', url, { reader: '10.1.1.1' })).json()).toEqual({ reacted: true, reactions: 2 });
    expect((await list()).comments[0]).toMatchObject({ reactions: 2 });
    expect(await (await t.call('DELETE', url, { reader: '10.1.1.1' })).json()).toEqual({ reacted: false, reactions: 1 });
    expect(await (await t.call('DELETE', url, { reader: '10.1.1.1' })).json()).toEqual({ reacted: false, reactions: 1 });
    // Taking back what was never given changes nothing.
    expect(await (await t.call('DELETE', url, { reader: '10.1.1.3' })).json()).toEqual({ reacted: false, reactions: 1 });
    expect((await list()).comments[0]).toMatchObject({ reactions: 1 });
    expect(await (await t.call('POST', url, { reader: '10.1.1.1' })).json()).toEqual({ reacted: true, reactions: 2 });
  });

  it('takes one report per reader and hides the comment at the threshold', async () => {
    const url = `/api/v1/comments/${posted.comment.id}/reports`;
    // Readers of three networks (reports from one network weigh as one: server/hostile/ranges.test.ts).
    expect((await t.call('POST', url, { reader: '10.2.1.1', body: { reason: 'spam' } })).status).toBe(202);
    const twice = await t.call('POST', url, { reader: '10.2.1.1', body: { reason: 'abuse' } });
    expect(twice.status).toBe(409);
    expect((await t.call('POST', url, { reader: '10.2.2.1', body: { reason: 'nonsense' } })).status).toBe(400);
    await t.call('POST', url, { reader: '10.2.3.1', body: { reason: 'abuse' } });
    expect(await counts()).toMatchObject({ comments: 1 });
    await t.call('POST', url, { reader: '10.2.4.1', body: { reason: 'other', note: 'hate speech' } });
    expect(await counts()).toMatchObject({ comments: 0 });
    expect((await list()).comments).toHaveLength(0);
  });

  it('answers 404 in the error shape for a comment that does not exist', async () => {
    const res = await t.call('POST', '/api/v1/comments/987654/reactions');
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('not_found');
    expect((await t.call('POST', '/api/v1/comments/abc/reactions')).status).toBe(400);
  });
});

describe('a hidden comment with published replies', () => {
  it('stays as an empty placeholder so every counted reply can be seen', async () => {
    const parent = ((await (await post({ author: 'A', body: 'will be rejected' })).json()) as Posted).comment;
    const reply = ((await (await post({ author: 'B', body: 'a fine reply', parentId: parent.id })).json()) as Posted).comment;
    const deep = ((await (await post({ author: 'C', body: 'reply to the reply', parentId: reply.id })).json()) as Posted).comment;
    await t.admin('PATCH', `/api/v1/admin/comments/${parent.id}`, { status: 'rejected' });
    await t.admin('PATCH', `/api/v1/admin/comments/${reply.id}`, { status: 'spam' });
    const page = await list();
    expect(page.total).toBe(1);
    expect(await counts()).toMatchObject({ comments: 1 });
    const [root] = page.comments as unknown as { id: number; body: string; author: string; deleted: boolean; replies: { id: number; body: string; deleted: boolean; replies: { id: number; body: string }[] }[] }[];
    expect(root).toMatchObject({ id: parent.id, body: '', author: '', deleted: true });
    expect(root!.replies[0]).toMatchObject({ id: reply.id, body: '', deleted: true });
    expect(root!.replies[0]!.replies[0]).toMatchObject({ id: deep.id, body: 'reply to the reply' });
    expect(JSON.stringify(page)).not.toContain('will be rejected');
    expect(JSON.stringify(page)).not.toContain('a fine reply');
  });

  it('disappears with its branch once nothing published is left under it', async () => {
    const parent = ((await (await post({ author: 'A', body: 'parent' })).json()) as Posted).comment;
    const reply = ((await (await post({ author: 'B', body: 'reply', parentId: parent.id })).json()) as Posted).comment;
    await t.admin('PATCH', `/api/v1/admin/comments/${parent.id}`, { status: 'rejected' });
    await t.admin('PATCH', `/api/v1/admin/comments/${reply.id}`, { status: 'rejected' });
    expect(await list()).toMatchObject({ comments: [], total: 0 });
  });
});

describe('an edit passes the same checks as a new comment', () => {
  it('refuses a banned word and takes a suspect word back to the desk', async () => {
    await t.admin('POST', '/api/v1/admin/words', { kind: 'banned', words: ['idiot'] });
    await t.admin('POST', '/api/v1/admin/words', { kind: 'suspect', words: ['casino'] });
    const mine = (await (await post({ author: 'A', body: 'hello there' })).json()) as Posted;
    const edit = (body: string) =>
      t.call('PATCH', `/api/v1/comments/${mine.comment.id}`, { body: { body }, headers: { authorization: `Bearer ${mine.editToken}` } });
    const banned = await edit('you idiot');
    expect(banned.status).toBe(400);
    expect(await errorCode(banned)).toBe('banned_word');
    expect((await list()).comments[0]!.body).toBe('hello there');
    const suspect = await edit('visit my casino');
    expect(suspect.status).toBe(200);
    expect(((await suspect.json()) as { comment: { status: string } }).comment.status).toBe('pending');
    expect(await list()).toMatchObject({ comments: [], total: 0 });
    expect(await counts()).toMatchObject({ comments: 0 });
  });
});
