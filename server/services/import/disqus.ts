import { createHash } from 'node:crypto';
import { cleanAuthor, cleanEmail, cleanTitle, httpUrl, linkPath, oneLine, parseDate } from './fields';
import { htmlToText } from './html-to-text';
import { IdTable } from './id-table';
import { heldBytes, ParentFirst } from './parent-order';
import { DEFAULT_IMPORT_LIMITS, type ImportedComment, type ImportInput, type ImportItem, type ImportLimits } from './types';
import { FieldCapture, messageTooLong, streamXml, type XmlHandler, type XmlSink, type XmlTag } from './xml-stream';

/** Elements of a Disqus export; opening one of these always ends an unclosed field. */
const STRUCTURE = new Set([
  'thread', 'post', 'category', 'id', 'forum', 'link', 'title', 'message', 'createdat', 'author',
  'name', 'email', 'username', 'isanonymous', 'isclosed', 'isdeleted', 'isspam', 'ipaddress', 'parent',
]);
/** Fields read per record. `ipaddress` is deliberately absent: addresses are never imported. */
const FIELDS = {
  thread: new Set(['id', 'link', 'title', 'isclosed', 'isdeleted']),
  post: new Set(['id', 'message', 'createdat', 'isdeleted', 'isspam', 'name', 'username', 'email']),
};

interface DisqusRecord {
  kind: 'thread' | 'post';
  dsqId: string | null;
  depth: number;
  fields: Map<string, string>;
  threadRef: string | null;
  parentRef: string | null;
  /** Line of a parse error inside the record: it cannot be trusted, so it is skipped. */
  damagedAt: number | null;
  /** The message was longer than a field holds: skipped, never stored cut. */
  messageCut: boolean;
}

/**
 * Streams a Disqus XML export (`<disqus>` with `<thread>` and `<post>` elements).
 *
 * - A thread's key is its `<id>` when not empty, else the path and query of its `<link>`;
 *   a thread with neither is skipped. Threads are yielded as they are read.
 * - A comment's sourceId is `disqus:<dsq:id>` (unique per Disqus forum); its parent comes from
 *   `<parent dsq:id>`. `isDeleted` gives status `deleted` with an empty body, `isSpam` gives `spam`.
 * - Posts may come before their thread: they wait (in memory) until it appears; a post whose
 *   thread never appears is skipped as "thread N not found". Waiting posts are held up to
 *   `limits.waitingBytes`; a post that would go past it is skipped at once.
 */
export function parseDisqus(input: ImportInput, limits: Partial<ImportLimits> = {}): AsyncGenerator<ImportItem> {
  const waitingBytes = limits.waitingBytes ?? DEFAULT_IMPORT_LIMITS.waitingBytes;
  return streamXml(input, { root: 'disqus', label: 'Disqus' }, (sink) => new DisqusReader(sink, waitingBytes));
}

class DisqusReader implements XmlHandler {
  private record: DisqusRecord | null = null;
  private field: FieldCapture | null = null;
  /** dsq:id → key of every thread read so far: the only thing kept per thread. */
  private readonly threadKeys = new Map<string, string>();
  /** dsq:ids of threads Disqus marks deleted: their posts are skipped, never brought back. */
  private readonly deletedThreads = new Set<string>();
  /** Hashes of the keys already yielded: a file of endless tiny threads must not keep their text. */
  private readonly emittedKeys = new IdTable();
  /** Posts read before their thread, by thread dsq:id. */
  private readonly waiting = new Map<string, Omit<ImportedComment, 'threadKey'>[]>();
  private waitingHeld = 0;
  private readonly order: ParentFirst;
  private damageReported = false;

  constructor(
    private readonly sink: XmlSink,
    private readonly waitingBytes: number,
  ) {
    this.order = new ParentFirst(waitingBytes);
  }

  open(tag: XmlTag): void {
    const record = this.record;
    const dsqId = tag.attrs['dsq:id']?.trim() || null;
    if (record && this.field && STRUCTURE.has(tag.name)) this.endField();
    if (!record) {
      if (tag.name === 'thread' || tag.name === 'post') this.startRecord(tag, dsqId);
    } else if (this.field) {
      this.field.openChild(tag);
    } else if (record.kind === 'post' && tag.name === 'thread' && !record.threadRef) {
      record.threadRef = dsqId;
    } else if (record.kind === 'post' && tag.name === 'parent') {
      record.parentRef = dsqId;
    } else if (tag.name === 'thread' || tag.name === 'post') {
      // A record opening inside another one: the previous record's closing tag is missing.
      this.endRecord();
      this.startRecord(tag, dsqId);
    } else if (FIELDS[record.kind].has(tag.name) && !record.fields.has(tag.name)) {
      this.field = new FieldCapture(tag.name, tag.depth, tag.name === 'message');
    }
  }

  close(name: string, depth: number): void {
    if (this.field && depth > this.field.depth) this.field.closeChild(name);
    else if (this.field && depth === this.field.depth) this.endField();
    if (this.record && depth === this.record.depth) this.endRecord();
  }

  text(text: string): void {
    this.field?.add(text);
  }

  damage(line: number): void {
    if (this.record) this.record.damagedAt ??= line;
    else if (!this.damageReported) this.sink.emit({ kind: 'skip', ref: `line ${line}`, reason: `malformed XML near line ${line}` });
    this.damageReported = true;
  }

  end(line: number): void {
    if (this.record) {
      this.record.damagedAt ??= line;
      this.endRecord();
    }
    for (const [threadId, posts] of this.waiting) {
      for (const post of posts) this.skip(postRef(post.sourceId), `thread ${threadId} not found`);
    }
    for (const item of this.order.flush()) this.sink.emit(item);
  }

