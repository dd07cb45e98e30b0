import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import type { JsonScalar, JsonTokenHandler } from './json-paths';
import { ImportParseError } from './types';

/** Malformed JSON; `line` (1-based) when known. Broken JSON cannot be resynchronized. */
export class JsonStreamError extends Error {
  override readonly name = 'JsonStreamError';
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

/** Longest string kept: a comment body is a few KiB; anything near this is not a comment. */
export const MAX_STRING = 1024 * 1024;
/** Longest number: 17 significant digits are all a double holds, exponents are short. */
export const MAX_NUMBER = 100;

/** The library's tokenizer, remembering how long the last number it read was (it hands over only the value). */
class MeasuringTokenizer extends Tokenizer {
  numberLength = 0;

  protected override parseNumber(text: string): number {
    this.numberLength = text.length;
    return Number(text);
  }
}

/**
 * Streams JSON text through @streamparser/json: its tokenizer reads the characters, its token
 * parser checks the grammar (RFC 8259, strictly), and the tokens go on to `handler` with keys
 * told apart from string values. The token parser is given no path to emit, so it drops every
 * value as soon as it is complete: memory is the nesting depth. Building values is the
 * handler's business ({@link JsonPathAssembler} builds only the small ones).
 *
 * One string longer than {@link MAX_STRING} or one number longer than {@link MAX_NUMBER}
 * characters stops the stream with {@link ImportParseError}: the tokenizer reports the string
 * or number it is inside at the end of every piece, so neither is ever held past one piece
 * beyond the cap (a 60 MB number in a small .gz costs one piece, not 60 MB).
 */
export class JsonStream {
  private readonly tokenizer = new MeasuringTokenizer({ emitPartialTokens: true, stringBufferSize: 64 * 1024 });
  private readonly grammar = new TokenParser({ paths: ['$.\u0000never'], keepStack: false });
  private readonly containers: ('object' | 'array')[] = [];
  /** Whether the next string is a key. */
  private keyNext = false;
  private linesBefore = 1;
  private bytesBefore = 0;
  private piece = '';

  constructor(private readonly handler: JsonTokenHandler) {
    this.tokenizer.onToken = ({ token, value, partial, offset }) => {
      if (partial) return this.checkPartial(token, value);
      if (token === TokenType.STRING && typeof value === 'string' && value.length > MAX_STRING) this.tooLong('a string', MAX_STRING);
      if (token === TokenType.NUMBER && this.tokenizer.numberLength > MAX_NUMBER) this.tooLong('a number', MAX_NUMBER);
      try {
        this.grammar.write({ token, value });
      } catch (error) {
        throw new JsonStreamError((error as Error).message.replace(/ in state .*$/, ''), this.lineAt(offset));
      }
      this.pass(token, value as JsonScalar);
    };
    this.tokenizer.onError = (error) => {
      throw error instanceof JsonStreamError || error instanceof ImportParseError ? error : new JsonStreamError(error.message.replace(/ in state .*$/, ''), this.line);
    };
    this.grammar.onValue = () => {};
  }

  /** The line the stream has reached, for messages about what the handler found. */
  get line(): number {
    return this.linesBefore;
  }

  write(text: string): void {
    this.piece = text;
    this.tokenizer.numberLength = 0;
    this.tokenizer.write(text);
    // A number still open at the end of the piece: its partial token's length was swallowed.
    if (this.tokenizer.numberLength > MAX_NUMBER) this.tooLong('a number', MAX_NUMBER);
    this.linesBefore += countLines(text, text.length);
    this.bytesBefore += Buffer.byteLength(text);
    this.piece = '';
  }

  end(): void {
    try {
      this.tokenizer.end();
    } catch (error) {
      if (error instanceof JsonStreamError || error instanceof ImportParseError) throw error;
      throw new JsonStreamError((error as Error).message.replace(/ in state .*$/, ''), this.line);
    }
    if (!this.grammar.isEnded) throw new JsonStreamError('unexpected end of input', this.line);
  }

  private checkPartial(token: TokenType, value: unknown): void {
    if (token === TokenType.STRING && typeof value === 'string' && value.length > MAX_STRING) this.tooLong('a string', MAX_STRING);
  }

  private pass(token: TokenType, value: JsonScalar): void {
    // The grammar is checked already: a string right after "{" or an object's "," is a key.
    switch (token) {
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET:
        this.containers.push(token === TokenType.LEFT_BRACE ? 'object' : 'array');
        this.keyNext = token === TokenType.LEFT_BRACE;
        return this.handler.open(token === TokenType.LEFT_BRACE ? 'object' : 'array');
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET:
        this.containers.pop();
        this.keyNext = false;
        return this.handler.close();
      case TokenType.COMMA:
        this.keyNext = this.containers[this.containers.length - 1] === 'object';
        return;
      case TokenType.COLON:
        return;
      case TokenType.STRING:
        if (!this.keyNext) return this.handler.value(value);
        this.keyNext = false;
        return this.handler.key(value as string);
      default:
        return this.handler.value(value);
    }
  }

  private tooLong(what: string, max: number): never {
    const unit = max >= 1024 * 1024 ? `${max / 1024 / 1024} Mi characters` : `${max} characters`;
    throw new ImportParseError(`The import stopped near line ${this.line}: ${what} longer than ${unit}, which no export holds. What came before was imported.`);
  }

  private lineAt(offset: number): number {
    const at = Math.max(0, Math.min(this.piece.length, offset - this.bytesBefore));
    return this.linesBefore + countLines(this.piece, at);
  }
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
