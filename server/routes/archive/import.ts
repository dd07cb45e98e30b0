import type { Context } from 'hono';
import { z } from 'zod';
import { IMPORT_FORMATS } from '../../../contract';
import { parseWith } from '../../http/body';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import { runImport } from '../../services/import/run';
import { chunksOf } from '../../services/import/sniff';
import { ImportInterruptedError, type ImportInput } from '../../services/import/types';

/** A multipart upload is read whole before parsing (the form parser needs it); the raw body streams. */
export const MULTIPART_MAX_BYTES = 50 * 1024 * 1024;

const RAW_TYPES = /^(?:application\/(?:xml|json|rss\+xml|octet-stream|gzip|x-gzip)|text\/(?:xml|plain))\s*(?:;|$)/i;

const ImportQuery = z.strictObject({
  format: z.enum(IMPORT_FORMATS, { error: `must be one of ${IMPORT_FORMATS.join(', ')}` }).optional(),
});

/**
 * `POST /import?format=json|disqus|wordpress`: the export as the raw request body (streamed to
 * the parser as it arrives, any size) or as the field `file` of a multipart upload (at most
 * 50 MB), plain or gzip-compressed. Answers `{"threads","comments","skipped","unchanged","skippedReasons"}`.
 */
export function importHandler(ctx: ServiceContext) {
  return async (c: Context) => {
    const { format } = parseWith(ImportQuery, c.req.query());
    const result = await runImport(ctx, { format: format ?? null, input: await uploadOf(c), via: 'upload' });
    return c.json(result);
  };
}

async function uploadOf(c: Context): Promise<ImportInput> {
  const type = c.req.header('content-type') ?? '';
  const body = c.req.raw.body;
  if (/^multipart\/form-data\b/i.test(type)) return multipartFile(type, body);
  if (!RAW_TYPES.test(type)) {
    throw new AppError(
      'unsupported_media_type',
      'Send the export file as the request body with Content-Type application/xml, text/xml or application/json, or as the field "file" of a multipart upload.',
    );
  }
  if (!body) throw new AppError('import_failed', 'The request has no body: send the export file.');
  return untilDisconnect(body);
}

/**
 * The raw body, with a client that goes away mid-upload (Node's "aborted", ECONNRESET) turned
 * into an ordinary stop: what arrived is written and audited, and no stack trace is logged
 * for what is not a fault of the server.
 */
async function* untilDisconnect(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array | string> {
  try {
    yield* chunksOf(body);
  } catch (err) {
    if (!isDisconnect(err)) throw err;
    throw new ImportInterruptedError('The upload ended before the file did (the client closed the connection). What came before was imported; send the file again to import the rest.');
  }
}

const isDisconnect = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'EPIPE' || (err instanceof Error && err.message === 'aborted');
};

async function multipartFile(type: string, body: ReadableStream<Uint8Array> | null): Promise<ImportInput> {
  const tooLarge = () =>
    new AppError('payload_too_large', `A multipart upload may be at most ${MULTIPART_MAX_BYTES / 1024 / 1024} MB; send larger files as the raw request body.`);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    for await (const chunk of body ? untilDisconnect(body) : []) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk);
      size += bytes.byteLength;
      if (size > MULTIPART_MAX_BYTES) throw tooLarge();
      chunks.push(bytes);
    }
  } catch (err) {
    // Nothing was imported yet: the form is read whole first.
    if (err instanceof ImportInterruptedError) throw new AppError('import_failed', 'The upload ended before the file did (the client closed the connection); nothing was imported.');
    throw err;
  }
  let form: FormData;
  try {
    form = await new Response(new Blob(chunks), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('bad_request', 'The multipart upload could not be read.');
  }
  const file = form.get('file');
  if (file === null) throw new AppError('import_failed', 'The upload has no field named "file": put the export file there.');
  return typeof file === 'string' ? (async function* () {
    yield file;
  })() : file.stream();
}
