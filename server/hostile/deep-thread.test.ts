import { describe, expect, it } from 'vitest';
import { MAX_NESTING } from '../services/comments/present';
import { testApp, uniqueThread, type TestApp } from '../testing/harness';

interface Node {
  id: number;
  parentId: number | null;
  deleted: boolean;
  replies: Node[];
}

/** A chain of replies to replies, `depth` below one top-level comment; ids from the top down. */
async function chain(t: TestApp, thread: string, depth: number): Promise<number[]> {
  const { id: threadId } = await t.ctx.threads.ensure(thread);
  const ids: number[] = [];
  let parentId: number | null = null;
  for (let i = 0; i <= depth; i++) {
    const row = await t.ctx.store.comments.insert({
      threadId,
      parentId,
      author: `level ${i}`,
      email: null,
      body: `level ${i}`,
      html: `<p>level ${i}</p>`,
      status: 'published',
      reader: null,
      editTokenHash: null,
      createdAt: t.clock.now + i,
    });
    ids.push(row.id);
    parentId = row.id;
  }
  // Written behind the services' back: the cached thread row learns its new count.
  await t.ctx.threads.refresh(thread);
  return ids;
}

/** Every comment of the answer in reading order, with the depth it is nested at. */
function flatten(list: Node[]): { node: Node; depth: number }[] {
  const out: { node: Node; depth: number }[] = [];
  const stack = list.map((node) => ({ node, depth: 0 })).reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    out.push(item);
    for (let i = item.node.replies.length - 1; i >= 0; i--) stack.push({ node: item.node.replies[i]!, depth: item.depth + 1 });
  }
  return out;
}

async function list(t: TestApp, thread: string) {
  const res = await t.call('GET', `/api/v1/threads/${thread}/comments`);
  expect(res.status).toBe(200);
  return (await res.json()) as { comments: Node[]; total: number };
}

describe('a reply chain thousands deep', () => {
  it('lists a 3,000-deep chain whole, nested to MAX_NESTING and flat below it, in order', async () => {
    const t = await testApp();
    const thread = uniqueThread('deep');
    const ids = await chain(t, thread, 3000);
    const page = await list(t, thread);
    expect(page.total).toBe(3001);
    const all = flatten(page.comments);
    expect(all.map((x) => x.node.id)).toEqual(ids);
    expect(Math.max(...all.map((x) => x.depth))).toBe(MAX_NESTING + 1);
    // Each still names the comment it answers, nested or not.
    expect(all.map((x) => x.node.parentId)).toEqual([null, ...ids.slice(0, -1)]);
    const holder = all[MAX_NESTING]!.node;
    expect(holder.replies).toHaveLength(3000 - MAX_NESTING);
    expect(holder.replies.every((r) => r.replies.length === 0)).toBe(true);
  });

  it('drops deleted replies deep down that hold nothing up, keeps a placeholder that does', async () => {
    const t = await testApp();
    const thread = uniqueThread('deep');
    const ids = await chain(t, thread, 3000);
    // The last 500 of the chain go, and one in the middle that still holds up the rest.
    for (const id of [...ids.slice(-500), ids[1000]!].reverse()) await t.ctx.store.comments.update(id, { status: 'deleted' });
    t.ctx.listCache.invalidate(thread);
    await t.ctx.threads.refresh(thread);
    const all = flatten((await list(t, thread)).comments);
    expect(all.map((x) => x.node.id)).toEqual(ids.slice(0, -500));
    expect(all.filter((x) => x.node.deleted).map((x) => x.node.id)).toEqual([ids[1000]]);
  });
});
