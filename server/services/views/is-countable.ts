import { isbot } from 'isbot';
import { Memo } from '../../lib/memo';

/**
 * `isbot`'s answer per user agent, remembered: its one large pattern costs a few µs per call,
 * and a site's page loads come from a few hundred distinct browser builds. Only user agents
 * of a browser's length are kept, so a flood of made-up ones costs at most 2,000 × 512
 * characters (1 MB).
 */
const botByUserAgent = new Memo<boolean>(2_000, 512);

const SPECULATIVE = ['sec-purpose', 'purpose', 'x-purpose', 'x-moz'];

/**
 * Whether a request can be a reader's page load at all. Not counted: no user agent, a user
 * agent that `isbot` knows (crawlers, link previewers, monitors, headless browsers), and
 * speculative loads (prefetch or prerender announced through `Sec-Purpose`, `Purpose`,
 * `X-Purpose` or `X-Moz`).
 */
export function isCountable(userAgent: string, header: (name: string) => string | undefined): boolean {
  if (!userAgent.trim()) return false;
  if (botByUserAgent.get(userAgent, isbot)) return false;
  for (const name of SPECULATIVE) {
    const value = header(name)?.toLowerCase();
    if (value && (value.includes('prefetch') || value.includes('prerender') || value.includes('preview'))) return false;
  }
  return true;
}
