/**
 * The banned and suspect word lists of moderation, as one module:
 *
 * - `lists.ts`: both lists held compiled in memory, and the content check posting runs;
 * - `desk.ts`: what the moderator does with them (list, add, remove entries);
 * - `matcher.ts`: compiles a list into a matcher, with the matching rules in its doc;
 * - `trie.ts` and `text.ts`: the compiled form and the folded alphabet both sides share;
 * - `testing.ts`: seeded generated lists and comments, for the tests and the benchmark only.
 */
export { addWords, listWords, removeWord } from './desk';
export { WordLists } from './lists';
export { compileWordList, type WordMatcher } from './matcher';
