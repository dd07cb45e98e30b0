import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { recordAudit } from '../moderation/audit';
import { writeImport, type ImportOptions, type ImportResult } from './importer';
import { parseImport } from './index';
import { gunzipped, sniffFormat } from './sniff';
import { ImportParseError, type ImportFormat, type ImportInput } from './types';

export interface RunImport {
  /** null: guessed from the first bytes. */
  format: ImportFormat | null;
  input: ImportInput;
  /** Where it came from, for the audit trail ("upload", "command line"). */
  via: string;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

/** The audit line of an import: "disqus via upload: 2 threads, 5 comments added, 0 unchanged, 1 skipped". */
export const importSummary = (r: ImportResult) =>
  `${plural(r.threads, 'thread')}, ${plural(r.comments, 'comment')} added, ${r.unchanged.toLocaleString('en')} already present, ${r.skipped.toLocaleString('en')} skipped`;

/**
 * Imports an export file: detects the format when not given, streams it through the parser
 * into the store, then drops every cache that may hold a thread or listing from before, and
 * writes one audit entry. A file that is not an export at all is a 400 (`import_failed`).
 */
export async function runImport(ctx: ServiceContext, job: RunImport, options: Omit<ImportOptions, 'now'> = {}): Promise<ImportResult> {
  let format = job.format;
  let input: ImportInput = await gunzipped(job.input);
  if (!format) {
    const sniffed = await sniffFormat(input);
    format = sniffed.format;
    input = sniffed.input;
    if (!format) {
      throw new AppError('import_failed', 'This file is not a Disqus, WordPress or Footnote export that could be recognized. Name its format with ?format=disqus, wordpress or json.');
    }
  }
  let progress: ImportResult | null = null;
  let refreshed = Date.now();
  try {
    const result = await writeImport(ctx.store, parseImport(format, input), {
      ...options,
      now: ctx.now,
      onProgress: (totals, items) => {
        progress = totals;
        // A long import shows up on the site as it goes: cached counts are dropped once a second.
        if (Date.now() - refreshed >= 1000) {
          refreshed = Date.now();
          ctx.threads.clear();
          ctx.listCache.clear();
        }
        options.onProgress?.(totals, items);
      },
    });
    await recordAudit(ctx, { action: 'import', targetType: 'import', targetId: format, detail: `via ${job.via}: ${importSummary(result)}` });
    return result;
  } catch (err) {
    const done: ImportResult | null = progress;
    if (done) {
      const why = err instanceof Error ? err.message : String(err);
      await recordAudit(ctx, { action: 'import', targetType: 'import', targetId: format, detail: `via ${job.via}: stopped (${why}) after ${importSummary(done)}` });
    }
    if (err instanceof ImportParseError) throw new AppError('import_failed', err.message);
    throw err;
  } finally {
    // The import wrote behind the caches' back: counts and listings are re-read from disk.
    ctx.threads.clear();
    ctx.listCache.clear();
  }
}
