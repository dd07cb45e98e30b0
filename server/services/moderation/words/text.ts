/**
 * The alphabet the word-list matcher works in. List entries and comment text go through the
 * same {@link foldText}, so every rule here applies to both sides and a moderator never has to
 * write variants of a word by hand.
 */

/**
 * Nonspacing marks (the accents NFKD splits off: "ö" becomes "o" + U+0308) and format characters
 * (zero-width space/joiners, soft hyphen, bidi controls), which are invisible and so are a cheap
 * way to split a word without changing how it looks.
 */
const INVISIBLE_RE = /[\p{Mn}\p{Cf}]/gu;

/** The two case-folding rules `toLowerCase` does not apply: "STRASSE" = "straße", final sigma. */
const FOLD_RE = /[ßς]/g;
const FOLDS: Readonly<Record<string, string>> = { ß: 'ss', ς: 'σ' };

/**
 * Lower-cases `text` (Unicode-aware), decomposes it with NFKD (so compatibility forms such as
 * full-width "Ｂ" or the ligature "ﬁ" become plain letters) and drops accents and invisible
 * format characters. Linear in the length of `text`.
 */
export function foldText(text: string): string {
  // NFKD first: "İ" decomposes to "I" + U+0307 and only then lower-cases to a plain "i".
  const folded = text.normalize('NFKD').toLowerCase().replace(INVISIBLE_RE, '');
  return folded.replace(FOLD_RE, (ch) => FOLDS[ch] ?? ch);
}

/**
 * One run of word characters: letters and digits of any script, the spacing marks that some
 * scripts (e.g. Devanagari) need inside a word, and "@" / "$", which are leetspeak for letters.
 * Everything else (spaces, punctuation, symbols, emoji) separates words. A single character
 * class with `+` cannot backtrack, so a global scan is linear.
 */
export const WORD_RUN_RE = /[\p{L}\p{N}\p{M}@$]+/gu;

const WORD_CHAR_RE = /^[\p{L}\p{N}\p{M}@$]$/u;

/** Whether the single code point `ch` (already folded) is a word character. */
export function isWordChar(ch: string): boolean {
  return WORD_CHAR_RE.test(ch);
}

const cp = (ch: string): number => ch.codePointAt(0) ?? 0;

/**
 * Leetspeak: the extra letters a text character may stand for, besides itself, indexed by code
 * point (an array, not a Map: this is looked up once per character of every comment). Only the
 * text side is read this way; an entry's "4" stays a literal "4" (and also matches a written "4").
 */
const LEET: (readonly number[] | undefined)[] = [];
for (const [ch, letters] of Object.entries({ 0: 'o', 1: 'il', 3: 'e', 4: 'a', 5: 's', 7: 't', '@': 'a', $: 's' })) {
  LEET[cp(ch)] = [...letters].map(cp);
}

/** The letters a text code point may also be read as (leetspeak), or `undefined` for none. */
export function leetReadings(codePoint: number): readonly number[] | undefined {
  return codePoint < 128 ? LEET[codePoint] : undefined;
}

/** Whether a code point is "@" or "$", the two non-letters that count as word characters. */
export function isLeetSymbol(codePoint: number): boolean {
  return codePoint === 0x40 || codePoint === 0x24;
}

/** Whether `s`, a slice of a JS string, is exactly one code point (one unit or one surrogate pair). */
export function isOneCodePoint(s: string, start = 0, end = s.length): boolean {
  const len = end - start;
  if (len === 1) return true;
  const hi = s.charCodeAt(start);
  return len === 2 && hi >= 0xd800 && hi <= 0xdbff;
}
