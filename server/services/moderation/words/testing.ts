/**
 * Generated word lists and comments for the word-list tests and `bench/wordlist.bench.ts`.
 * Seeded, so a failing case or a bench figure can be reproduced.
 */

/** mulberry32: a tiny seeded PRNG; `Math.random` cannot be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * `count` distinct lower-case words of 5-10 letters with no letter twice in a row, so that the
 * repeated-letter rule can never make one generated word match another and a plain set lookup
 * is an exact reference for the matcher.
 */
export function generateWords(count: number, seed: number, exclude: ReadonlySet<string> = new Set()): string[] {
  const random = seededRandom(seed);
  const words = new Set<string>();
  while (words.size < count) {
    const length = 5 + Math.floor(random() * 6);
    let word = '';
    while (word.length < length) {
      const ch = LETTERS[Math.floor(random() * LETTERS.length)] ?? 'a';
      if (ch !== word[word.length - 1]) word += ch;
    }
    if (!exclude.has(word)) words.add(word);
  }
  return [...words];
}

const COMMON = (
  'the of and to in is that it was for on are with as his they be at one have this from or had ' +
  'by not but what some we can out other were all there when up use your how said an each she ' +
  'which do their time if will way about many then them would write like so these her long make ' +
  'thing see him two has look more day could come did number sound no most people my over know ' +
  'water than call first who may down side been now find council minister election school road'
).split(' ');

const PUNCTUATION = [' ', ' ', ' ', ' ', ' ', ', ', '. ', '! ', '? ', ' - ', '\n'];

/** A comment-like text of exactly `length` characters: common words, punctuation, line breaks. */
export function generateComment(length: number, seed: number): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let text = '';
  while (text.length < length) {
    const word = pick(COMMON);
    text += (random() < 0.1 ? word[0]?.toUpperCase() + word.slice(1) : word) + pick(PUNCTUATION);
  }
  return text.slice(0, length);
}
