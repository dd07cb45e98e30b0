import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../contract';
import { testApp } from '../../testing/harness';

describe('live events of a comment that changed', () => {
  it('tell public listeners only what the public API shows: a comment leaving the thread is just removed', async () => {
    const t = await testApp();
    const posted = async (body: string, reader: string) => {
      const res = await t.call('POST', '/api/v1/threads/live-status/comments', { body: { author: 'Ann', body }, reader });
      return ((await res.json()) as { comment: { id: number } }).comment.id;
    };
    const spam = await posted('Cheap watches here', '192.0.2.44');
    const rejected = await posted('Off topic', '198.51.100.7');
    const events: LiveEvent[] = [];
    const stop = t.ctx.hub.subscribe('live-status', (e) => events.push(e));
    for (const [id, status] of [[spam, 'spam'], [rejected, 'rejected']] as const) {
      expect((await t.admin('PATCH', `/api/v1/admin/comments/${id}`, { status })).status).toBe(200);
    }
    stop?.();
    const updates = events.filter((e) => e.type !== 'counts');
    expect(updates).toHaveLength(2);
    for (const e of updates) {
      expect(e).toMatchObject({ type: 'update', data: { status: 'deleted', deleted: true, author: '', body: '', html: '' } });
    }
    expect(JSON.stringify(events)).not.toMatch(/spam|rejected|pending|Cheap watches|Off topic/);
  });
});
