import { call } from '../../client/http';
import { enCore, type Catalogue, type MessageKey, type PluralKey } from './en';

const catalogues: Record<string, Partial<Catalogue>> = { en: enCore };
const loading: Record<string, Promise<void>> = {};

/** Adds messages of a language (widget/i18n/all.ts registers the footer's words of every shipped one). */
export const register = (lang: string, c: Partial<Catalogue>) => (catalogues[lang] = { ...catalogues[lang], ...c });

/**
 * Fetches the rest of `lang`'s catalogue from the server at `base` (`/i18n/{lang}.json`,
 * built from widget/i18n/*.ts), once per page, when a thread is about to be shown: embed.js
 * holds only the footer's words. A language whose catalogue cannot be had is spoken in
 * English; this rejects only when English cannot be had either (the thread would have no
 * words), and a later call asks again.
 */
export function loadRest(base: string, lang: string): Promise<void> {
  return (loading[lang] ??= call<Partial<Catalogue>>('GET', `${base}/i18n/${lang}.json`).then(
    (c) => void register(lang, c),
    (err: unknown) => {
      delete loading[lang];
      if (lang === 'en') throw err;
      return loadRest(base, 'en');
    },
  ));
}

/** The language asked for: the `lang` attribute, else the nearest `lang` up the page (normally `<html lang>`). */
export const wantedLang = (el: Element, attr: string | null | undefined): string =>
  (attr || el.closest('[lang]')?.getAttribute('lang') || 'en').toLowerCase();

/** The shipped language closest to the one asked for: "de-AT" falls back to "de", anything unknown to English. */
export function resolveLang(el: Element, attr: string | null | undefined): string {
  const wanted = wantedLang(el, attr);
  const base = wanted.split('-')[0]!;
  return catalogues[wanted] ? wanted : catalogues[base] ? base : 'en';
}

/** Languages written right to left (by primary subtag). */
export const isRtl = (lang: string) => /^(ar|he|iw|fa|ur|ps|sd|ug|yi|dv|ckb)\b/.test(lang);

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

/** Relative-time units, largest last, with their length in seconds. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [['minute', 60], ['hour', 3600], ['day', 86400], ['week', 604800], ['month', 2629800], ['year', 31557600]];

/** The messages of one language, with plural rules and number formatting of that language. */
export class Messages {
  private readonly rules: Intl.PluralRules;
  private readonly nf: Intl.NumberFormat;
  private readonly rel: Intl.RelativeTimeFormat;
  private readonly full: Intl.DateTimeFormat;

  constructor(readonly lang: string) {
    this.rules = new Intl.PluralRules(lang);
    this.nf = new Intl.NumberFormat(lang);
    this.rel = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    this.full = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' });
  }

  /**
   * Looked up on each call: the rest of the catalogue may arrive after the element was made.
   * A word not (yet) here is English's, else empty: the element shows the thread only once its
   * language has arrived (loadRest).
   */
  private get<K extends MessageKey | PluralKey>(key: K): Partial<Catalogue>[K] {
    return (catalogues[this.lang] ?? {})[key] ?? catalogues.en![key];
  }

  t(key: MessageKey, vars: Record<string, string> = {}): string {
    return fill(this.get(key) ?? '', vars);
  }

  /** A count in words: "1 view", "2 Aufrufe", "5 комментариев". */
  n(key: PluralKey, n: number): string {
    const forms = this.get(key);
    return forms ? fill((forms as Record<string, string>)[this.rules.select(n)] ?? forms.other, { n: this.num(n) }) : '';
  }

  /** A number as the language writes it ("1.234" in German). */
  num(n: number): string {
    return this.nf.format(n);
  }

  /** "3 minutes ago" (Intl.RelativeTimeFormat); "just now" under a minute. */
  ago(iso: string, now = Date.now()): string {
    const s = (new Date(iso).getTime() - now) / 1000;
    if (Math.abs(s) < 60) return this.t('justNow');
    let unit = UNITS[0]!;
    for (const u of UNITS) if (Math.abs(s) >= u[1]) unit = u;
    return this.rel.format(Math.trunc(s / unit[1]), unit[0]);
  }

  /** The full date and time, for the hover title. */
  date(iso: string): string {
    return this.full.format(new Date(iso));
  }

  /** The day alone ("3 December 2026"), for "Comments closed on …". */
  day(iso: string): string {
    return new Date(iso).toLocaleDateString(this.lang, { dateStyle: 'long' });
  }
}

export type { Catalogue };