  private startRecord(tag: XmlTag, dsqId: string | null): void {
    const kind = tag.name === 'thread' ? 'thread' : 'post';
    this.record = { kind, dsqId, depth: tag.depth, fields: new Map(), threadRef: null, parentRef: null, damagedAt: null, messageCut: false };
  }

  private endField(): void {
    if (this.field && this.record) {
      this.record.fields.set(this.field.name, this.field.value);
      if (this.field.name === 'message' && this.field.cut) this.record.messageCut = true;
    }
    this.field = null;
  }

  private endRecord(): void {
    this.endField();
    const record = this.record;
    this.record = null;
    if (!record) return;
    this.damageReported = false;
    const ref = `${record.kind} ${record.dsqId ?? '(no dsq:id)'}`;
    if (record.damagedAt !== null) return this.skip(ref, `malformed XML near line ${record.damagedAt}`);
    if (record.kind === 'post') return this.endPost(record, ref);
    if (!record.dsqId) return this.skip(ref, 'thread without dsq:id');
    this.endThread(record, record.dsqId, ref);
  }

  private endThread(record: DisqusRecord, dsqId: string, ref: string): void {
    if (oneLine(record.fields.get('isdeleted')) === 'true') {
      // The newsroom deleted this page's discussion in Disqus: it must not come back.
      this.deletedThreads.add(dsqId);
      this.skip(ref, 'thread deleted in Disqus: its comments are not imported');
      for (const post of this.waiting.get(dsqId) ?? []) {
        this.waitingHeld -= heldBytes(post);
        this.skip(postRef(post.sourceId), `its thread ${dsqId} was deleted in Disqus`);
      }
      this.waiting.delete(dsqId);
      return;
    }
    const link = record.fields.get('link');
    const key = oneLine(record.fields.get('id')) || linkPath(link);
    if (!key) return this.skip(ref, 'thread has neither an id nor a link');
    this.threadKeys.set(dsqId, key);
    if (!this.emittedKeys.has(key)) {
      this.emittedKeys.set(key, 0);
      const closed = oneLine(record.fields.get('isclosed')) === 'true';
      this.sink.emit({ kind: 'thread', key, title: cleanTitle(record.fields.get('title')), url: httpUrl(link), closed });
    }
    const posts = this.waiting.get(dsqId) ?? [];
    this.waiting.delete(dsqId);
    for (const post of posts) {
      this.waitingHeld -= heldBytes(post);
      this.release({ ...post, threadKey: key });
    }
  }

  private endPost(record: DisqusRecord, ref: string): void {
    if (!record.threadRef) return this.skip(ref, 'post has no thread');
    if (this.deletedThreads.has(record.threadRef)) return this.skip(ref, `its thread ${record.threadRef} was deleted in Disqus`);
    const createdAt = parseDate(record.fields.get('createdat'));
    if (createdAt === null) return this.skip(ref, 'post has no valid date');
    const flag = (name: string): boolean => oneLine(record.fields.get(name)) === 'true';
    const deleted = flag('isdeleted');
    if (record.messageCut && !deleted) return this.skip(ref, messageTooLong);
    const post = {
      kind: 'comment' as const,
      sourceId: sourceIdOf(record, record.threadRef, createdAt),
      parentSourceId: record.parentRef ? `disqus:${record.parentRef}` : null,
      author: cleanAuthor(oneLine(record.fields.get('name')) || record.fields.get('username')),
      email: cleanEmail(record.fields.get('email')),
      body: deleted ? '' : htmlToText(record.fields.get('message') ?? ''),
      createdAt,
      status: deleted ? ('deleted' as const) : flag('isspam') ? ('spam' as const) : ('published' as const),
    };
    const threadKey = this.threadKeys.get(record.threadRef);
    if (threadKey !== undefined) return this.release({ ...post, threadKey });
    const size = heldBytes(post);
    if (this.waitingHeld + size > this.waitingBytes) {
      return this.skip(ref, `thread ${record.threadRef} had not appeared yet, and too many posts were already waiting for theirs`);
    }
    this.waitingHeld += size;
    const list = this.waiting.get(record.threadRef);
    if (list) list.push(post);
    else this.waiting.set(record.threadRef, [post]);
  }

  private release(comment: ImportedComment): void {
    for (const item of this.order.push(comment)) this.sink.emit(item);
  }

  private skip(ref: string, reason: string): void {
    this.sink.emit({ kind: 'skip', ref, reason });
  }
}

/**
 * A post's import key: `disqus:<dsq:id>`; without one (hand-made or converted files), its
 * `<id>`; without that, a hash of its thread, author, date and text, so the same post imports
 * once and a re-import adds nothing.
 */
function sourceIdOf(record: DisqusRecord, threadRef: string, createdAt: number): string {
  if (record.dsqId) return `disqus:${record.dsqId}`;
  const id = oneLine(record.fields.get('id'));
  if (id) return `disqus:id:${id}`;
  const author = `${oneLine(record.fields.get('name'))}\u0000${oneLine(record.fields.get('username'))}\u0000${oneLine(record.fields.get('email'))}`;
  const hash = createHash('sha256').update(`${threadRef}\u0000${author}\u0000${createdAt}\u0000${record.fields.get('message') ?? ''}`).digest('hex');
  return `disqus:sha256:${hash.slice(0, 32)}`;
}

/** "post 12" for `disqus:12`, the ref a skip names a post by. */
const postRef = (sourceId: string): string => `post ${sourceId.slice('disqus:'.length)}`;
