import { StoreError } from '../types';

/** SQLSTATE classes and codes that mean "the database cannot serve this now", not "this request is wrong". */
const UNAVAILABLE_STATES = /^(08|53|57P0[1-3]|57014|40001|40P01)/;
/** What node-postgres and Node say when the server is gone or unreachable. */
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Cannot use a pool after calling end/i;

/**
 * Turns a driver error into the store's own: `unavailable` when PostgreSQL is down,
 * unreachable, restarting or too slow (the HTTP layer answers 503), `text_unstorable` for
 * text PostgreSQL cannot hold (U+0000: validation refuses it first; this is the safety net).
 * Anything else passes through unchanged.
 */
export function storeErrorOf(err: unknown): unknown {
  if (err instanceof StoreError) return err;
  // drizzle wraps the driver's error (`DrizzleQueryError`, the driver's as its cause).
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return new StoreError('text_unstorable', e.message);
    if ((typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_NODE.has(code))) || UNAVAILABLE_MESSAGE.test(e.message)) {
      return new StoreError('unavailable', `PostgreSQL is unavailable: ${e.message}`);
    }
  }
  return err;
}

/**
 * Runs `attempt` again (up to `tries` times in all) when PostgreSQL broke a deadlock or a
 * serialization conflict by rolling it back: the whole statement or transaction was undone, so
 * running it again is safe, and the other side has gone on. Writes take their locks in one
 * order (docs/scale.md), so this is a safety net, not a way of working.
 */
export async function retryingConflicts<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= tries || !isConflict(err)) throw err;
    }
  }
}

function isConflict(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
  }
  return false;
}

/** The same object, every method's failure passed through `storeErrorOf`. */
export function guarded<T extends object>(part: T): T {
  const out = {} as Record<string, unknown>;
  for (const [name, value] of Object.entries(part)) {
    out[name] =
      typeof value === 'function'
        ? (...args: unknown[]) =>
            (value as (...a: unknown[]) => Promise<unknown>).apply(part, args).catch((err: unknown) => {
              throw storeErrorOf(err);
            })
        : value;
  }
  return out as T;
}
