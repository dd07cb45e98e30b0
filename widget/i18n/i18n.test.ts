import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deCore } from './de';
import { enCore, enRest, type Catalogue } from './en';
import { esCore } from './es';
import { frCore } from './fr';
import { isRtl, loadRest, Messages, register } from './index';
import { rest } from './rest';
import { ruCore } from './ru';

const CORE_KEYS = Object.keys(enCore);
const en: Catalogue = { ...enCore, ...enRest };
const cores = { de: deCore, es: esCore, fr: frCore, ru: ruCore };
const shipped: Record<string, Catalogue> = Object.fromEntries(Object.entries(cores).map(([lang, core]) => [lang, { ...core, ...rest[lang as keyof typeof rest] }]));

const placeholders = (s: string) => [...s.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();

describe('catalogues', () => {
  it('splits each language, English too, into the footer\'s words (in embed.js) and the rest (fetched), with no key in both', () => {
    for (const [lang, core] of Object.entries({ en: enCore, ...cores })) {
      expect(Object.keys(core).sort(), lang).toEqual([...CORE_KEYS].sort());
      expect(Object.keys(rest[lang as keyof typeof rest]).filter((k) => CORE_KEYS.includes(k)), lang).toEqual([]);
    }
  });

  for (const [lang, c] of Object.entries(shipped)) {
    it(`${lang} translates every English message, with the same placeholders`, () => {
      expect(Object.keys(c).sort()).toEqual(Object.keys(en).sort());
      for (const [key, english] of Object.entries(en)) {
        const ours = (c as Record<string, unknown>)[key];
        if (typeof english === 'string') {
          expect(typeof ours, key).toBe('string');
          expect(placeholders(ours as string), key).toEqual(placeholders(english));
        } else {
          // A form for every plural category the language has, and {n} in each.
          const forms = ours as Record<string, string>;
          for (const category of new Intl.PluralRules(lang).resolvedOptions().pluralCategories) {
            if (category === 'many' && lang !== 'ru') continue; // fr/es "many" is for millions; `other` covers it
            expect(forms[category], `${key}.${category}`).toContain('{n}');
          }
        }
      }
    });
  }
});

describe('Messages before and after the rest of a catalogue arrives', () => {
  it('has the footer\'s words at once, and no "undefined" for a word still on its way', () => {
    const m = new Messages('en');
    expect(m.n('views', 2)).toBe('2 views');
    expect(m.t('post')).toBe('');
    expect(m.n('newComments', 2)).toBe('');
  });
});

describe('loadRest', () => {
  afterEach(() => vi.unstubAllGlobals());
  const serve = (ok: (url: string) => boolean) => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      return ok(url) ? new Response(JSON.stringify(url.endsWith('/en.json') ? enRest : rest.de), { status: 200 }) : new Response('{}', { status: 404 });
    });
    return asked;
  };

  it('rejects when neither the language nor English can be had, and asks again next time', async () => {
    let asked = serve(() => false);
    await expect(loadRest('https://fn.test', 'de')).rejects.toThrow();
    expect(asked).toEqual(['https://fn.test/i18n/de.json', 'https://fn.test/i18n/en.json']);
    asked = serve(() => true);
    await loadRest('https://fn.test', 'de');
    expect(asked).toEqual(['https://fn.test/i18n/de.json']);
    expect(new Messages('de').t('post')).toBe('Kommentar senden');
  });

  it('speaks English where a language\'s catalogue cannot be had', async () => {
    const asked = serve((url) => url.endsWith('/en.json'));
    register('fr', frCore);
    await loadRest('https://fn.test', 'fr');
    expect(asked).toEqual(['https://fn.test/i18n/fr.json', 'https://fn.test/i18n/en.json']);
    const m = new Messages('fr');
    expect([m.n('views', 1), m.t('post')]).toEqual(['1 vue', 'Post comment']);
  });
});

describe('Messages', () => {
  beforeAll(() => {
    for (const [lang, c] of Object.entries({ en, ...shipped })) register(lang, c);
  });

  it('German: "1 Aufruf · 0 Kommentare", numbers in German', () => {
    const m = new Messages('de');
    expect(`${m.n('views', 1)} · ${m.n('comments', 0)}`).toBe('1 Aufruf · 0 Kommentare');
    expect(m.n('views', 1234)).toBe('1.234 Aufrufe');
    expect(m.t('replyTo', { name: 'Lena' })).toBe('Antwort an Lena');
  });

  it('Russian: one, few, many', () => {
    const m = new Messages('ru');
    expect([1, 2, 5, 11, 21, 22, 25, 101, 111].map((n) => m.n('views', n))).toEqual([
      '1 просмотр', '2 просмотра', '5 просмотров', '11 просмотров', '21 просмотр', '22 просмотра', '25 просмотров', '101 просмотр', '111 просмотров',
    ]);
    expect([0, 1, 3, 21].map((n) => m.n('comments', n))).toEqual(['0 комментариев', '1 комментарий', '3 комментария', '21 комментарий']);
  });

  it('French counts 0 and 1 as singular; English does not', () => {
    expect(new Messages('fr').n('comments', 0)).toBe('0 commentaire');
    expect(new Messages('en').n('comments', 0)).toBe('0 comments');
    expect(new Messages('en').n('comments', 1)).toBe('1 comment');
    expect(new Messages('es').n('views', 2)).toBe('2 visitas');
  });

  it('an unknown language speaks English', () => {
    expect(new Messages('xx').n('views', 2)).toBe('2 views');
  });

  it('relative time: just now, then minutes, hours, days, in the language', () => {
    const now = Date.parse('2025-03-10T12:00:00Z');
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    const en = new Messages('en');
    expect(en.ago(ago(20), now)).toBe('just now');
    expect(en.ago(ago(90), now)).toBe('1 minute ago');
    expect(en.ago(ago(3 * 60), now)).toBe('3 minutes ago');
    expect(en.ago(ago(2 * 3600 + 50 * 60), now)).toBe('2 hours ago');
    expect(en.ago(ago(86_400 + 10), now)).toBe('yesterday');
    expect(en.ago(ago(10 * 86_400), now)).toBe('last week');
    expect(new Messages('de').ago(ago(3 * 60), now)).toBe('vor 3 Minuten');
    expect(new Messages('ru').ago(ago(5 * 60), now)).toBe('5 минут назад');
    expect(new Messages('de').ago(ago(5), now)).toBe('gerade eben');
  });

  it('knows right-to-left languages', () => {
    expect(['ar', 'he', 'fa-IR', 'ur'].every(isRtl)).toBe(true);
    expect(['en', 'de', 'ru', 'arn'].some(isRtl)).toBe(false);
  });
});
