import type { z } from 'zod';
import { normalEmail } from '../readers/email';

/**
 * Small cleaners shared by the parsers, so every format normalizes names, addresses, links
 * and dates the same way.
 */

/** The contract's author limit, counted in code points. */
export const AUTHOR_MAX = 80;
const TITLE_MAX = 300;

// C0/C1 controls and bidi overrides: invisible, and bidi overrides can spoof a name's reading order.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of visible text: controls removed, white space collapsed, trimmed. */
export function oneLine(raw: string | null | undefined): string {
  return (raw ?? '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('').trimEnd();
}

/** An author name as plain text, at most 80 code points, "Anonymous" when nothing is left. */
export function cleanAuthor(raw: string | null | undefined): string {
  return clip(oneLine(raw), AUTHOR_MAX) || 'Anonymous';
}

/** A thread title, or null when empty. */
export function cleanTitle(raw: string | null | undefined): string | null {
  return clip(oneLine(raw), TITLE_MAX) || null;
}

/**
 * An e-mail address when it looks like one, in its stored form (`normalEmail`), else null
 * (exports carry junk such as "none").
 */
export function cleanEmail(raw: string | null | undefined): string | null {
  const email = normalEmail(raw ?? '');
  return email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

/** An absolute http(s) URL, normalized, or null. */
export function httpUrl(raw: string | null | undefined): string | null {
  try {
    const url = new URL((raw ?? '').trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The path and query of a link, used as a thread key: `http://example.tld/?p=4` → `/?p=4`.
 * The host is dropped on purpose, so a site that moved domains keeps its thread keys.
 */
export function linkPath(raw: string | null | undefined): string | null {
  const link = (raw ?? '').trim();
  if (!link) return null;
  try {
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.pathname + url.search;
  } catch {
    // Some exports hold a bare path instead of a URL.
    return link.startsWith('/') ? link.split('#')[0] || null : null;
  }
}

const NAIVE_DATE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Milliseconds since the epoch, or null. Dates without a zone ("2014-01-14 17:32:12", as
 * WordPress and Isso write them) are read as UTC. Numbers below 1e11 are taken as seconds
 * (Isso stores float seconds), larger ones as milliseconds.
 */
export function parseDate(raw: string | number | null | undefined): number | null {
  if (typeof raw === 'number') {
    const ms = Math.abs(raw) < 1e11 ? raw * 1000 : raw;
    return Number.isFinite(ms) ? Math.round(ms) : null;
  }
  const text = (raw ?? '').trim();
  if (!text || text.startsWith('0000')) return null;
  const ms = Date.parse(NAIVE_DATE.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isFinite(ms) ? ms : null;
}

/** A readable reason from a zod error, e.g. "createdAt: Invalid input". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid value';
}
