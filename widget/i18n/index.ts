import { en, type Catalogue, type MessageKey, type PluralKey } from './en';

const catalogues: Record<string, Catalogue> = { en };

/** Adds a language (each catalogue file registers itself). */
export const register = (lang: string, c: Catalogue) => (catalogues[lang] = c);

/**
 * The language for an element: its `lang` attribute, else the nearest `lang` up the page
 * (normally `<html lang>`), else English; "de-AT" falls back to "de".
 */
export function resolveLang(el: Element, attr: string | null | undefined): string {
  const wanted = (attr || el.closest('[lang]')?.getAttribute('lang') || 'en').toLowerCase();
  return catalogues[wanted] ? wanted : catalogues[wanted.split('-')[0] ?? ''] ? wanted.split('-')[0]! : 'en';
}

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

/** The messages of one language, with plural rules and number formatting of that language. */
export class Messages {
  private readonly c: Catalogue;
  private readonly rules: Intl.PluralRules;
  private readonly num: Intl.NumberFormat;
  readonly rtl: boolean;

  constructor(readonly lang: string) {
    this.c = catalogues[lang] ?? en;
    this.rules = new Intl.PluralRules(lang);
    this.num = new Intl.NumberFormat(lang);
    this.rtl = /^(ar|he|fa|ur)\b/.test(lang);
  }

  t(key: MessageKey, vars: Record<string, string> = {}): string {
    return fill(this.c[key] ?? en[key], vars);
  }

  /** A count in words: "1 view", "2 Aufrufe", "5 комментариев". */
  n(key: PluralKey, n: number): string {
    const forms = this.c[key] ?? en[key];
    const form = (forms as Record<string, string | undefined>)[this.rules.select(n)] ?? forms.other;
    return fill(form, { n: this.num.format(n) });
  }

  /** "3 minutes ago", through Intl.RelativeTimeFormat. */
  ago(iso: string, now = Date.now()): string {
    const s = Math.round((new Date(iso).getTime() - now) / 1000);
    if (Math.abs(s) < 45) return this.t('justNow');
    const units: [Intl.RelativeTimeFormatUnit, number][] = [['minute', 60], ['hour', 3600], ['day', 86400], ['month', 2592000], ['year', 31536000]];
    let unit = units[0]!;
    for (const u of units) if (Math.abs(s) >= u[1]) unit = u;
    return new Intl.RelativeTimeFormat(this.lang, { numeric: 'auto' }).format(Math.round(s / unit[1]), unit[0]);
  }

  date(iso: string): string {
    return new Date(iso).toLocaleString(this.lang, { dateStyle: 'long', timeStyle: 'short' });
  }
}

export type { Catalogue };
