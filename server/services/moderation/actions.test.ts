import { describe, expect, it } from 'vitest';
import { testApp, uniqueThread } from '../../testing/harness';
import { posted } from '../../routes/admin/testing';
import type { ThreadEvent } from '../events/hub';
import { eraseComment, moderateComment } from './actions';

/** Live readers follow the desk's decisions, without being sent text that left the page. */
describe('moderation actions and live readers', () => {
  it('publishing sends the comment; rejecting sends only that it is gone; counts follow', async () => {
    const t = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const thread = uniqueThread();
    const { id } = await posted(t, thread, { body: 'held text' });
    const events: ThreadEvent[] = [];
    const stop = t.ctx.hub.subscribe(thread, (e) => events.push(e));

    await moderateComment(t.ctx, id, { status: 'published' });
    expect(events.map((e) => e.type)).toEqual(['comment', 'counts']);
    expect(events[0]!.data).toMatchObject({ id, body: 'held text', status: 'published' });
    expect(events[1]!.data).toMatchObject({ comments: 1 });

    events.length = 0;
    await moderateComment(t.ctx, id, { status: 'rejected' });
    expect(events.map((e) => e.type)).toEqual(['update', 'counts']);
    expect(events[0]!.data).toMatchObject({ id, status: 'deleted', deleted: true, body: '', author: '' });
    expect(JSON.stringify(events)).not.toMatch(/held text|rejected/);
    expect(events[1]!.data).toMatchObject({ comments: 0 });

    events.length = 0;
    await moderateComment(t.ctx, id, { status: 'spam' });
    expect(events.map((e) => e.type)).toEqual(['counts']);
    stop?.();
  });

  it('erasing tells live readers the comment is deleted, without its text', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id } = await posted(t, thread, { body: 'soon gone' });
    const events: ThreadEvent[] = [];
    const stop = t.ctx.hub.subscribe(thread, (e) => events.push(e));
    await eraseComment(t.ctx, id);
    expect(events[0]).toMatchObject({ type: 'update', data: { id, deleted: true, body: '' } });
    expect(events[1]).toMatchObject({ type: 'counts', data: { comments: 0 } });
    expect(JSON.stringify(events)).not.toContain('soon gone');
    stop?.();
  });
});
