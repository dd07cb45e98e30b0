import { parseDisqus } from './disqus';
import { parseFootnoteJson } from './footnote-json';
import type { ImportFormat, ImportInput, ImportItem } from './types';
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
 * {@link ImportParseError} (before any item) when the input is not such an export at all.
 */
export function parseImport(format: ImportFormat, input: ImportInput): AsyncGenerator<ImportItem> {
  switch (format) {
    case 'disqus':
      return parseDisqus(input);
    case 'wordpress':
      return parseWordPress(input);
    case 'json':
      return parseFootnoteJson(input);
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
