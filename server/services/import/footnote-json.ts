import { footnoteComment, footnoteThread, FOOTNOTE_EXPORT_VERSIONS } from './footnote-format';
import { footnoteUser } from './footnote-users';
import { issoComment, issoThread } from './isso-format';
import { JsonPathAssembler, type JsonPath, type JsonPathReader, type JsonValue } from './json-paths';
import { JsonStream, JsonStreamError } from './json-stream';
import { ParentFirst } from './parent-order';
import { textChunks } from './text-chunks';
import {
  DEFAULT_IMPORT_LIMITS,
  ImportParseError,
  type ImportedComment,
  type ImportedThread,
  type ImportInput,
  type ImportItem,
  type ImportLimits,
  type ImportSkip,
} from './types';

type Dialect = 'footnote' | 'isso';

interface ThreadState {
  index: number;
  fields: Record<string, JsonValue>;
  key: string | null;
  /** Comments read before the thread's key; only when a writer put `comments` first. */
  early: { raw: JsonValue; index: number }[];
  /** Estimated bytes `early` holds. */
  earlyBytes: number;
  count: number;
}

const DIALECTS = {
  footnote: { threadDepth: 2, thread: footnoteThread, comment: footnoteComment },
  isso: { threadDepth: 1, thread: issoThread, comment: issoComment },
} satisfies Record<Dialect, unknown>;

/**
 * Streams a JSON export: Footnote's own (`{"format":"footnote","version":2,"users":[…],"threads":[…]}`, see
 * {@link FootnoteExport}) or Isso's (`[{"id","title","comments":[…]}]`), told apart by the root.
 * The file is never held whole: threads and comments are read one at a time. Broken JSON
 * cannot be resynchronized, so what came before the damage is kept and the rest counts as one skip.
 */
export async function* parseFootnoteJson(input: ImportInput, limits: Partial<ImportLimits> = {}): AsyncGenerator<ImportItem> {
  const reader = new ExportReader(limits.waitingBytes ?? DEFAULT_IMPORT_LIMITS.waitingBytes);
  const tokenizer = new JsonStream(new JsonPathAssembler(reader));
  try {
    for await (const chunk of textChunks(input)) {
      tokenizer.write(chunk);
      yield* reader.take();
    }
    tokenizer.end();
    reader.finish();
  } catch (error) {
    // Stopped part-way through a piece: what it completed before the stop still comes out.
    if (!(error instanceof JsonStreamError)) {
      yield* reader.take();
      throw error;
    }
    if (!reader.dialect) throw new ImportParseError(`This is not a JSON export: ${error.message}.`);
    reader.abort(`malformed JSON near line ${error.line ?? tokenizer.line}: ${error.message}`);
  }
  yield* reader.take();
}

class ExportReader implements JsonPathReader {
  dialect: Dialect | null = null;
  private thread: ThreadState | null = null;
  private queue: ImportItem[] = [];
  private sawThreads = false;
  /**
   * One order for the file, flushed at each thread's end (a parent is always in its reply's
   * thread): a comment id repeated anywhere in the file is then a "duplicate comment id" skip,
   * as in every format, rather than counted `unchanged` by the database.
   */
  private readonly order: ParentFirst;

  constructor(private readonly waitingBytes: number) {
    this.order = new ParentFirst(waitingBytes);
  }

  take(): ImportItem[] {
    return this.queue.splice(0);
  }

  streams(path: JsonPath, type: 'object' | 'array'): boolean {
    if (path.length === 0) return true;
    // Users one at a time, each read whole (with their ignore list, at most 1,000 ids).
    if (this.dialect === 'footnote' && path[0] === 'users') return path.length === 1 && type === 'array';
    const at = this.dialect === 'footnote' ? path.slice(1) : path;
    if (this.dialect === 'footnote' && path[0] !== 'threads') return false;
    return (at.length === 0 && type === 'array') || (at.length === 1 && type === 'object') || (at.length === 2 && at[1] === 'comments' && type === 'array');
  }

