/** A JSON scalar as the tokenizer reports it. */
export type JsonScalar = string | number | boolean | null;

/** Receives tokens in document order; see {@link JsonTokenizer}. */
export interface JsonTokenHandler {
  open(type: 'object' | 'array'): void;
  close(): void;
  key(name: string): void;
  value(value: JsonScalar): void;
}

/** Malformed JSON, or JSON past the stream's limits; `line` (1-based) when the tokenizer knows it. */
export class JsonStreamError extends Error {
  override readonly name = 'JsonStreamError';
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

type Expect = 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'comma' | 'done';

const SCALAR = /[0-9a-zA-Z.+-]/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
/** Longest string kept: a comment body is a few KiB; anything near this is not a comment. */
const MAX_STRING = 1024 * 1024;

/**
 * A push tokenizer for JSON: `write()` text pieces of any size, `end()` once. Only the current
 * string or number is buffered, so memory stays flat whatever the document's size. Strict JSON
 * (RFC 8259); the first error throws {@link JsonStreamError}, since JSON cannot be resynchronized.
 */
export class JsonTokenizer {
  private readonly stack: ('object' | 'array')[] = [];
  private expect: Expect = 'value';
  private inString = false;
  private stringIsKey = false;
  private escaped = false;
  private raw = '';
  private scalar = '';
  private linesBefore = 1;
  private chunk = '';

  constructor(private readonly handler: JsonTokenHandler) {}

  /** The line the tokenizer is on, for messages about what the handler found. */
  get line(): number {
    return this.linesBefore;
  }

  write(chunk: string): void {
    this.chunk = chunk;
    let i = 0;
    while (i < chunk.length) {
      if (this.inString) {
        i = this.readString(i);
        continue;
      }
      const c = chunk[i] as string;
      if (this.scalar) {
        if (SCALAR.test(c)) {
          this.scalar += c;
          i++;
          continue;
        }
        this.endScalar(i);
      }
      this.token(c, i);
      i++;
    }
    this.linesBefore += countLines(chunk, chunk.length);
  }

  end(): void {
    this.chunk = '';
    if (this.inString) this.fail('unterminated string', 0);
    if (this.scalar) this.endScalar(0);
    if (this.expect !== 'done') this.fail('unexpected end of input', 0);
  }

  private token(c: string, i: number): void {
    const top = this.stack[this.stack.length - 1];
    switch (c) {
      case ' ': case '\t': case '\n': case '\r': case '\ufeff':
        return;
      case '{': case '[':
        this.beginValue(i);
        this.stack.push(c === '{' ? 'object' : 'array');
        this.expect = c === '{' ? 'firstKey' : 'firstValue';
        return this.handler.open(c === '{' ? 'object' : 'array');
      case '}': case ']': {
        const type = c === '}' ? 'object' : 'array';
        const first = type === 'object' ? 'firstKey' : 'firstValue';
        if (top !== type || (this.expect !== first && this.expect !== 'comma')) this.fail(`unexpected "${c}"`, i);
        this.stack.pop();
        this.handler.close();
        return this.afterValue();
      }
      case ':':
        if (this.expect !== 'colon') this.fail('unexpected ":"', i);
        this.expect = 'value';
        return;
      case ',':
        if (this.expect !== 'comma') this.fail('unexpected ","', i);
        this.expect = top === 'object' ? 'key' : 'value';
        return;
      case '"':
        this.stringIsKey = this.expect === 'key' || this.expect === 'firstKey';
        if (!this.stringIsKey) this.beginValue(i);
        this.inString = true;
        this.raw = '';
        return;
      default:
        if (!SCALAR.test(c)) this.fail(`unexpected character ${JSON.stringify(c)}`, i);
        this.beginValue(i);
        this.scalar = c;
    }
  }

  private readString(from: number): number {
    const chunk = this.chunk;
    let i = from;
    for (; i < chunk.length; i++) {
      if (this.escaped) this.escaped = false;
      else if (chunk.charCodeAt(i) === 0x5c) this.escaped = true;
      else if (chunk.charCodeAt(i) === 0x22) break;
    }
    this.raw += chunk.slice(from, i);
    if (this.raw.length > MAX_STRING) this.fail('string longer than 1 MiB', i);
    if (i === chunk.length) return i;
    this.inString = false;
    let text: string;
    try {
      text = JSON.parse(`"${this.raw}"`) as string;
    } catch {
      this.fail('invalid string', i);
    }
    this.raw = '';
    if (this.stringIsKey) {
      this.expect = 'colon';
      this.handler.key(text);
    } else {
      this.handler.value(text);
      this.afterValue();
    }
    return i + 1;
  }

  private endScalar(i: number): void {
    const word = this.scalar;
    this.scalar = '';
    if (word === 'true' || word === 'false') this.handler.value(word === 'true');
    else if (word === 'null') this.handler.value(null);
    else if (NUMBER.test(word)) this.handler.value(Number(word));
    else this.fail(`invalid value ${JSON.stringify(word.slice(0, 20))}`, i);
    this.afterValue();
  }

  private beginValue(i: number): void {
    if (this.expect !== 'value' && this.expect !== 'firstValue') this.fail('unexpected value', i);
  }

  private afterValue(): void {
    this.expect = this.stack.length > 0 ? 'comma' : 'done';
  }

  private fail(message: string, i: number): never {
    throw new JsonStreamError(message, this.linesBefore + countLines(this.chunk, i));
  }
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
