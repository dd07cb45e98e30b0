import { describe, expect, it } from 'vitest';
import { JsonPathAssembler, type JsonValue } from './json-paths';
import { JsonStream, JsonStreamError } from './json-stream';

/** Builds the whole document through tokenizer and assembler, fed in pieces of `size`. */
function parse(text: string, size: number): JsonValue {
  let result: JsonValue = null;
  const tokenizer = new JsonStream(new JsonPathAssembler({ streams: () => false, start: () => {}, end: () => {}, value: (_path, value) => void (result = value) }));
  for (let i = 0; i < text.length; i += size) tokenizer.write(text.slice(i, i + size));
  tokenizer.end();
  return result;
}

const samples = [
  '{"a":[1,-2.5e3,true,false,null,"x\\"y\\\\z\\u00e9\\ud83d\\ude00"],"b":{},"c":[],"d":{"e":[{"f":0}]}}',
  ' [ "é😀" , 0.5 , {"k" : "v"} ] ',
  '"just a string"',
  '{"__proto__":{"polluted":true}}',
];

describe('JsonStream (@streamparser/json) with JsonPathAssembler', () => {
  it('agrees with JSON.parse however the text is cut', () => {
    for (const text of samples) {
      for (const size of [1, 2, 3, 5, 8, 1000]) expect(parse(text, size)).toEqual(JSON.parse(text));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects malformed JSON with the line of the damage', () => {
    for (const bad of ['{"a":1,}', '[1 2]', '{"a" 1}', '[tru]', '{"a":"unterminated', '[1]]', '{"a":01}', "{'a':1}", '[', '']) {
      expect(() => parse(bad, 2), bad).toThrow(JsonStreamError);
    }
    const error = (() => {
      try {
        parse('{\n"a":\n[1,\n2,,3]}', 4);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(JsonStreamError);
    expect((error as JsonStreamError).line).toBe(4);
  });

  it('walks the containers a reader asks for and builds the rest', () => {
    const seen: string[] = [];
    const tokenizer = new JsonStream(new JsonPathAssembler({
      streams: (path) => path.length < 2,
      start: (path, type) => seen.push(`start ${path.join('.')} ${type}`),
      end: (path) => seen.push(`end ${path.join('.')}`),
      value: (path, value) => seen.push(`${path.join('.')} = ${JSON.stringify(value)}`),
    }));
    tokenizer.write('{"t":[{"a":1},2],"u":"x"}');
    tokenizer.end();
    expect(seen).toEqual(['start  object', 'start t array', 't.0 = {"a":1}', 't.1 = 2', 'end t', 'u = "x"', 'end ']);
  });

  it('refuses a built value with more text than a comment can hold', () => {
    const many = `[${Array.from({ length: 5 }, () => `"${'x'.repeat(1024 * 1024)}"`).join(',')}]`;
    expect(() => parse(many, 64 * 1024)).toThrow(/more than 4 Mi characters/);
  });
});
