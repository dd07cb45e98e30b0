import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { IMPORT_FORMATS, type ImportFormat } from '../../../contract';
import { AppError } from '../../lib/errors';
import type { ImportResult } from '../../services/import/importer';
import { runImport } from '../../services/import/run';
import { readArgs, UsageError } from '../args';
import { mb, say, type CliEnv, type CliIo } from '../io';
import { withServices } from '../open';
import { adminLines, RemoteError } from '../remote';

/** A progress line on stderr every this many items read. */
const PROGRESS_EVERY = 10_000;

/** `footnote import FILE [--format disqus|wordpress|json] [--url http://host:port]`. */
export async function importCommand(argv: readonly string[], { config, io }: CliEnv): Promise<number> {
  const { values, positionals } = readArgs(argv, { format: { type: 'string' }, url: { type: 'string' } });
  const [file, extra] = positionals;
  if (!file) throw new UsageError('Name the export file: footnote import FILE [--format disqus|wordpress|json].');
  if (extra !== undefined) throw new UsageError(`Import one file at a time ("${extra}" is one too many).`);
  const format = (values.format ?? null) as ImportFormat | null;
  if (format !== null && !IMPORT_FORMATS.includes(format)) throw new UsageError(`--format must be disqus, wordpress or json, not "${format}".`);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${file}`);

  const url = values.url;
  if (url) {
    const type = format === 'json' || extname(file) === '.json' ? 'application/json' : format || extname(file) === '.xml' ? 'application/xml' : 'application/octet-stream';
    const total = statSync(file).size;
    say(io, `Sending ${file} (${mb(total)}) to ${url}…`);
    const progress = (t: ImportResult, items: number) =>
      say(io, `… ${items.toLocaleString('en')} items read: ${t.threads.toLocaleString('en')} threads, ${t.comments.toLocaleString('en')} comments added, ${t.unchanged.toLocaleString('en')} already present, ${t.skipped.toLocaleString('en')} skipped`);
    // The server answers as it goes (a line a second): items imported beside the bytes sent.
    const last = await adminLines(config, url, `/api/v1/admin/import${format ? `?format=${format}` : ''}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: Readable.toWeb(sentProgress(createReadStream(file), total, io)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit, (line) => {
      const p = line.progress as (ImportResult & { items: number }) | undefined;
      if (p) progress(p, p.items);
    }).catch((err: unknown) => {
      // Refused before it started (a wrong token, a bad format): nothing was imported.
      if (err instanceof RemoteError && hasCounts(err.body)) report(io, err.body);
      throw err;
    });
    const result = (last?.result ?? last) as ImportResult | undefined;
    if (!hasCounts(result)) throw new UsageError('The server ended the import without an answer.');
    const error = (last as { error?: { message?: string } } | null)?.error;
    if (error) {
      // Stopped part-way on the server: what it wrote stays, and is reported before the reason.
      report(io, result);
      throw new UsageError(`The server stopped the import: ${error.message ?? 'no reason given'}`);
    }
    report(io, result);
    return 0;
  }

  let next = PROGRESS_EVERY;
  const result = await withServices(
    config,
    (ctx) =>
      runImport(ctx, { format, input: createReadStream(file), via: 'command line' }, {
        onProgress: (t, items) => {
          if (items < next) return;
          next = (Math.floor(items / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
          say(io, `… ${items.toLocaleString('en')} items read: ${t.threads.toLocaleString('en')} threads, ${t.comments.toLocaleString('en')} comments added, ${t.unchanged.toLocaleString('en')} already present, ${t.skipped.toLocaleString('en')} skipped`);
        },
      }),
    { create: true },
  ).catch((err: unknown) => {
    // Stopped part-way: what was written stays, and is reported before the reason.
    if (err instanceof AppError && hasCounts(err.details)) report(io, err.details);
    throw err;
  });
  report(io, result);
  say(io, 'A server running on this database shows the import after a restart (or import with --url through the server instead).');
  return 0;
}

const hasCounts = (body: unknown): body is ImportResult =>
  typeof body === 'object' && body !== null && typeof (body as Partial<ImportResult>).threads === 'number' && Array.isArray((body as Partial<ImportResult>).skippedReasons);

/**
 * The file as it is read for sending, with a progress line on stderr every 5% (or 10 MB) so a
 * long upload is not silent. The server imports while the file arrives, so bytes sent is how far
 * the import has come, within a few hundred kilobytes.
 */
function sentProgress(file: Readable, total: number, io: CliIo): Readable {
  const step = Math.max(Math.min(total / 20, 10 * 1024 * 1024), 1024 * 1024);
  let sent = 0;
  let next = step;
  return file.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sent += chunk.byteLength;
        if (sent >= next && sent < total) {
          next = sent + step;
          say(io, `… ${mb(sent)} of ${mb(total)} sent (${Math.floor((sent / total) * 100)}%)`);
        }
        done(null, chunk);
      },
    }),
  );
}

function report(io: CliIo, r: ImportResult): void {
  const lines = [`Imported ${r.threads.toLocaleString('en')} new threads and ${r.comments.toLocaleString('en')} new comments; ${r.unchanged.toLocaleString('en')} comments were already there, ${r.skipped.toLocaleString('en')} items skipped.`];
  if (r.skippedReasons.length > 0) {
    lines.push(r.skipped > r.skippedReasons.length ? `First ${r.skippedReasons.length} skipped:` : 'Skipped:');
    for (const s of r.skippedReasons) lines.push(`  ${s.ref}: ${s.reason}`);
  }
  io.out.write(`${lines.join('\n')}\n`);
}
