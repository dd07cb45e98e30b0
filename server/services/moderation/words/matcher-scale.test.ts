import { describe, expect, it } from 'vitest';
import { compileWordList } from './matcher';
import { generateComment, generateWords, seededRandom } from './testing';

// A 10,000-word list checked against a plain set lookup: the generated words have no doubled
// letters or digits, so none of the obfuscation rules applies and the set is an exact reference.
describe('compileWordList with 10,000 words', () => {
  const banned = generateWords(10_000, 1);
  const bannedSet = new Set(banned);
  const clean = generateWords(2_000, 2, bannedSet);

  it('compiles in well under a second', () => {
    const t0 = performance.now();
    const list = compileWordList(banned);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(list.size).toBe(10_000);
  });

  it('agrees with a set lookup on generated comments', () => {
    const list = compileWordList(banned);
    const random = seededRandom(3);
    for (let i = 0; i < 300; i++) {
      const words = Array.from({ length: 40 }, () => {
        const from = random() < 0.01 ? banned : clean;
        return from[Math.floor(random() * from.length)] ?? '';
      });
      const text = words.join(random() < 0.5 ? ' ' : ', ');
      expect(list.find(text), text).toBe(words.find((w) => bannedSet.has(w)) ?? null);
    }
  });

  it('finds every listed word, and none inside a longer word', () => {
    const list = compileWordList(banned);
    for (const word of banned) {
      expect(list.find(`Well, ${word.toUpperCase()}!`)).toBe(word);
      expect(list.find(`un${word}ed`)).toBeNull();
    }
  });

  it('checks a 5,000-character comment quickly', () => {
    const list = compileWordList(banned);
    const comment = generateComment(5_000, 4);
    expect(list.find(comment)).toBeNull();
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) list.find(comment);
    expect((performance.now() - t0) / 20).toBeLessThan(20); // typically ~0.1 ms; loose for CI
  });
});
