import { JsonStreamError } from './json-stream';

/** A JSON scalar as the tokenizer reports it. */
export type JsonScalar = string | number | boolean | null;

/** Receives tokens in document order, keys told apart from string values; see {@link JsonStream}. */
export interface JsonTokenHandler {
  open(type: 'object' | 'array'): void;
  close(): void;
  key(name: string): void;
  value(value: JsonScalar): void;
}

/** A fully built JSON value. */
export type JsonValue = JsonScalar | JsonValue[] | { [key: string]: JsonValue };
/** Keys and array indexes from the document root to a value. */
export type JsonPath = readonly (string | number)[];

/** What a reader of a large JSON document implements; see {@link JsonPathAssembler}. */
export interface JsonPathReader {
  /** Whether the container at `path` is walked member by member instead of built whole. */
  streams(path: JsonPath, type: 'object' | 'array'): boolean;
  /** A walked container opens. */
  start(path: JsonPath, type: 'object' | 'array'): void;
  /** A walked container closes. */
  end(path: JsonPath): void;
  /** A complete member of a walked container (or the root, when the root is not walked). */
  value(path: JsonPath, value: JsonValue): void;
}

/** Most nodes in one built value: a comment has a dozen; a huge one means a wrong `streams()` or hostile input. */
const MAX_NODES = 10_000;
/** Most characters of keys and strings in one built value: a comment's body is at most 100,000. */
const MAX_CHARS = 4 * 1024 * 1024;

interface Walked {
  walked: true;
  type: 'object' | 'array';
  path: JsonPath;
  key: string | null;
  index: number;
}
interface Built {
  walked: false;
  value: JsonValue[] | { [key: string]: JsonValue };
  key: string | null;
}

/**
 * Turns tokens into a few large containers walked member by member (the threads of an
 * export, the comments of a thread) and small values built whole (one comment). Memory is
 * the largest built value plus the path, however long the document.
 */
export class JsonPathAssembler implements JsonTokenHandler {
  private readonly frames: (Walked | Built)[] = [];
  private buildPath: JsonPath = [];
  private nodes = 0;
  private chars = 0;

  constructor(private readonly reader: JsonPathReader) {}

  open(type: 'object' | 'array'): void {
    const container: JsonValue[] | { [key: string]: JsonValue } = type === 'array' ? [] : {};
    const top = this.frames[this.frames.length - 1];
    if (top && !top.walked) {
      this.attach(top, container);
    } else {
      const path = this.memberPath(top);
      if (this.reader.streams(path, type)) {
        this.frames.push({ walked: true, type, path, key: null, index: 0 });
        return this.reader.start(path, type);
      }
      this.buildPath = path;
      this.nodes = 0;
      this.chars = 0;
    }
    this.frames.push({ walked: false, value: container, key: null });
  }

  close(): void {
    const frame = this.frames.pop();
    const top = this.frames[this.frames.length - 1];
    if (frame?.walked) this.reader.end(frame.path);
    else if (frame && (!top || top.walked)) this.reader.value(this.buildPath, frame.value);
    if (top?.walked) top.index++;
  }

  key(name: string): void {
    const top = this.frames[this.frames.length - 1];
    if (top && !top.walked) this.count(name);
    if (top) top.key = name;
  }

  value(value: JsonScalar): void {
    const top = this.frames[this.frames.length - 1];
    if (top && !top.walked) return this.attach(top, value);
    this.reader.value(this.memberPath(top), value);
    if (top) top.index++;
  }

  private memberPath(top: Walked | undefined): JsonPath {
    if (!top) return [];
    return [...top.path, top.type === 'array' ? top.index : (top.key ?? '')];
  }

  private count(text: string): void {
    this.chars += text.length;
    if (this.chars > MAX_CHARS) throw new JsonStreamError(`a value with more than ${MAX_CHARS / 1024 / 1024} Mi characters of text`);
  }

  private attach(frame: Built, value: JsonValue): void {
    if (++this.nodes > MAX_NODES) throw new JsonStreamError(`a value with more than ${MAX_NODES} parts`);
    if (typeof value === 'string') this.count(value);
    if (Array.isArray(frame.value)) frame.value.push(value);
    else if (frame.key !== '__proto__') frame.value[frame.key ?? ''] = value;
    // Assigning "__proto__" would replace the prototype instead of adding a member.
    else Object.defineProperty(frame.value, frame.key, { value, enumerable: true, writable: true, configurable: true });
  }
}
