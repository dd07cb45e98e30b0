import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { detectFormat } from './index';
import { ImportParseError, type ImportFormat, type ImportInput } from './types';

/** Enough of the file to tell the formats apart (WXR files open with a long comment). */
const SNIFF_CHARS = 16 * 1024;

type Chunk = Uint8Array | string;

/** Any import input as one async iterable of chunks. */
export function chunksOf(input: ImportInput): AsyncIterable<Chunk> {
  if (!('getReader' in input)) return input;
  return (async function* () {
    const reader = input.getReader();
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
    } finally {
      reader.releaseLock();
    }
  })();
}

/**
 * Reads the first few KiB of a stream to guess its format ({@link detectFormat}) and hands back
 * a stream that still starts at the first byte. Nothing past those few KiB is held.
 */
export async function sniffFormat(input: ImportInput): Promise<{ format: ImportFormat | null; input: AsyncIterable<Chunk> }> {
  const iterator = chunksOf(input)[Symbol.asyncIterator]();
  const head: Chunk[] = [];
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let done = false;
  while (text.length < SNIFF_CHARS) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    text += typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
  }
  const rest = async function* (): AsyncGenerator<Chunk> {
    try {
      yield* head.splice(0);
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // A reader that stops early (a refused format) releases the source too.
      if (!done) await iterator.return?.();
    }
  };
  return { format: detectFormat(text), input: rest() };
}

/**
 * The input, decompressed on the fly when it is gzip (Disqus mails its exports as .xml.gz):
 * recognized by its first two bytes, whatever the file is called or the request says.
 */
export async function gunzipped(input: ImportInput): Promise<AsyncIterable<Chunk>> {
  const iterator = chunksOf(input)[Symbol.asyncIterator]();
  const head: Chunk[] = [];
  let bytes = new Uint8Array(0);
  let done = false;
  while (bytes.length < 2 && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else {
      head.push(next.value);
      if (typeof next.value !== 'string') bytes = new Uint8Array([...bytes, ...next.value.subarray(0, 2)]);
      else bytes = new Uint8Array([...bytes, 0, 0]); // text is never gzip
    }
  }
  const all = async function* (): AsyncGenerator<Chunk> {
    yield* head.splice(0);
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return all();
  const unzip = Readable.from(all()).pipe(createGunzip());
  return (async function* () {
    try {
      for await (const chunk of unzip) yield chunk as Uint8Array;
    } catch (err) {
      throw new ImportParseError(`The gzip file is damaged (${(err as Error).message}); what came before the damage was imported.`);
    }
  })();
}
