import type { Comment } from '../api/types';
import { arrive, inPlace, showAll } from './arrivals';
import type { FootnoteComments } from './footnote-comments';
import { findComment, insertComment, walk } from './tree';

/**
 * Reading the thread for <footnote-comments>: the first page, the next ones, another sort,
 * live arrivals (in place or behind "Show N new comments"), and catching up after the live
 * stream was closed. It asks the server and hands what is to be shown to the element
 * (`host.show`); the element owns the state.
 */
export class ThreadReader {
  /** Live comments and updates of thread `key`, held while its first page is on its way. */
  private early: { key: string; held: Comment[] } | null = null;

  constructor(private readonly host: FootnoteComments) {}

  /**
   * Loads the first page (`cursor` null, replacing the thread) or the next one. What comes
   * live while a first page is on its way is held, then applied to the page once it is shown,
   * in the order it came: the page may have been read before any of it happened. Shown ids
   * are updated in place, never added twice nor announced; the rest arrive as live ones do.
   * (A shown id's `comment` is applied too: it may be a change, a comment featured.)
   */
  async page(cursor: string | null): Promise<void> {
    const key = this.host.key;
    if (cursor) return this.read(key, cursor);
    // A later first page (another sort) holds its own: it was read after all these came.
    const early = (this.early = { key, held: [] });
    try {
      await this.read(key, null);
    } finally {
      if (this.early === early) this.early = null;
      if (key === this.host.key) for (const c of early.held) this.onLive(c);
    }
  }

  private async read(key: string, cursor: string | null): Promise<void> {
    const host = this.host;
    const page = await host.api.list(key, host.sort, cursor);
    // The element moved to another thread while this page loaded: its answer is stale.
    if (key !== host.key) return;
    const shown = host.comments;
    let list = cursor ? [...shown, ...page.comments.filter((c) => !findComment(shown, c.id))] : page.comments;
    // Own comments still held for review are shown, marked, on the device that posted them.
    for (const p of host.own.pending(key)) {
      if (!findComment(list, p.id)) list = insertComment(list, { ...p, replies: [] }, host.sort === 'newest');
    }
    host.show({ comments: list, incoming: cursor ? host.incoming : [] }, page.next);
  }

  /** "Load more comments": the next page, focus on its first comment. */
  async more(): Promise<void> {
    const before = this.host.comments.length;
    await this.page(this.host.next).catch((err: unknown) => this.host.say(this.host.writer.errorText(err)));
    void this.host.panels.focus(this.host.comments[before]?.id);
  }

  /**
   * After the stream was closed (page hidden, network lost): the newest comments since then
   * arrive as if live, oldest first (a reply after its parent); edits and deletions apply in place. The server sends the
   * counts itself on every connection.
   */
  async catchUp(since: number): Promise<void> {
    const host = this.host;
    const page = await host.api.list(host.key, 'newest', null).catch(() => null);
    // A minute of slack for the clocks of reader and server; ids already shown are skipped.
    for (const c of [...walk(page?.comments ?? [])].sort((a, b) => a.id - b.id)) {
      if (findComment(host.comments, c.id) || Date.parse(c.createdAt) > since - 60_000) this.onLive({ ...c, status: 'published' });
    }
  }

  /** A live `comment` or `update`: in place on an empty or short thread read to its end, else behind a button. */
  onLive(c: Comment): void {
    const host = this.host;
    if (this.early?.key === host.key) return void this.early.held.push(c);
    if (findComment(host.comments, c.id)?.status === 'pending' && c.status === 'published') host.own.forget(c.id);
    const end = host.$('.thread')?.getBoundingClientRect().bottom ?? 0;
    const place = inPlace(host.comments, host.next !== null, end <= window.innerHeight);
    const was = host.comments;
    host.show(arrive(host, c, place, host.sort === 'newest'));
    if (host.comments !== was && !findComment(was, c.id)) void host.announce(host.msg.t('arrived', { name: c.author }));
  }

  /** "Show N new comments": each joins the thread where it belongs; focus goes to the first. */
  showIncoming(): void {
    const host = this.host;
    const first = host.incoming[0];
    host.show(showAll(host, host.sort === 'newest'));
    host.say('');
    void host.panels.focus(first?.id);
  }
}
