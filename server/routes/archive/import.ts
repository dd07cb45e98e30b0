import type { Context } from 'hono';
import { z } from 'zod';
import { IMPORT_FORMATS } from '../../../contract';
import { parseWith } from '../../http/body';
import { errorBody } from '../../http/errors';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import { runImport, type RunImport } from '../../services/import/run';
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
 * 50 MB), plain or gzip-compressed. Answers `{"threads","comments","skipped","unchanged","skippedReasons"}`,
 * or, asked with `Accept: application/x-ndjson`, progress lines as it goes ({@link withProgress}).
 */
export function importHandler(ctx: ServiceContext) {
  return async (c: Context) => {
    const { format } = parseWith(ImportQuery, c.req.query());
    const job = { format: format ?? null, input: await uploadOf(c), via: 'upload' };
    if (/\bapplication\/x-ndjson\b/i.test(c.req.header('accept') ?? '')) return withProgress(c, ctx, job);
    const result = await runImport(ctx, job);
    return c.json(result);
  };
}

/** How often a progress line goes out while the import runs. */
const PROGRESS_MS = 1000;

/**
 * The answer as it goes, for a client that asks with `Accept: application/x-ndjson` (the
 * command line's `--url`): one JSON line a second, `{"progress":{"items",…counts}}`, while the
 * file arrives and is written, then one last line, `{"result":{…}}` or, for an import that
 * stopped, the error answer (`{"error":{code,message},…counts}`). The status is 200 once the
 * stream has started; the last line says how it ended.
 */
function withProgress(c: Context, ctx: ServiceContext, job: RunImport): Response {
  const encoder = new TextEncoder();
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const line = (value: unknown) => writer.write(encoder.encode(`${JSON.stringify(value)}\n`)).catch(() => undefined);
  let sent = 0; // the first batch written is reported at once
  void (async () => {
    try {
      const result = await runImport(ctx, job, {
        onProgress: (totals, items) => {
          if (Date.now() - sent < PROGRESS_MS) return;
          sent = Date.now();
          const { skippedReasons: _, ...counts } = totals;
          void line({ progress: { items, ...counts } });
        },
      });
      await line({ result });
    } catch (err) {
      if (err instanceof AppError) await line({ ...err.details, ...errorBody(err.code, err.message) });
      else {
        console.error('footnote: import failed:', err);
        await line(errorBody('internal', 'Something went wrong on our side; the import stopped. What came before was imported.'));
      }
    } finally {
      await writer.close().catch(() => undefined);
    }
  })();
  return c.body(readable, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
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
