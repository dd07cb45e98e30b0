import { foldText, isWordChar } from './text';

/** Edge labels that are not code points (code points are never negative). */
export const ROOT = -1;
export const STAR = -2;
export const BREAK = -3;

/**
 * One state of the compiled list. Together the nodes form a trie of the folded entries; the
 * matcher reads it as an NFA: a letter node also loops on its own letter (repeats), a `STAR`
 * node loops on any word character, a `BREAK` node is entered between two words.
 */
export interface TrieNode {
  /** Label of the edge into this node: a code point, or ROOT / STAR / BREAK. */
  readonly label: number;
  readonly next: Map<number, TrieNode>;
  /** Wildcard child, entered without consuming a character ("idiot*" matches "idiot"). */
  star: TrieNode | null;
  /** Child entered across the gap between two words (multi-word entries). */
  brk: TrieNode | null;
  /** Index of the first list entry that ends here, or -1. */
  entry: number;
  /** Walk generation that last added this node to a live set; deduplicates live states. */
  seen: number;
}

export interface Trie {
  readonly root: TrieNode;
  /** Distinct patterns compiled. */
  readonly size: number;
  /** Total nodes, the bound on live states during a walk. */
  readonly states: number;
}

function node(label: number): TrieNode {
  return { label, next: new Map(), star: null, brk: null, entry: -1, seen: 0 };
}

/**
 * Turns one entry into edge labels: word characters stay literal, `*` becomes STAR, any run of
 * other characters becomes one BREAK. Repeated stars or breaks collapse, breaks at the ends are
 * dropped, and an entry with no literal character yields `null` (a lone `*` would match every
 * word, which is never what a moderator meant).
 */
export function entryLabels(entry: string): number[] | null {
  const labels: number[] = [];
  let literal = false;
  for (const ch of foldText(entry)) {
    const label = ch === '*' ? STAR : isWordChar(ch) ? (ch.codePointAt(0) ?? 0) : BREAK;
    const last = labels[labels.length - 1];
    if (label < 0 && (label === last || (label === BREAK && labels.length === 0))) continue;
    if (label >= 0) literal = true;
    labels.push(label);
  }
  while (labels[labels.length - 1] === BREAK) labels.pop();
  return literal ? labels : null;
}

/** Builds the trie for `entries`; O(total length of the entries). */
export function buildTrie(entries: readonly string[]): Trie {
  const root = node(ROOT);
  let size = 0;
  let states = 1;
  entries.forEach((entry, index) => {
    const labels = entryLabels(entry);
    if (!labels) return;
    let at = root;
    for (const label of labels) {
      let child = label === STAR ? at.star : label === BREAK ? at.brk : (at.next.get(label) ?? null);
      if (!child) {
        child = node(label);
        states++;
        if (label === STAR) at.star = child;
        else if (label === BREAK) at.brk = child;
        else at.next.set(label, child);
      }
      at = child;
    }
    // Duplicates (also ones differing only in case or accents) keep the first entry's text.
    if (at.entry < 0) {
      at.entry = index;
      size++;
    }
  });
  return { root, size, states };
}
