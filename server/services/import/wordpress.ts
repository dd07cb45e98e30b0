import { cleanAuthor, cleanEmail, cleanTitle, httpUrl, linkPath, oneLine, parseDate } from './fields';
import { htmlToText } from './html-to-text';
import { IdTable } from './id-table';
import { ParentFirst } from './parent-order';
import { DEFAULT_IMPORT_LIMITS, type ImportedComment, type ImportedStatus, type ImportInput, type ImportItem, type ImportLimits } from './types';
import { FieldCapture, messageTooLong, streamXml, type XmlHandler, type XmlSink, type XmlTag } from './xml-stream';

const ITEM_FIELDS = new Set(['title', 'link', 'wp:post_id', 'wp:comment_status']);
/** `wp:comment_author_ip` is deliberately absent: addresses are never imported. */
const COMMENT_FIELDS = new Set([
  'wp:comment_id', 'wp:comment_author', 'wp:comment_author_email', 'wp:comment_date',
  'wp:comment_date_gmt', 'wp:comment_content', 'wp:comment_approved', 'wp:comment_type', 'wp:comment_parent',
]);
const STATUS: Record<string, ImportedStatus> = { '1': 'published', '0': 'pending', spam: 'spam', trash: 'deleted', 'post-trashed': 'deleted' };
const READER_TYPES = new Set(['', 'comment', 'review']);

interface Part {
  depth: number;
  line: number;
  fields: Map<string, string>;
  damagedAt: number | null;
  /** The comment's text was longer than a field holds: skipped, never stored cut. */
  contentCut?: boolean;
}
interface Item extends Part {
  /** Comments read before the item's link, which gives their thread key. */
  early: Part[];
  /** Estimated bytes `early` holds. */
  earlyBytes: number;
  key: string | null;
}

/**
 * Streams a WordPress WXR export (`<rss>` → `<channel>` → `<item>` with `<wp:comment>`s).
 *
 * - Each item with at least one imported comment is a thread, keyed by the path and query of
 *   its `<link>` (`/2014/test/`, `/?p=4`), else `/?p=<wp:post_id>`; items without comments
 *   (pages, attachments, menu entries) yield nothing.
 * - sourceId is `wordpress:<threadKey>#<wp:comment_id>`. WordPress ids are unique per site, but
 *   merged or hand-edited exports repeat them across posts (the Isso fixture does), so the
 *   thread key is part of the id.
 * - Dates: `comment_date_gmt`, else `comment_date`, read as UTC. `comment_approved` 1/0/spam/trash
 *   gives published/pending/spam/deleted. Pingbacks and trackbacks are skipped.
 * - Comments that come before their item's `<link>` wait for it, up to `limits.waitingBytes`
 *   (estimated); past it they are skipped.
 * - A reply's parent may sit in another item with the same link (files with one `<item>` per
 *   comment): replies wait for their parent across items, until the end of the file.
 *   `wp:comment_parent` may hold an ancestor chain ("12,34"); its last id is the parent.
 */
export function parseWordPress(input: ImportInput, limits: Partial<ImportLimits> = {}): AsyncGenerator<ImportItem> {
  const waitingBytes = limits.waitingBytes ?? DEFAULT_IMPORT_LIMITS.waitingBytes;
  return streamXml(input, { root: 'rss', label: 'WordPress (WXR)' }, (sink) => new WxrReader(sink, waitingBytes));
}

const partBytes = (part: Part): number => {
  let text = 0;
  for (const value of part.fields.values()) text += value.length;
  return 200 + 2 * text;
};

class WxrReader implements XmlHandler {
  private item: Item | null = null;
  private comment: Part | null = null;
  private field: FieldCapture | null = null;
  /** Hashes of the keys already yielded: a file of endless tiny threads must not keep their text. */
  private readonly emittedKeys = new IdTable();
  /**
   * One order for the whole file, not one per item: exports with one `<item>` per comment put a
   * reply's parent in another item with the same link, so a reply waits for it across items.
   */
  private readonly order: ParentFirst;
  private damageReported = false;

  constructor(
    private readonly sink: XmlSink,
    private readonly waitingBytes: number,
  ) {
    this.order = new ParentFirst(waitingBytes);
  }

  open(tag: XmlTag): void {
    if (this.field && (ITEM_FIELDS.has(tag.name) || COMMENT_FIELDS.has(tag.name) || tag.name === 'item' || tag.name === 'wp:comment')) {
      this.endField(); // an unclosed field: the next known element ends it
    }
    if (this.field) return this.field.openChild(tag);
    if (tag.name === 'item') {
      if (this.item) this.endItem(); // the previous item's closing tag is missing
      this.item = { depth: tag.depth, line: this.sink.line(), fields: new Map(), damagedAt: null, early: [], earlyBytes: 0, key: null };
    } else if (tag.name === 'wp:comment') {
      if (this.comment) this.endComment();
      this.comment = { depth: tag.depth, line: this.sink.line(), fields: new Map(), damagedAt: null };
    } else {
      const owner = this.comment ?? this.item;
      const names = this.comment ? COMMENT_FIELDS : ITEM_FIELDS;
      // Any depth: after an unclosed field, sax nests the following fields inside it.
      if (owner && names.has(tag.name) && !owner.fields.has(tag.name)) {
        this.field = new FieldCapture(tag.name, tag.depth, tag.name === 'wp:comment_content');
      }
    }
  }

