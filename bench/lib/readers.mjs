// Distinct readers for the load generator. The server (with FOOTNOTE_TRUST_PROXY=1) takes the
// reader's address from X-Forwarded-For, so every request that names a new address is a new
// reader: a new view to count, a new poster for the rate limits.

/** A real desktop browser's user agent: `isbot` must not take the load for a crawler. */
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

let next = 1;

/** A new reader's address each call (10.0.0.1, 10.0.0.2, ...; 16 million before it wraps). */
export function nextAddress() {
  const n = next++ & 0xffffff;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Headers of a request from a new reader. */
export const newReader = (extra = {}) => ({ 'user-agent': BROWSER_UA, 'x-forwarded-for': nextAddress(), ...extra });

const WORDS = (
  'the council said budget would rise next year while residents asked why buses stopped running late ' +
  'at night and whether the report published on tuesday explains costs schools roads housing rents'
).split(' ');

/**
 * A comment body of about `length` characters, unique by `seq` (the duplicate-text check
 * holds a body seen within the hour as spam, so a benchmark that repeats itself measures
 * spam handling instead of posting). A little Markdown, as readers write it.
 */
export function commentBody(seq, length = 240) {
  const words = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const w = WORDS[(seq * 7 + i * 13) % WORDS.length];
    words.push(i === 5 ? `**${w}**` : w);
    size += w.length + 1;
  }
  return `Comment ${seq}: ${words.join(' ')}.`;
}
