import type { ImportCommentOp, ImportOp, ImportOpResult, Store } from '../../store/types';
import { renderCommentHtml } from '../format/markdown';
import { IdTable } from './id-table';
import { ImportParseError, type ImportedComment, type ImportItem } from './types';

/** What an import did, as `POST /api/v1/admin/import` answers it. */
export interface ImportResult {
  /** Threads this import created. */
  threads: number;
  /** Comments this import added. */
  comments: number;
  /** Items that could not be imported; the first {@link REASONS_KEPT} are in `skippedReasons`. */
  skipped: number;
  /** Comments already stored by an earlier import of the same items (not added again). */
  unchanged: number;
  skippedReasons: { ref: string; reason: string }[];
}

export interface ImportOptions {
  /** Items written per transaction. */
  batchSize?: number;
  /** Called after every batch with the totals so far and the number of items read. */
  onProgress?: (totals: ImportResult, items: number) => void;
  /** Clock for new threads' creation time. */
  now?: () => number;
}

export const REASONS_KEPT = 100;
/**
 * Imported history is not re-validated against the live limits (5,000 characters), but a
 * comment this long is not a comment: it is skipped rather than stored.
 */
export const IMPORT_BODY_MAX = 100_000;
/** The API addresses threads by keys of at most 512 characters: a longer one could never be read. */
const THREAD_KEY_MAX = 512;

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * Writes parsed import items to the store, a batch per transaction, as they stream in: memory
 * stays flat whatever the file's size. Comments are keyed by their sourceId (`importKey`), so
 * importing the same items again adds nothing. The caller clears the caches afterwards.
 */
export async function writeImport(store: Store, items: AsyncIterable<ImportItem>, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? Date.now;
  const own = new RegExp(`^footnote:${await store.archive.siteTag()}:(\\d+)$`);
  const localId = (key: string | null): number | null => {
    const m = key === null ? null : own.exec(key);
    return m ? Number(m[1]) : null;
  };
  const totals: ImportResult = { threads: 0, comments: 0, skipped: 0, unchanged: 0, skippedReasons: [] };
  const skip = (ref: string, reason: string) => {
    totals.skipped++;
    if (totals.skippedReasons.length < REASONS_KEPT) totals.skippedReasons.push({ ref, reason });
  };

  let batch: ImportOp[] = [];
  let read = 0;
  // Hashes, not the keys: a file of nothing but over-long keys must not fill the memory with them.
  const refused = new IdTable();
  const flush = async () => {
    if (batch.length === 0) return;
    const ops = batch;
    batch = [];
    const results = await store.archive.importBatch(ops, now());
    ops.forEach((op, i) => count(op, results[i] ?? 'no-thread'));
    options.onProgress?.(totals, read);
  };
  const count = (op: ImportOp, result: ImportOpResult) => {
    if (result === 'created' && op.kind === 'thread') totals.threads++;
    else if (result === 'added') totals.comments++;
    else if (result === 'unchanged') totals.unchanged++;
    else if (op.kind === 'comment' && result === 'erased') skip(op.importKey, 'deleted on this server since it was exported');
    else if (op.kind === 'comment' && result === 'no-thread') skip(op.importKey, `thread ${op.threadKey} not found`);
  };

  try {
    for await (const item of items) {
      read++;
      await take(item);
    }
  } catch (err) {
    // The file went wrong part-way (damage, a bound): what was read before it is written.
    if (err instanceof ImportParseError) await flush();
    throw err;
  }
  await flush();
  return totals;

  async function take(item: ImportItem): Promise<void> {
    if (item.kind === 'skip') return skip(item.ref, item.reason);
    if (item.kind === 'user') {
      batch.push({ kind: 'user', user: item.user, ignored: item.ignored });
    } else if (item.kind === 'thread' && item.key.length > THREAD_KEY_MAX) {
      refused.set(item.key, 0);
      skip(`thread ${item.key.slice(0, 40)}…`, `thread key longer than ${THREAD_KEY_MAX} characters`);
    } else if (item.kind === 'thread') {
      const { key, title, url, closed } = item;
      batch.push({ kind: 'thread', key, title, url, closed, moderation: item.moderation ?? null, views: item.views ?? 0 });
    } else if (refused.has(item.threadKey)) {
      skip(item.sourceId, `its thread key is longer than ${THREAD_KEY_MAX} characters`);
    } else {
      const op = commentOp(item, localId);
      if (typeof op === 'string') skip(item.sourceId, op);
      else batch.push(op);
    }
    if (batch.length >= batchSize) await flush();
  }
}

/** The row to write for an imported comment, or why it is skipped. */
function commentOp(item: ImportedComment, localId: (key: string | null) => number | null): ImportCommentOp | string {
  const length = codePoints(item.body);
  if (length > IMPORT_BODY_MAX) return `comment of ${length.toLocaleString('en')} characters (at most ${IMPORT_BODY_MAX.toLocaleString('en')} are imported)`;
  // A deleted comment keeps its place for its replies and nothing else; an empty one is the same.
  const deleted = item.status === 'deleted' || !item.body.trim();
  return {
    kind: 'comment',
    importKey: item.sourceId,
    threadKey: item.threadKey,
    parentKey: item.parentSourceId,
    localId: localId(item.sourceId),
    parentLocalId: localId(item.parentSourceId),
    author: deleted ? '' : item.author,
    email: deleted ? null : item.email,
    body: deleted ? '' : item.body,
    html: deleted ? '' : renderCommentHtml(item.body),
    status: deleted ? 'deleted' : item.status,
    featured: deleted ? false : (item.featured ?? false),
    reactions: item.reactions ?? 0,
    createdAt: item.createdAt,
    editedAt: item.editedAt ?? null,
    // Kept on a placeholder too: a comment the desk deleted keeps its author's id, so a later
    // erasure of that user still finds it (an erased user's placeholders carry none).
    userId: item.userId ?? null,
    badges: item.badges ?? [],
    statusByDesk: deleted ? false : (item.statusByDesk ?? false),
    decidedAt: item.decidedAt ?? null,
  };
}
