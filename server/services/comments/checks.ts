import type { ReaderInfo } from '../readers/identity';

/** What a check decides about a new comment. The strictest verdict of all checks wins. */
export type Verdict =
  | { action: 'allow' }
  /** Held for a moderator (status `pending`). */
  | { action: 'hold'; reason: string }
  /** Held as `spam` for the desk: never silently dropped, never shown to the public. */
  | { action: 'spam'; reason: string }
  /** Refused with a 400 the reader can act on. */
  | { action: 'reject'; code: 'banned_word'; message: string };

export interface CheckInput {
  threadKey: string;
  author: string;
  body: string;
  email: string | null;
  reader: ReaderInfo;
  readerId: string;
  /** Honeypot field: people leave it empty, form-filling bots do not. */
  honeypot: string | null;
  /** Milliseconds between the form being shown and sent, as the widget reports it. */
  elapsedMs: number | null;
}

/**
 * A content check. Word lists, the spam heuristics and any external checker (an
 * Akismet-like service) plug in here: add one to `ServiceContext.checks`.
 */
export interface ContentCheck {
  name: string;
  check(input: CheckInput): Verdict | Promise<Verdict>;
}

const RANK = { allow: 0, hold: 1, spam: 2, reject: 3 } as const;

/** Runs every check; a reject stops at once, otherwise the strictest verdict wins. */
export async function runChecks(checks: readonly ContentCheck[], input: CheckInput): Promise<Verdict> {
  let worst: Verdict = { action: 'allow' };
  for (const c of checks) {
    const v = await c.check(input);
    if (v.action === 'reject') return v;
    if (RANK[v.action] > RANK[worst.action]) worst = v;
  }
  return worst;
}
