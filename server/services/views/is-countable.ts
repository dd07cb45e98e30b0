import { isbot } from 'isbot';

/**
 * Whether a request can be a reader's page load at all. Not counted: no user agent, a user
 * agent that `isbot` knows (crawlers, link previewers, monitors, headless browsers), and
 * speculative loads (prefetch or prerender announced through `Sec-Purpose`, `Purpose`,
 * `X-Purpose` or `X-Moz`).
 */
export function isCountable(userAgent: string, header: (name: string) => string | undefined): boolean {
  if (!userAgent.trim()) return false;
  if (isbot(userAgent)) return false;
  for (const name of ['sec-purpose', 'purpose', 'x-purpose', 'x-moz']) {
    const value = header(name)?.toLowerCase();
    if (value && (value.includes('prefetch') || value.includes('prerender') || value.includes('preview'))) return false;
  }
  return true;
}
