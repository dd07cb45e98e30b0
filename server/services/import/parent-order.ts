import { IdTable } from './id-table';
import { DEFAULT_IMPORT_LIMITS, type ImportedComment, type ImportSkip } from './types';

/** Estimated heap bytes of a comment held in memory: its strings (UTF-16) and the object around them. */
export function heldBytes(c: Omit<ImportedComment, 'threadKey'> & { threadKey?: string }): number {
  const text = c.body.length + c.author.length + (c.email?.length ?? 0) + c.sourceId.length + (c.parentSourceId?.length ?? 0) + (c.threadKey?.length ?? 0);
  return 200 + 2 * text;
}

/**
 * Reorders comments so a parent always comes out before its replies. Exports are mostly in
 * date order, but not always (Disqus posts whose thread comes later, hand-edited files), and
 * an importer that can resolve `parentSourceId` at once never needs a second pass.
 *
 * Memory: 12-24 bytes per released comment id, outside the JavaScript heap ({@link IdTable}),
 * plus the replies still waiting for their parent, which in a date-ordered export is none. Those
 * are held up to `waitingBytes` (estimated): past it, the replies that have waited longest are
 * let out at the top level, as if their parent never came, so no file can fill the memory.
 */
export class ParentFirst {
  private held = 0;

  constructor(private readonly waitingBytes: number = DEFAULT_IMPORT_LIMITS.waitingBytes) {}

  /** sourceId → thread (its index in `threadIndex`) of every comment already released. */
  private readonly released = new IdTable();
  private readonly threadIndex = new Map<string, number>();
  /** parent sourceId → replies waiting for it. */
  private readonly waiting = new Map<string, ImportedComment[]>();

  /** Takes one comment; yields it (and replies it unblocks) when its parent is already out. */
  *push(comment: ImportedComment): Generator<ImportedComment | ImportSkip> {
    const parent = comment.parentSourceId;
    if (parent !== null && !this.released.has(parent)) {
      const list = this.waiting.get(parent);
      if (list) list.push(comment);
      else this.waiting.set(parent, [comment]);
      this.held += heldBytes(comment);
      while (this.held > this.waitingBytes && this.waiting.size > 0) yield* this.releaseOldest();
      return;
    }
    yield* this.release(comment);
  }

  /**
   * Releases every reply still waiting, as top-level comments: their parent never appeared (or
   * they form a cycle). Call once at the end of the input, or at the end of a thread when
   * parents can only be in the same thread.
   */
  *flush(): Generator<ImportedComment | ImportSkip> {
    while (this.waiting.size > 0) yield* this.releaseOldest();
  }

  /** The replies that have waited longest (a Map keeps insertion order), at the top level. */
  private *releaseOldest(): Generator<ImportedComment | ImportSkip> {
    const [parent, replies] = this.waiting.entries().next().value as [string, ImportedComment[]];
    this.waiting.delete(parent);
    for (const reply of replies) {
      this.held -= heldBytes(reply);
      yield* this.release({ ...reply, parentSourceId: null });
    }
  }

  private *release(first: ImportedComment): Generator<ImportedComment | ImportSkip> {
    const stack = [first];
    for (let comment = stack.pop(); comment; comment = stack.pop()) {
      if (this.released.has(comment.sourceId)) {
        yield { kind: 'skip', ref: comment.sourceId, reason: 'duplicate comment id' };
        continue;
      }
      const parentThread = comment.parentSourceId === null ? undefined : this.released.get(comment.parentSourceId);
      const thread = this.indexOf(comment.threadKey);
      // A reply cannot live in another thread than its parent (the API refuses it too).
      if (parentThread !== undefined && parentThread !== thread) comment = { ...comment, parentSourceId: null };
      this.released.set(comment.sourceId, thread);
      yield comment;
      const replies = this.waiting.get(comment.sourceId);
      if (replies) {
        this.waiting.delete(comment.sourceId);
        for (const reply of replies) this.held -= heldBytes(reply);
        // Pushed last-first so that replies come off the stack in their original order.
        for (let i = replies.length - 1; i >= 0; i--) stack.push(replies[i] as ImportedComment);
      }
    }
  }

  private indexOf(threadKey: string): number {
    let index = this.threadIndex.get(threadKey);
    if (index === undefined) {
      index = this.threadIndex.size;
      this.threadIndex.set(threadKey, index);
    }
    return index;
  }
}
