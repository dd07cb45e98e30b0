import { isbot } from 'isbot';

/**
 * `isbot`'s answer per user agent, remembered: its one large pattern costs a few µs per call,
 * and a site's page loads come from a few hundred distinct browser builds. Bounded: when full
 * it starts over, and only user agents of a browser's length are kept, so a flood of made-up
 * ones costs at most `UA_CACHE_SIZE` × `UA_CACHED_LENGTH` characters (1 MB).
 */
const UA_CACHE_SIZE = 2_000;
const UA_CACHED_LENGTH = 512;
const botByUserAgent = new Map<string, boolean>();

function isBotAgent(userAgent: string): boolean {
  let bot = botByUserAgent.get(userAgent);
  if (bot === undefined) {
    bot = isbot(userAgent);
    if (userAgent.length <= UA_CACHED_LENGTH) {
      if (botByUserAgent.size >= UA_CACHE_SIZE) botByUserAgent.clear();
      botByUserAgent.set(userAgent, bot);
    }
  }
  return bot;
}

const SPECULATIVE = ['sec-purpose', 'purpose', 'x-purpose', 'x-moz'];

/**
 * Whether a request can be a reader's page load at all. Not counted: no user agent, a user
 * agent that `isbot` knows (crawlers, link previewers, monitors, headless browsers), and
 * speculative loads (prefetch or prerender announced through `Sec-Purpose`, `Purpose`,
 * `X-Purpose` or `X-Moz`).
 */
export function isCountable(userAgent: string, header: (name: string) => string | undefined): boolean {
  if (!userAgent.trim()) return false;
  if (isBotAgent(userAgent)) return false;
  for (const name of SPECULATIVE) {
    const value = header(name)?.toLowerCase();
    if (value && (value.includes('prefetch') || value.includes('prerender') || value.includes('preview'))) return false;
  }
  return true;
}
