/**
 * Word lists for moderation: banned words (the post is rejected) and suspect words (the post is
 * held for review). A list is compiled once into a {@link WordMatcher}.
 *
 * ## Matching rules
 *
 * 1. **Case and accents do not matter.** Entry and text are both folded: NFKD, Unicode lower
 *    case, accents dropped, "ß" = "ss", final "ς" = "σ". So "Idiöt" matches "idiot" and
 *    "ＩＤＩＯＴ" matches too. Letters without a decomposition (ø, ł, đ) stay distinct.
 * 2. **Whole words only.** A word is a run of letters or digits of any script, plus "@" and "$"
 *    (leetspeak inside a word; at its edges they may also be decoration, so "@idiot" and
 *    "idiot$" match "idiot"). An entry matches only from the start to the end of a word: "ass"
 *    matches "ASS!" but not "class", "assistant" or "as"; "cunt" does not match "Scunthorpe".
 *    Invisible characters (zero-width space/joiner, soft hyphen) are ignored, so they cannot
 *    split a word. Scripts written without spaces (Chinese, Japanese, Thai) form long "words",
 *    so there an entry needs wildcards: `*傻瓜*`.
 * 3. **Repeated letters.** Each letter of an entry matches one or more copies of it: "bad"
 *    matches "baaaad" and "bbaadd". A doubled letter needs at least two: "ass" never matches "as".
 * 4. **Leetspeak** in the text: 0→o, 1→i or l, 3→e, 4→a, 5→s, 7→t, @→a, $→s ("b4d", "@$$",
 *    "k1ll"). A digit or symbol still matches itself, so an entry "b4d" matches only "b4d".
 * 5. **Spelled out.** Single letters separated by exactly one non-word character join into one
 *    word: "b.a.d", "b-a-d", "b a d" match "bad". Two separators ("b. a. d") do not join.
 * 6. **Wildcards.** `*` in an entry matches zero or more word characters, never a space:
 *    "idiot*" matches "idiot", "idiots", "idiotic"; "f*ck" matches "fuck", "feck"; "*hole"
 *    matches "asshole". An entry that is only wildcards is ignored.
 * 7. **Several words.** Spaces or punctuation between words of an entry match any run of
 *    non-word characters in the text: "go to hell" matches "Go to... HELL!".
 * 8. Blank entries are ignored; duplicates are harmless. When several entries match, `find`
 *    returns the one whose match ends first in the text; a tie goes to the earlier entry in the
 *    list. The entry is returned as the moderator wrote it.
 *
 * ## Complexity
 *
 * Compiling is O(total length of the entries): the entries form a trie, built once per change
 * of the list. Checking a text of length n is O(n · S) in the worst case, where S is
 * the number of trie states, a constant fixed by the list; there is no backtracking and no loop
 * over the entries.
 *
 * Rules 3-6 mean one text character can lead to several trie states (repeat or advance, "1" as
 * "i" or "l", a wildcard eating the character or handing it to the letter after it). The text is
 * read once, left to right, keeping the *set* of live states, the way a Thompson NFA is
 * simulated: each character costs a few map look-ups per live state, and a state reached twice
 * is kept once. A wildcard is one state looping on itself however many characters it eats, so
 * branching can never compound: the live set never exceeds S. In practice it holds one to four
 * states, even with 10,000 entries, wildcards and heavily obfuscated text, so checking a comment
 * costs time in its length, not in the size of the list (`npx tsx bench/wordlist.bench.ts`
 * measures both).
 */
import { foldText, isLeetSymbol, isOneCodePoint, leetReadings, WORD_RUN_RE } from './text';
import { buildTrie, STAR, type TrieNode } from './trie';

/** A compiled word list. */
export interface WordMatcher {
  /** First matching list entry (as the moderator wrote it), or null. */
  find(text: string): string | null;
  /** Number of distinct patterns compiled (blank and wildcard-only entries are not counted). */
  readonly size: number;
}

