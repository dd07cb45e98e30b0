import { createHash } from 'node:crypto';
import type { ContentCheck } from '../comments/checks';

/** A filled honeypot field: people never see it, form-filling bots fill every field. */
export const honeypotCheck: ContentCheck = {
  name: 'honeypot',
  check: (i) => (i.honeypot && i.honeypot.trim() ? { action: 'spam', reason: 'honeypot field filled' } : { action: 'allow' }),
};

/** Posted faster than a person can type: bots post the moment the form exists. */
export function minTimeCheck(minMs: number): ContentCheck {
  return {
    name: 'min-time',
    check: (i) =>
      i.elapsedMs !== null && i.elapsedMs < minMs
        ? { action: 'spam', reason: `posted ${Math.max(0, Math.round(i.elapsedMs))} ms after the form was shown` }
        : { action: 'allow' },
  };
}

/**
 * Where the duplicate-text check remembers bodies: `swap` records that the text hashed to
 * `key` was posted at `at` and answers when it was posted before (ms), if it still remembers.
 * In this process (`localTexts`) on one instance, shared by all of them on PostgreSQL.
 */
export interface TextMemory {
  swap(key: string, at: number, windowMs: number): number | undefined | Promise<number | undefined>;
}

/** The text memory of one process: bounded, oldest first, forgetting past the window. */
export function localTexts(maxEntries = 50_000): TextMemory {
  const seen = new Map<string, number>();
  return {
    swap(key, at, windowMs) {
      for (const [k, t] of seen) {
        if (t > at - windowMs && seen.size <= maxEntries) break;
        seen.delete(k);
      }
      const before = seen.get(key);
      seen.delete(key);
      seen.set(key, at);
      return before;
    },
  };
}

/**
 * The same text posted again within an hour, by anyone, is held as spam (copy-paste runs).
 * Remembers body hashes only, bounded; short bodies ("Thanks!", "+1") are exempt.
 */
export function duplicateTextCheck(now: () => number, texts: TextMemory = localTexts(), windowMs = 3_600_000): ContentCheck {
  return {
    name: 'duplicate-text',
    async check(i) {
      const normal = i.body.trim().toLowerCase().replace(/\s+/g, ' ');
      if (normal.length < 20) return { action: 'allow' };
      const key = createHash('sha256').update(normal).digest('base64url');
      const t = now();
      const before = await texts.swap(key, t, windowMs);
      return before !== undefined && before > t - windowMs
        ? { action: 'spam', reason: 'the same text was posted within the last hour' }
        : { action: 'allow' };
    },
  };
}