  start(path: JsonPath, type: 'object' | 'array'): void {
    if (path.length === 0) this.dialect = type === 'object' ? 'footnote' : 'isso';
    const depth = DIALECTS[this.dialect ?? 'isso'].threadDepth;
    if (path.length === depth) {
      this.sawThreads = true;
      this.thread = { index: Number(path[depth - 1]), fields: {}, key: null, early: [], earlyBytes: 0, count: 0 };
    } else if (path.length === depth + 1) {
      this.openThread(); // the fields before `comments` are all there is
    }
  }

  end(path: JsonPath): void {
    if (this.thread && path.length === DIALECTS[this.dialect ?? 'isso'].threadDepth) this.closeThread();
  }

  value(path: JsonPath, value: JsonValue): void {
    if (path.length === 0) throw new ImportParseError('This is not a JSON export: the document is a single value.');
    if (this.dialect === 'footnote' && path.length === 1) return this.header(String(path[0]), value);
    if (this.dialect === 'footnote' && path[0] === 'users') {
      if (path.length === 2) this.queue.push(footnoteUser(value, Number(path[1])));
      return;
    }
    const dialect = DIALECTS[this.dialect ?? 'isso'];
    const thread = this.thread;
    if (!thread) return;
    if (path.length === dialect.threadDepth + 1) thread.fields[String(path[dialect.threadDepth])] = value;
    else if (path.length === dialect.threadDepth + 2) this.comment(thread, value);
  }

  finish(): void {
    if (this.dialect === 'footnote' && !this.sawThreads) throw new ImportParseError('This is not a Footnote export: it has no "threads".');
  }

  /** Stops at broken JSON: the current thread's waiting replies still come out. */
  abort(reason: string): void {
    if (this.thread) this.emit(this.order.flush());
    this.thread = null;
    this.queue.push({ kind: 'skip', ref: 'file', reason });
  }

  private header(name: string, value: JsonValue): void {
    if (name === 'format' && value !== 'footnote') throw new ImportParseError(`This is not a Footnote export: its format is ${JSON.stringify(value)}.`);
    if (name === 'version' && !FOOTNOTE_EXPORT_VERSIONS.includes(value as number)) {
      throw new ImportParseError(`This Footnote export is version ${JSON.stringify(value)}; this server reads versions ${FOOTNOTE_EXPORT_VERSIONS.join(' and ')}.`);
    }
  }

  private openThread(): void {
    const thread = this.thread;
    if (!thread || thread.key !== null) return;
    const item: ImportedThread | null = DIALECTS[this.dialect ?? 'isso'].thread(thread.fields);
    if (!item) return;
    thread.key = item.key;
    this.queue.push(item);
    for (const { raw, index } of thread.early.splice(0)) this.convert(thread, raw, index);
  }

  private comment(thread: ThreadState, raw: JsonValue): void {
    const index = thread.count++;
    if (thread.key !== null) return this.convert(thread, raw, index);
    const size = 200 + 2 * JSON.stringify(raw).length;
    if (thread.earlyBytes + size > this.waitingBytes) {
      this.queue.push({ kind: 'skip', ref: `comment #${index + 1} of thread #${thread.index + 1}`, reason: 'its thread has no key yet, and too many comments were already waiting for it' });
      return;
    }
    thread.earlyBytes += size;
    thread.early.push({ raw, index });
  }

  private convert(thread: ThreadState, raw: JsonValue, index: number): void {
    const item: ImportedComment | ImportSkip = DIALECTS[this.dialect ?? 'isso'].comment(raw, thread.key ?? '', index);
    if (item.kind === 'skip') this.queue.push(item);
    else this.emit(this.order.push(item));
  }

  private emit(items: Iterable<ImportItem>): void {
    for (const item of items) this.queue.push(item);
  }

  private closeThread(): void {
    const thread = this.thread;
    if (!thread) return;
    this.openThread();
    if (thread.key === null) {
      const reason = 'thread has no valid key';
      this.queue.push({ kind: 'skip', ref: `thread #${thread.index + 1}`, reason });
      for (const { index } of thread.early) this.queue.push({ kind: 'skip', ref: `comment #${index + 1} of thread #${thread.index + 1}`, reason });
    }
    this.emit(this.order.flush());
    this.thread = null;
  }
}
