import { expect } from 'vitest';
import type { TestApp } from '../../testing/harness';

let n = 0;

/** Posts a comment as a fresh reader (so rate limits never interfere) and returns its id and status. */
export async function postAs(t: TestApp, thread: string, fields: { body?: string; author?: string; email?: string; parentId?: number; reader?: string; website?: string } = {}) {
  n++;
  const { reader, ...rest } = fields;
  const res = await t.call('POST', `/api/v1/threads/${encodeURIComponent(thread)}/comments`, {
    reader: reader ?? `198.51.${(n >> 8) & 255}.${n & 255}`,
    body: { author: `Reader ${n}`, body: `Comment number ${n} with some words`, ...rest },
  });
  const data = (await res.json()) as { comment?: { id: number; status: string }; error?: { code: string } };
  return { res, id: data.comment?.id ?? 0, status: data.comment?.status, error: data.error?.code };
}

/** Posts and expects a 201. */
export async function posted(t: TestApp, thread: string, fields: Parameters<typeof postAs>[2] = {}) {
  const r = await postAs(t, thread, fields);
  expect(r.res.status, `post failed: ${r.error}`).toBe(201);
  return r;
}

/** Every public count of a thread, which must all equal the published comments. */
export async function publicCounts(t: TestApp, thread: string) {
  const key = encodeURIComponent(thread);
  const one = (await (await t.call('GET', `/api/v1/threads/${key}`)).json()) as { comments: number };
  const many = (await (await t.call('GET', `/api/v1/counts?thread=${key}`)).json()) as Record<string, { comments: number }>;
  const list = (await (await t.call('GET', `/api/v1/threads/${key}/comments?limit=100`)).json()) as { total: number };
  return { thread: one.comments, counts: many[thread]?.comments, list: list.total };
}

/** The published comments of a thread according to the desk queue. */
export async function publishedInQueue(t: TestApp, thread: string): Promise<number> {
  const res = await t.admin('GET', `/api/v1/admin/comments?status=published&thread=${encodeURIComponent(thread)}&limit=100`);
  return ((await res.json()) as { comments: unknown[] }).comments.length;
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