  close(name: string, depth: number): void {
    if (this.field && depth > this.field.depth) this.field.closeChild(name);
    else if (this.field && depth === this.field.depth) this.endField();
    if (this.comment && depth === this.comment.depth) this.endComment();
    if (this.item && depth === this.item.depth) this.endItem();
  }

  text(text: string): void {
    this.field?.add(text);
  }

  damage(line: number): void {
    const part = this.comment ?? this.item;
    if (part) part.damagedAt ??= line;
    else if (!this.damageReported) this.sink.emit({ kind: 'skip', ref: `line ${line}`, reason: `malformed XML near line ${line}` });
    this.damageReported = true;
  }

  end(line: number): void {
    // Whatever is still open was cut off; it counts as one skip, at the innermost level.
    const part = this.comment ?? this.item;
    if (part) part.damagedAt ??= line;
    if (this.item) this.endItem();
    else if (this.comment) this.endComment();
    for (const out of this.order.flush()) this.sink.emit(out);
  }

  private endField(): void {
    const owner = this.comment ?? this.item;
    if (this.field && owner) {
      owner.fields.set(this.field.name, this.field.value);
      if (this.field.name === 'wp:comment_content' && this.field.cut) owner.contentCut = true;
    }
    this.field = null;
  }

  private endComment(): void {
    this.endField();
    const comment = this.comment;
    this.comment = null;
    const item = this.item;
    if (!comment) return;
    this.damageReported = false;
    if (!item) return this.skip(comment, 'comment outside any post');
    item.key ??= linkPath(item.fields.get('link'));
    if (item.key) return this.release(item, item.key, comment);
    const size = partBytes(comment);
    if (item.earlyBytes + size > this.waitingBytes) return this.skip(comment, 'its post has no link yet, and too many comments were already waiting for it');
    item.earlyBytes += size;
    item.early.push(comment);
  }

  private endItem(): void {
    if (this.comment) this.endComment();
    this.endField();
    const item = this.item;
    this.item = null;
    if (!item) return;
    this.damageReported = false;
    if (item.damagedAt !== null) {
      // Damage between comments: something there could not be read, counted once.
      this.sink.emit({ kind: 'skip', ref: `post at line ${item.line}`, reason: `malformed XML near line ${item.damagedAt}` });
    }
    const postId = oneLine(item.fields.get('wp:post_id'));
    const key = item.key ?? linkPath(item.fields.get('link')) ?? (/^\d+$/.test(postId) ? `/?p=${postId}` : null);
    for (const comment of item.early) {
      if (key) this.release(item, key, comment);
      else this.skip(comment, 'its post has no link');
    }
  }

  private release(item: Item, key: string, part: Part): void {
    const f = (name: string): string => oneLine(part.fields.get(`wp:comment_${name}`));
    if (part.damagedAt !== null) return this.skip(part, `malformed XML near line ${part.damagedAt}`);
    const type = f('type').toLowerCase();
    if (!READER_TYPES.has(type)) return this.skip(part, `${type} is not a reader comment`);
    const id = f('id');
    if (!id) return this.skip(part, 'comment without wp:comment_id');
    const createdAt = parseDate(f('date_gmt')) ?? parseDate(f('date'));
    if (createdAt === null) return this.skip(part, 'comment has no valid date');
    const status = STATUS[f('approved').toLowerCase()] ?? 'pending';
    if (part.contentCut && status !== 'deleted') return this.skip(part, messageTooLong);
    // Some converters write the whole ancestor chain ("12,34"): the last id is the parent.
    const parent = f('parent').split(',').pop()?.trim() ?? '';
    const comment: ImportedComment = {
      kind: 'comment',
      sourceId: `wordpress:${key}#${id}`,
      threadKey: key,
      parentSourceId: parent && parent !== '0' ? `wordpress:${key}#${parent}` : null,
      author: cleanAuthor(part.fields.get('wp:comment_author')),
      email: cleanEmail(part.fields.get('wp:comment_author_email')),
      body: status === 'deleted' ? '' : htmlToText(part.fields.get('wp:comment_content') ?? ''),
      createdAt,
      status,
    };
    if (!this.emittedKeys.has(key)) {
      this.emittedKeys.set(key, 0);
      const closed = oneLine(item.fields.get('wp:comment_status')) === 'closed';
      this.sink.emit({ kind: 'thread', key, title: cleanTitle(item.fields.get('title')), url: httpUrl(item.fields.get('link')), closed });
    }
    for (const out of this.order.push(comment)) this.sink.emit(out);
  }

  private skip(part: Part, reason: string): void {
    const id = oneLine(part.fields.get('wp:comment_id'));
    this.sink.emit({ kind: 'skip', ref: id ? `comment ${id}` : `comment at line ${part.line}`, reason });
  }
}
