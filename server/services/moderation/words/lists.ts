import type { WordKind } from '../../../../contract';
import type { ModerationStore, WordRow } from '../../../store/types';
import type { CheckInput, ContentCheck, Verdict } from '../../comments/checks';
import { compileWordList, type WordMatcher } from './matcher';

/**
 * The banned and suspect word lists, each held compiled in memory. A list is recompiled
 * only when it changes (compiling costs far more than checking a comment), so posting never
 * pays for the size of the list. This process is the only writer of the
 * database, so the compiled copies cannot go stale behind its back.
 */
export class WordLists {
  private entries: Record<WordKind, WordRow[]> = { banned: [], suspect: [] };
  private matchers: Record<WordKind, WordMatcher> = { banned: compileWordList([]), suspect: compileWordList([]) };

  private constructor(private readonly store: ModerationStore) {}

  /** Loads and compiles both lists from the store (at start). */
  static async load(store: ModerationStore): Promise<WordLists> {
    const lists = new WordLists(store);
    await lists.reload('banned');
    await lists.reload('suspect');
    return lists;
  }

  /** Re-reads one list after it changed and swaps in its new matcher. */
  async reload(kind: WordKind): Promise<void> {
    const rows = await this.store.listWords(kind);
    const matcher = compileWordList(rows.map((r) => r.word));
    // Swap both together so a check never sees a list and a matcher that disagree.
    this.entries = { ...this.entries, [kind]: rows };
    this.matchers = { ...this.matchers, [kind]: matcher };
  }

  list(kind: WordKind): readonly WordRow[] {
    return this.entries[kind];
  }

  byId(id: number): WordRow | undefined {
    return this.entries.banned.find((e) => e.id === id) ?? this.entries.suspect.find((e) => e.id === id);
  }

  /** The first entry of `kind` found in `text`, as the moderator wrote it, or null. */
  find(kind: WordKind, text: string): string | null {
    return this.matchers[kind].find(text);
  }

  /** The content check: a banned word refuses the post, a suspect word holds it for review. */
  readonly check: ContentCheck = {
    name: 'word-lists',
    check: (input: CheckInput): Verdict => {
      const inBody = this.find('banned', input.body);
      if (inBody) {
        return { action: 'reject', code: 'banned_word', message: `Your comment contains a word this site does not allow ("${inBody}"). Please rephrase it.` };
      }
      const inName = this.find('banned', input.author);
      if (inName) {
        return { action: 'reject', code: 'banned_word', message: `Your name contains a word this site does not allow ("${inName}"). Please choose another name.` };
      }
      const suspect = this.find('suspect', input.body) ?? this.find('suspect', input.author);
      return suspect ? { action: 'hold', reason: `suspect word "${suspect}"` } : { action: 'allow' };
    },
  };
}
