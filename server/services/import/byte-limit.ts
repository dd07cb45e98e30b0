import { ImportTooLargeError } from './types';

type Chunk = Uint8Array | string;

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1)).toLocaleString('en')} MiB` : `${Number((bytes / 1024).toFixed(1)).toLocaleString('en')} KiB`;

/**
 * Passes the first `maxBytes` bytes on, then throws {@link ImportTooLargeError}. Put after
 * decompression, it is what stops a small .gz that expands to gigabytes: the decompressor is
 * stopped (its iterator returned) as soon as the cap is reached, so it never produces more
 * than one chunk beyond it.
 */
export async function* limitBytes(input: AsyncIterable<Chunk>, maxBytes: number): AsyncGenerator<Chunk> {
  let left = maxBytes;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (bytes.byteLength > left) {
      // The part that fits is still read: what it completes is imported before the stop.
      if (left > 0) yield bytes.subarray(0, left);
      throw new ImportTooLargeError(
        `The file is larger than ${size(maxBytes)} (after decompression), the most this server imports (FOOTNOTE_IMPORT_MAX_BYTES). The import stopped there; what came before was imported.`,
      );
    }
    left -= bytes.byteLength;
    yield chunk;
  }
}
