import sax from 'sax';
import { textChunks } from './text-chunks';
import { ImportParseError, type ImportInput, type ImportItem } from './types';

/** An opening tag as the format readers see it: lower-cased name, plain attributes, nesting depth (root = 1). */
export interface XmlTag {
  name: string;
  attrs: Record<string, string>;
  selfClosing: boolean;
  depth: number;
}

/** What a format reader implements; {@link streamXml} drives it from sax events. */
export interface XmlHandler {
  open(tag: XmlTag): void;
  /** `depth` is the closed element's own depth, so it matches the depth its `open` saw. */
  close(name: string, depth: number): void;
  text(text: string): void;
  /** sax could not read something near this (1-based) line. */
  damage(line: number): void;
  /** The input is finished; `line` is its last line. Records still open were cut off. */
  end(line: number): void;
}

/** Lets a handler queue items and learn where the parser is. */
export interface XmlSink {
  emit(item: ImportItem): void;
  line(): number;
}

/** What the XML stream must look like to be the format at all. */
export interface XmlFormat {
  root: string;
  label: string;
}

/** What sax calls the buffer that overran, in words for the error message. */
const BUFFERS: Record<string, string> = {
  attribValue: 'an attribute value',
  attribName: 'an attribute name',
  tagName: 'a tag name',
  comment: 'an XML comment',
  doctype: 'a DOCTYPE',
  procInst: 'a processing instruction',
  entity: 'an entity',
  sgmlDecl: 'a declaration',
};
/** Deeper than this is not an export (real ones nest a dozen levels); sax would keep every level. */
const MAX_DEPTH = 1000;
/** Attributes on one element; sax holds them all until the tag closes. */
const MAX_ATTRIBUTES = 1000;

/**
 * Streams XML through sax in its lenient (non-strict) mode: mismatched and unclosed tags are
 * repaired the way sax repairs them, and after a real parse error the parser is resumed, so a
 * damaged export still yields everything readable. A document whose first element is not
 * `format.root`, or with no element at all, throws {@link ImportParseError}; so does a piece
 * sax would have to hold whole past its 64 KiB buffers (an attribute, a tag name, a comment),
 * nesting past 1,000 levels or 1,000 attributes on one element: resuming after those would
 * let one hostile line fill the memory. What came before them has been yielded.
 */
export async function* streamXml(
  input: ImportInput,
  format: XmlFormat,
  makeHandler: (sink: XmlSink) => XmlHandler,
): AsyncGenerator<ImportItem> {
  const queue: ImportItem[] = [];
  const parser = sax.parser(false, { lowercase: true });
  const handler = makeHandler({ emit: (item) => queue.push(item), line: () => parser.line + 1 });
  let depth = 0;
  let sawRoot = false;
  let attributes = 0;
  const stop = (what: string): never => {
    throw new ImportParseError(`The import stopped at line ${parser.line + 1}: ${what}, which no ${format.label} export holds. What came before was imported.`);
  };

  parser.onopentagstart = () => {
    attributes = 0;
    if (depth >= MAX_DEPTH) stop(`elements nested more than ${MAX_DEPTH.toLocaleString('en')} deep`);
  };
  parser.onattribute = () => {
    if (++attributes > MAX_ATTRIBUTES) stop(`an element with more than ${MAX_ATTRIBUTES.toLocaleString('en')} attributes`);
  };

  parser.onopentag = (tag) => {
    if (!sawRoot) {
      sawRoot = true;
      if (tag.name !== format.root) {
        throw new ImportParseError(`This is not a ${format.label} export: it starts with <${tag.name}>, not <${format.root}>.`);
      }
    }
    depth++;
    handler.open({ name: tag.name, attrs: tag.attributes as Record<string, string>, selfClosing: tag.isSelfClosing, depth });
  };
  parser.onclosetag = (name) => {
    handler.close(name, depth);
    depth--;
  };
  parser.ontext = (text) => handler.text(text);
  parser.oncdata = (text) => handler.text(text);
  parser.onerror = (error) => {
    const overrun = /^Max buffer length exceeded: (\w+)/.exec(error.message);
    if (overrun) stop(`${BUFFERS[overrun[1] ?? ''] ?? 'a piece of markup'} longer than 64 KiB`);
    handler.damage(parser.line + 1);
    // sax refuses further writes until the error is cleared; lenient mode can carry on.
    parser.resume();
  };

  for await (const chunk of textChunks(input)) {
    try {
      parser.write(chunk);
    } catch (error) {
      // Stopped part-way through the piece: what it completed before the stop still comes out.
      yield* queue.splice(0);
      throw error;
    }
    if (queue.length > 0) yield* queue.splice(0);
  }
  const lastLine = parser.line + 1;
  parser.close();
  if (!sawRoot) throw new ImportParseError(`This is not a ${format.label} export: no XML element found.`);
  handler.end(lastLine);
  yield* queue.splice(0);
}

/** Longest field kept; sax hands long text over in 64 KiB pieces, so this bounds memory per record. */
export const FIELD_MAX = 1024 * 1024;

/** Why a message past {@link FIELD_MAX} is skipped (its text would be longer than an import keeps anyway). */
export const messageTooLong = `message of more than ${(FIELD_MAX / 1024 / 1024).toLocaleString('en')} Mi characters of HTML (at most 100,000 characters of text are imported)`;

/**
 * Collects the text of one element. For HTML fields (a message, a comment body) child elements
 * are kept as markup too: an export that forgot CDATA still gives its HTML to the converter.
 */
export class FieldCapture {
  private text = '';
  /** Text past {@link FIELD_MAX} was dropped: a message cut so is skipped, never stored cut. */
  cut = false;

  constructor(
    readonly name: string,
    readonly depth: number,
    private readonly html: boolean,
  ) {}

  add(text: string): void {
    if (this.text.length + text.length <= FIELD_MAX) this.text += text;
    else {
      this.text += text.slice(0, FIELD_MAX - this.text.length);
      this.cut = true;
    }
  }

  openChild(tag: XmlTag): void {
    if (!this.html) return;
    const attrs = Object.entries(tag.attrs).map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`);
    this.add(`<${tag.name}${attrs.join('')}>`);
  }

  closeChild(name: string): void {
    if (this.html) this.add(`</${name}>`);
  }

  get value(): string {
    return this.text;
  }
}
