import { parseDisqus } from './disqus';
import { parseFootnoteJson } from './footnote-json';
import type { ImportFormat, ImportInput, ImportItem, ImportLimits } from './types';
import { parseWordPress } from './wordpress';

export { parseDisqus } from './disqus';
export { parseFootnoteJson } from './footnote-json';
export { parseWordPress } from './wordpress';
export { htmlToText } from './html-to-text';
export { FOOTNOTE_EXPORT_VERSION, type FootnoteExport, type FootnoteExportComment, type FootnoteExportThread } from './footnote-format';
export * from './types';

/**
 * Streams the items of an export in the given format. Items come in an order an importer can
 * write as they arrive: a thread before its comments, a parent before its replies. Throws
 * {@link ImportParseError} when the input is not such an export at all (before any item), or
 * when it goes past what an export can hold (then after the items before that point).
 */
export function parseImport(format: ImportFormat, input: ImportInput, limits: Partial<ImportLimits> = {}): AsyncGenerator<ImportItem> {
  switch (format) {
    case 'disqus':
      return parseDisqus(input, limits);
    case 'wordpress':
      return parseWordPress(input, limits);
    case 'json':
      return parseFootnoteJson(input, limits);
  }
}

/**
 * Guesses the format from the start of a file (the first KiB is plenty), for uploads that do
 * not say. Returns null when it is none of the three.
 */
export function detectFormat(firstBytes: string): ImportFormat | null {
  const head = firstBytes.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (!head.startsWith('<')) return null;
  const lower = head.toLowerCase();
  if (/<disqus[\s>]/.test(lower)) return 'disqus';
  if (/<rss[\s>]/.test(lower) && (lower.includes('wordpress.org/export') || lower.includes('<wp:'))) return 'wordpress';
  return null;
}
