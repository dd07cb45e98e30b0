import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { recordAudit } from '../moderation/audit';
import { limitBytes } from './byte-limit';
import { REASONS_KEPT, writeImport, type ImportOptions, type ImportResult } from './importer';
import { parseImport } from './index';
import { gunzipped, sniffFormat, type GzipReport } from './sniff';
import { DEFAULT_IMPORT_LIMITS, ImportParseError, ImportTooLargeError, type ImportFormat, type ImportInput, type ImportLimits } from './types';

export interface RunImport {
  /** null: guessed from the first bytes. */
  format: ImportFormat | null;
  input: ImportInput;
  /** Where it came from, for the audit trail ("upload", "command line"). */
  via: string;
}

export interface RunImportOptions extends Omit<ImportOptions, 'now'> {
  /** Bounds other than the configured ones (tests lower them to stay small). */
  limits?: Partial<ImportLimits>;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

/** The audit line of an import: "disqus via upload: 2 threads, 5 comments added, 0 unchanged, 1 skipped". */
export const importSummary = (r: ImportResult) =>
  `${plural(r.threads, 'thread')}, ${plural(r.comments, 'comment')} added, ${r.unchanged.toLocaleString('en')} already present, ${r.skipped.toLocaleString('en')} skipped`;

const nothingYet = (): ImportResult => ({ threads: 0, comments: 0, skipped: 0, unchanged: 0, skippedReasons: [] });

/**
 * Imports an export file: detects the format when not given, streams it through the parser
 * into the store, then drops every cache that may hold a thread or listing from before, and
 * writes one audit entry. Bounded by `config.importMaxBytes` (decompressed) and the parsers'
 * own limits. A file that is not an export at all, or that goes wrong part-way, is a 400
 * (`import_failed`); one past the size cap a 413 (`payload_too_large`). Both answers carry the
 * counts of what was written before the stop (it stays).
 */
export async function runImport(ctx: ServiceContext, job: RunImport, options: RunImportOptions = {}): Promise<ImportResult> {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, maxBytes: ctx.config.importMaxBytes, ...options.limits };
  let format = job.format;
  let progress: ImportResult | null = null;
  let refreshed = Date.now();
  const gzip: GzipReport = { damage: null };
  try {
    let input: ImportInput = limitBytes(await gunzipped(job.input, gzip), limits.maxBytes);
    if (!format) {
      const sniffed = await sniffFormat(input);
      format = sniffed.format;
      input = sniffed.input;
      if (!format) {
        throw new AppError('import_failed', 'This file is not a Disqus, WordPress or Footnote export that could be recognized. Name its format (disqus, wordpress or json): --format on the command line, ?format= in the API.');
      }
    }
    const result = await writeImport(ctx.store, parseImport(format, input, limits), {
      ...options,
      now: ctx.now,
      onProgress: (totals, items) => {
        progress = totals;
        // A long import shows up on the site as it goes: cached counts are dropped once a second.
        if (Date.now() - refreshed >= 1000) {
          refreshed = Date.now();
          ctx.threads.clear();
          ctx.listCache.clear();
          ctx.cluster.send({ type: 'all' });
        }
        options.onProgress?.(totals, items);
      },
    });
    if (gzip.damage) {
      // Like the rest of a broken JSON file: one skip, listed first because it explains the others.
      result.skipped++;
      result.skippedReasons = [{ ref: 'file', reason: gzip.damage }, ...result.skippedReasons].slice(0, REASONS_KEPT);
    }
    await recordAudit(ctx, { action: 'import', targetType: 'import', targetId: format, detail: `via ${job.via}: ${importSummary(result)}` });
    return result;
  } catch (err) {
    const done: ImportResult = progress ?? nothingYet();
    if (progress) {
      const why = err instanceof Error ? err.message : String(err);
      await recordAudit(ctx, { action: 'import', targetType: 'import', targetId: format ?? 'unknown', detail: `via ${job.via}: stopped (${why}) after ${importSummary(done)}` });
    }
    if (err instanceof ImportTooLargeError) throw new AppError('payload_too_large', err.message, {}, { ...done });
    if (err instanceof ImportParseError) throw new AppError('import_failed', err.message, {}, { ...done });
    if (err instanceof AppError && err.code === 'import_failed') throw new AppError(err.code, err.message, err.headers, { ...done });
    throw err;
  } finally {
    // The import wrote behind the caches' back: counts and listings are re-read from disk.
    ctx.threads.clear();
    ctx.listCache.clear();
    ctx.cluster.send({ type: 'all' });
  }
}