/** Compiles a moderator's word list into a matcher; see this module's doc for the rules. */
export function compileWordList(entries: readonly string[]): WordMatcher {
  const originals = [...entries]; // the caller may reuse its array
  const { root, size } = buildTrie(originals);
  // `seen` stamps on the nodes dedupe the live set; find() is synchronous, so one counter is safe.
  let generation = 0;
  // Two reused buffers with explicit counts: truncating an array (`length = 0`) on every
  // character is a runtime call and showed up as the top cost in profiles.
  let live: TrieNode[] = [];
  let liveCount = 0;
  let next: TrieNode[] = [];
  let nextCount = 0;

  const add = (n: TrieNode): void => {
    if (n.seen === generation) return;
    n.seen = generation;
    next[nextCount++] = n;
    // A wildcard may match nothing, so reaching its parent also reaches it.
    const star = n.star;
    if (star && star.seen !== generation) {
      star.seen = generation;
      next[nextCount++] = star;
    }
  };

  /** Starts a fresh generation: `next` becomes the empty set to fill. */
  const begin = (): void => {
    generation++;
    nextCount = 0;
  };
  const commit = (): void => {
    const old = live;
    live = next;
    liveCount = nextCount;
    next = old;
  };

  /** Reads one character; `restart` also makes the root live after it (a leading "@" or "$"). */
  const step = (codePoint: number, restart: boolean): void => {
    const readings = leetReadings(codePoint);
    begin();
    for (let k = 0; k < liveCount; k++) {
      const n = live[k] as TrieNode;
      // Stay: a wildcard eats any word character, a letter eats a repeat of itself.
      if (n.label === STAR || n.label === codePoint || (readings !== undefined && readings.includes(n.label))) add(n);
      const child = n.next.get(codePoint);
      if (child) add(child);
      if (readings) {
        for (const r of readings) {
          const alt = n.next.get(r);
          if (alt) add(alt);
        }
      }
    }
    if (restart) add(root);
    commit();
  };

  /** Index of the best entry ending at the live states, or -1 (rule 8: lowest index wins). */
  const ended = (): number => {
    let best = -1;
    for (let k = 0; k < liveCount; k++) {
      const entry = (live[k] as TrieNode).entry;
      if (entry >= 0 && (best < 0 || entry < best)) best = entry;
    }
    return best;
  };

  /** Reads one word from the live states, returning the entry that ends with it or -1. */
  const readWord = (word: string): number => {
    // "@" and "$" are letters inside a word but decoration at its edges: "@idiot", "idiot$$".
    let body = word.length;
    while (body > 0 && isLeetSymbol(word.charCodeAt(body - 1))) body--;
    let leading = true;
    for (let i = 0; i < word.length; ) {
      if (i === body && body > 0) {
        const best = ended();
        if (best >= 0) return best;
      }
      const codePoint = word.codePointAt(i) ?? 0;
      i += codePoint > 0xffff ? 2 : 1;
      leading &&= isLeetSymbol(codePoint);
      step(codePoint, leading);
      if (liveCount === 0) return -1;
    }
    return ended();
  };

  const find = (text: string): string | null => {
    if (size === 0) return null;
    const folded = foldText(text);
    liveCount = 0;
    let prevEnd = -1;
    let prevSingle = false;
    for (const m of folded.matchAll(WORD_RUN_RE)) {
      const word = m[0];
      const single = isOneCodePoint(word);
      begin();
      if (prevEnd >= 0) {
        const join = prevSingle && single && isOneCodePoint(folded, prevEnd, m.index);
        for (let k = 0; k < liveCount; k++) {
          const n = live[k] as TrieNode;
          if (n.brk) add(n.brk);
          // Rule 5: "b.a.d" carries the states of "b" straight into "a".
          if (join) add(n);
        }
      }
      add(root);
      commit();
      const best = readWord(word);
      if (best >= 0) return originals[best] ?? null;
      prevEnd = m.index + word.length;
      prevSingle = single;
    }
    return null;
  };

  return { find, size };
}
