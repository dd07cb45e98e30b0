/**
 * Writing Markdown text safely: the pieces `htmlToText` builds its output from.
 */

/** http(s) and mailto only; `javascript:` and friends (however obfuscated) are refused by the URL parser's own reading. */
export function safeHref(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return null;
    return url.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return null;
  }
}

/** Inline code with a fence longer than any backtick run inside it. */
export function codeSpan(text: string): string {
  const code = text.replace(/\s+/g, ' ').trim();
  if (!code) return '';
  const longest = (code.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/**
 * `<` and entity-like `&` become entities rather than backslash escapes: they read the same in
 * Markdown, and stay inert even where a body is ever treated as HTML.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&(?=#?\w+;)/g, '&amp;').replace(/</g, '&lt;');
}

/** Escapes what Markdown would read as formatting or HTML in text a reader wrote. */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/[\\`*[\]]/g, '\\$&')
    // Underscores inside words (snake_case, URLs) are never emphasis; leave them readable.
    .replace(/_/g, (m, at: number, all: string) =>
      /\w/.test(all[at - 1] ?? '') && /\w/.test(all[at + 1] ?? '') ? m : '\\_');
}

/**
 * Escapes what would start a Markdown block at the beginning of a line of reader text, for the
 * block rules the comment formatter enables (services/format/markdown.ts): quotes (`>`), bullet
 * lists (`-`, `+`; `*` is escaped everywhere), numbered lists (`1.`, `1)`) and `~~~` fences
 * (backtick fences are escaped everywhere). Indented code cannot occur: {@link tidy} trims every
 * line. Headings, rules, setext underlines and tables are text already (not enabled), so `#`,
 * `===` and `|` need nothing; the round-trip test in html-to-text.test.ts renders each marker
 * and fails if the formatter ever enables one of them.
 */
export function escapeLineStarts(text: string): string {
  return text
    .replace(/^(?:>|[-+](?=[ \t]|$)|~~~)/gm, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/gm, '$1\\$2');
}

/** Collapses spaces, trims every line, keeps single line breaks and at most one blank line. */
export function tidy(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- stray controls in old exports are noise, never text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\r]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
