import { describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread } from '../../testing/harness';
import { json, postAs, posted } from './testing';

type Word = { id: number; kind: string; word: string };

describe('word lists through the admin API', () => {
  it('adds, lists and removes entries; duplicates are skipped', async () => {
    const t = await testApp();
    const res = await t.admin('POST', '/api/v1/admin/words', { kind: 'banned', words: ['idiot*', ' moron ', 'idiot*'] });
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual({ added: 2, total: 2 });
    expect(await json(await t.admin('POST', '/api/v1/admin/words', { kind: 'banned', words: ['moron'] }))).toEqual({ added: 0, total: 2 });
    await t.admin('POST', '/api/v1/admin/words', { kind: 'suspect', words: ['crypto'] });
    const all = await json<{ words: Word[] }>(await t.admin('GET', '/api/v1/admin/words'));
    expect(all.words.map((w) => `${w.kind}:${w.word}`)).toEqual(['banned:idiot*', 'banned:moron', 'suspect:crypto']);
    const suspect = await json<{ words: Word[] }>(await t.admin('GET', '/api/v1/admin/words?kind=suspect'));
    expect(suspect.words.map((w) => w.word)).toEqual(['crypto']);
    const moron = all.words.find((w) => w.word === 'moron')!;
    expect((await t.admin('DELETE', `/api/v1/admin/words/${moron.id}`)).status).toBe(204);
    expect((await t.admin('DELETE', `/api/v1/admin/words/${moron.id}`)).status).toBe(404);
    expect((await posted(t, uniqueThread(), { body: 'What a moron' })).status).toBe('published');
  });

  it('refuses a banned word with 400 banned_word and a sentence the reader can act on; nothing is stored', async () => {
    const t = await testApp();
    await t.admin('POST', '/api/v1/admin/words', { kind: 'banned', words: ['idiot*'] });
    const thread = uniqueThread();
    const r = await postAs(t, thread, { body: 'You are all IDIOTS here.' });
    expect(r.res.status).toBe(400);
    const again = await t.call('POST', `/api/v1/threads/${thread}/comments`, { reader: '192.0.2.77', body: { author: 'A', body: 'Such an idiot.' } });
    const data = await json<{ error: { code: string; message: string } }>(again);
    expect(data.error.code).toBe('banned_word');
    expect(data.error.message).toBe('Your comment contains a word this site does not allow ("idiot*"). Please rephrase it.');
    const name = await t.call('POST', `/api/v1/threads/${thread}/comments`, { reader: '192.0.2.78', body: { author: 'Idiot King', body: 'Hello' } });
    expect(await errorCode(name)).toBe('banned_word');
    const counts = await json<Record<string, number>>(await t.admin('GET', `/api/v1/admin/counts?thread=${thread}`));
    expect(counts).toEqual({ counts: { pending: 0, published: 0, rejected: 0, spam: 0, reported: 0 } });
  });

  it('holds a comment with a suspect word as pending, even under post-moderation', async () => {
    const t = await testApp();
    await t.admin('POST', '/api/v1/admin/words', { kind: 'suspect', words: ['casino', 'free money'] });
    const thread = uniqueThread();
    const a = await posted(t, thread, { body: 'Best CASINO in town!' });
    const b = await posted(t, thread, { body: 'Get Free... MONEY now' });
    const c = await posted(t, thread, { body: 'The casinos closed down' });
    expect([a.status, b.status, c.status]).toEqual(['pending', 'pending', 'published']);
    const pending = await json<{ comments: { id: number }[] }>(await t.admin('GET', `/api/v1/admin/comments?status=pending&thread=${thread}`));
    expect(pending.comments.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('matches by the documented rules: case, accents, repeats, leetspeak, spelled out, wildcards, whole words', async () => {
    const t = await testApp();
    await t.admin('POST', '/api/v1/admin/words', { kind: 'banned', words: ['bad', 'f*ck', 'ass'] });
    const thread = uniqueThread();
    for (const body of ['BAD!', 'so báád', 'baaaad', 'b4d', 'b.a.d', 'b a d', 'feck off', '@$$']) {
      expect((await postAs(t, thread, { body })).error, body).toBe('banned_word');
    }
    for (const body of ['badge', 'a class act', 'b. a. d', 'the bassist', 'as you wish']) {
      expect((await postAs(t, thread, { body })).status, body).toBe('published');
    }
  });

  it('loads the lists at start: a new server over the same store knows them', async () => {
    const t = await testApp();
    await t.admin('POST', '/api/v1/admin/words', { kind: 'banned', words: ['zorbl'] });
    const { WordLists } = await import('../../services/moderation/words');
    const fresh = await WordLists.load(t.ctx.store.moderation);
    expect(fresh.find('banned', 'a ZORBL')).toBe('zorbl');
  });

  it('validates the body: kind, empty entries, entries that could never match', async () => {
    const t = await testApp();
    for (const body of [{ kind: 'rude', words: ['x'] }, { kind: 'banned', words: [] }, { kind: 'banned', words: ['  '] }, { kind: 'banned', words: ['***'] }, { kind: 'banned', words: 'bad' }, { kind: 'banned', words: ['x'], extra: 1 }]) {
      const res = await t.admin('POST', '/api/v1/admin/words', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
    expect((await t.admin('GET', '/api/v1/admin/words?kind=rude')).status).toBe(400);
  });
});
