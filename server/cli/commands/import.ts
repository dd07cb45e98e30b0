import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { IMPORT_FORMATS, type ImportFormat } from '../../../contract';
import { AppError } from '../../lib/errors';
import type { ImportResult } from '../../services/import/importer';
import { runImport } from '../../services/import/run';
import { readArgs, UsageError } from '../args';
import { say, type CliEnv, type CliIo } from '../io';
import { withServices } from '../open';
import { adminCall } from '../remote';

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
    say(io, `Sending ${file} to ${url}…`);
    const result = (await adminCall(config, url, `/api/v1/admin/import${format ? `?format=${format}` : ''}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit)) as ImportResult;
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
    const done = err instanceof AppError ? (err.details as Partial<ImportResult>) : {};
    if (typeof done.threads === 'number' && (done.threads > 0 || (done.comments ?? 0) > 0)) report(io, done as ImportResult);
    throw err;
  });
  report(io, result);
  say(io, 'A server running on this database shows the import after a restart (or import with --url through the server instead).');
  return 0;
}

function report(io: CliIo, r: ImportResult): void {
  const lines = [`Imported ${r.threads.toLocaleString('en')} new threads and ${r.comments.toLocaleString('en')} new comments; ${r.unchanged.toLocaleString('en')} comments were already there, ${r.skipped.toLocaleString('en')} items skipped.`];
  if (r.skippedReasons.length > 0) {
    lines.push(r.skipped > r.skippedReasons.length ? `First ${r.skippedReasons.length} skipped:` : 'Skipped:');
    for (const s of r.skippedReasons) lines.push(`  ${s.ref}: ${s.reason}`);
  }
  io.out.write(`${lines.join('\n')}\n`);
}
