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

/** What {@link gunzipped} learned about the file while it was read. */
export interface GzipReport {
  /** Why the decompression stopped early (a truncated or damaged .gz), once the stream has ended; else null. */
  damage: string | null;
}

/**
 * Compressed bytes handed to the decompressor at a time: everything it makes of them is taken
 * before the next piece goes in (at most ~16 MiB, deflate's ratio being at most 1:1032), so a
 * slow reader holds back the file rather than a queue.
 */
const GZIP_PIECE = 16 * 1024;

/**
 * The input, decompressed on the fly when it is gzip (Disqus mails its exports as .xml.gz):
 * recognized by its first two bytes, whatever the file is called or the request says.
 *
 * A damaged or truncated .gz gives everything gzip can decompress before the damage, exactly
 * as `gzip -dc` does, and then simply ends, so the parser treats it as a truncated file (the
 * record cut off is skipped, every complete one imported); `report.damage` then says why it
 * ended. Only a file of which nothing at all could be decompressed is refused.
 */
export async function gunzipped(input: ImportInput, report: GzipReport = { damage: null }): Promise<AsyncIterable<Chunk>> {
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
    try {
      yield* head.splice(0);
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      if (!done) await iterator.return?.();
    }
  };
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return all();
  return inflate(all(), report);
}

/**
 * Decompresses piece by piece, taking the output from `data` events. A zlib stream that fails
 * destroys itself and drops the output it had buffered, so reading it as a stream loses the
 * last decompressed kilobytes (thousands of comments) before the damage; here every byte it
 * produced has been taken when the error comes.
 */
async function* inflate(compressed: AsyncIterable<Chunk>, report: GzipReport): AsyncGenerator<Uint8Array> {
  const unzip = createGunzip();
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  let produced = 0;
  let wake: (() => void) | null = null;
  const settle = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  unzip.on('data', (chunk: Buffer) => {
    out.push(chunk);
    produced += chunk.byteLength;
  });
  unzip.on('error', (err) => {
    failure ??= err;
    settle();
  });
  unzip.on('end', settle);
  /** Hands one piece over (or ends the input) and waits until zlib has made all it can of it. */
  const feed = (piece: Uint8Array | null): Promise<void> =>
    new Promise((resolve) => {
      if (failure || unzip.readableEnded) return resolve();
      wake = resolve;
      if (piece === null) unzip.end();
      else unzip.write(piece, settle);
    });
  try {
    for await (const chunk of compressed) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let at = 0; at < data.byteLength && !failure; at += GZIP_PIECE) {
        await feed(data.subarray(at, at + GZIP_PIECE));
        yield* out.splice(0);
      }
      if (failure) break;
    }
    await feed(null);
    yield* out.splice(0);
  } finally {
    unzip.destroy();
  }
  if (failure) {
    const why = (failure as Error).message;
    if (produced === 0) throw new ImportParseError(`The gzip file is damaged (${why}): nothing in it could be decompressed.`);
    report.damage = `the gzip file is damaged or cut short after ${produced.toLocaleString('en')} bytes of content (${why}); everything before the damage was imported`;
  }
}
