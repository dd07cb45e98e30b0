import { readFileSync } from 'node:fs';
import { renderCommentHtml } from '../../services/format/markdown';
import { ADMIN, type TestApp } from '../../testing/harness';

/** Test helpers for the archive routes (not used by the server). */

/** A fixture export shared with the parser tests. */
export const fixtureText = (name: string) => readFileSync(new URL(`../../services/import/fixtures/${name}`, import.meta.url), 'utf8');

export interface ImportAnswer {
  threads: number;
  comments: number;
  skipped: number;
  unchanged: number;
  skippedReasons: { ref: string; reason: string }[];
}

/** POSTs an export as the raw body (a string, or a stream to show nothing buffers it). */
export function upload(t: TestApp, body: string | ReadableStream<Uint8Array>, opts: { type?: string; query?: string; token?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': opts.type ?? 'application/xml' };
  if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? ADMIN}`;
  const init = { method: 'POST', headers, body, duplex: 'half' } as RequestInit;
  return Promise.resolve(t.app.request(`/api/v1/admin/import${opts.query ?? ''}`, init));
}

/** Uploads and expects a 200, returning the answer. */
export async function imported(t: TestApp, body: string, opts: { type?: string; query?: string } = {}): Promise<ImportAnswer> {
  const res = await upload(t, body, opts);
  if (res.status !== 200) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as ImportAnswer;
}

export interface PublicNode {
  id: number;
  parentId: number | null;
  author: string;
  body: string;
  html: string;
  deleted: boolean;
  replies: PublicNode[];
}

/** The public listing of a thread (oldest first) and its count. */
export async function listing(t: TestApp, thread: string): Promise<{ comments: PublicNode[]; total: number; count: number }> {
  const key = encodeURIComponent(thread);
  const list = (await (await t.call('GET', `/api/v1/threads/${key}/comments?limit=100`)).json()) as { comments: PublicNode[]; total: number };
  const one = (await (await t.call('GET', `/api/v1/threads/${key}`)).json()) as { comments: number };
  return { ...list, count: one.comments };
}

/** Every node of a listing, depth first. */
export const flatten = (nodes: PublicNode[]): PublicNode[] => nodes.flatMap((n) => [n, ...flatten(n.replies)]);

/** The whole export as text. */
export async function exportText(t: TestApp): Promise<string> {
  const res = await t.admin('GET', '/api/v1/admin/export');
  if (res.status !== 200) throw new Error(`export answered ${res.status}`);
  return res.text();
}

/** An export without its `exportedAt`, the one field that differs between two exports of the same data. */
export const withoutDate = (text: string) => text.replace(/"exportedAt":"[^"]*"/, '"exportedAt":""');

let readerSeq = 0;

/** Posts through the public API as a new reader (rate limits stay out of the way); returns the comment id. */
export async function post(t: TestApp, thread: string, fields: { author?: string; body?: string; email?: string; parentId?: number; title?: string; url?: string }): Promise<number> {
  t.clock.now += 1000;
  const n = ++readerSeq;
  const res = await t.call('POST', `/api/v1/threads/${encodeURIComponent(thread)}/comments`, {
    reader: `198.51.${(n >> 8) & 255}.${n & 255}`,
    body: { author: `Reader ${n}`, body: `Comment ${n}`, ...fields },
  });
  const data = (await res.json()) as { comment?: { id: number } };
  if (res.status !== 201 || !data.comment) throw new Error(`post answered ${res.status}: ${JSON.stringify(data)}`);
  return data.comment.id;
}

/**
 * A server's worth of variety: every status, replies three deep, a placeholder holding a reply,
 * an edit, featured, reactions, views, a closed thread in pre-moderation, odd text, and an
 * imported Disqus file beside comments written here.
 */
export type SeedIds = Record<'root' | 'reply' | 'deep' | 'gone' | 'underGone' | 'spam' | 'rejected' | 'edited' | 'pending', number>;

export async function seedVariety(t: TestApp): Promise<{ ids: SeedIds }> {
  const ids = {} as SeedIds;
  await t.call('POST', '/api/v1/threads/news-1/views', { body: { title: '  Spaced   title ', url: 'https://news.example/1' }, reader: '192.0.2.1' });
  await t.call('POST', '/api/v1/threads/news-1/views', { reader: '192.0.2.2' });
  ids.root = await post(t, 'news-1', { author: ' Ann ', body: 'Hello **all**\n\nsecond paragraph <b>raw</b> 🙂', email: 'Ann@Example.com' });
  ids.reply = await post(t, 'news-1', { author: 'Bob', body: 'A reply', parentId: ids.root });
  ids.deep = await post(t, 'news-1', { author: 'Cy', body: 'Deeper', parentId: ids.reply, email: 'cy@example.com' });
  ids.gone = await post(t, 'news-1', { author: 'Dee', body: 'I will be erased', email: 'dee@example.com' });
  ids.underGone = await post(t, 'news-1', { author: 'Eve', body: 'Reply to the erased one', parentId: ids.gone });
  ids.spam = await post(t, 'news-1', { author: 'Spammer', body: 'cheap pills' });
  ids.rejected = await post(t, 'news-1', { author: 'Rude', body: 'rude words', email: 'ann@example.com' });
  ids.edited = await post(t, 'news-1', { author: 'Fay', body: 'typo fixed' });
  await t.ctx.store.comments.erase(ids.gone);
  await t.ctx.store.comments.update(ids.spam, { status: 'spam' });
  await t.ctx.store.comments.update(ids.rejected, { status: 'rejected' });
  await t.ctx.store.comments.update(ids.edited, { editedAt: t.clock.now + 5000, body: 'typo fixed, really', html: renderCommentHtml('typo fixed, really') });
  await t.ctx.store.comments.update(ids.root, { featured: true });
  for (const reader of ['10.0.0.1', '10.0.0.2']) await t.call('POST', `/api/v1/comments/${ids.root}/reactions`, { reader });
  await t.ctx.store.threads.update('closed-one', { moderation: 'pre' });
  ids.pending = await post(t, 'closed-one', { author: 'Gil', body: 'Waiting for a moderator', email: 'ann@example.com' });
  await t.ctx.store.threads.update('closed-one', { closed: true });
  await t.call('POST', '/api/v1/threads/no-comments/views', { reader: '192.0.2.3' });
  await t.ctx.views.flush();
  await imported(t, fixtureText('isso-disqus.xml'));
  t.ctx.threads.clear();
  t.ctx.listCache.clear();
  return { ids };
}
