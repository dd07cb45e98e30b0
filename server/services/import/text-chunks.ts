import type { ImportInput } from './types';

/**
 * Largest piece handed to a parser at once. Parsers queue the items a piece produces before
 * yielding them, so a caller passing one huge string would otherwise queue the whole file.
 */
const PIECE = 64 * 1024;

/**
 * Decodes an input stream to text pieces of at most 64 Ki characters. UTF-8 sequences split
 * across chunks are reassembled (streaming TextDecoder); invalid bytes become U+FFFD rather
 * than failing, because exports from old systems sometimes carry stray Latin-1 bytes.
 */
export async function* textChunks(input: ImportInput): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of 'getReader' in input ? readAll(input) : input) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* pieces(text);
  }
  yield* pieces(decoder.decode());
}

/** Web streams are async iterable at run time in Node 20, but not in the DOM typings. */
async function* readAll(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}

function* pieces(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + PIECE, text.length);
    // Never cut a surrogate pair in two: the halves would decode as two broken characters.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield text.slice(start, end);
    start = end;
  }
}
