import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditActor } from '../../../contract';

/**
 * Who is acting on the desk in this request. The admin API's gate knows (the shared token, or
 * a moderator's sign-in) and runs the rest of the request inside `actingAs`; `recordAudit`
 * reads it. Held per request like a transaction rather than passed through every desk
 * service, so no service (nor one added later) can write an audit entry that forgets who
 * acted. Outside an admin request (reader reports holding a comment, the command line) the
 * actor is the server itself: `system`.
 */
const current = new AsyncLocalStorage<AuditActor>();

export const actingAs = <T>(actor: AuditActor, fn: () => T): T => current.run(actor, fn);

export const currentActor = (): AuditActor => current.getStore() ?? 'system';

/** As stored: JSON for a person, the word for the others. */
export const actorText = (a: AuditActor): string => (typeof a === 'string' ? a : JSON.stringify({ id: a.id, name: a.name }));

/**
 * As served. Entries older than sign-in carry none: the admin token was then the only way to
 * act, except for the holds made by reader reports.
 */
export function actorOf(stored: string | null, action: string): AuditActor {
  if (stored === null) return action === 'auto-hold' ? 'system' : 'admin-token';
  if (stored === 'admin-token' || stored === 'system') return stored;
  try {
    const a = JSON.parse(stored) as { id?: unknown; name?: unknown };
    if (typeof a.id === 'string' && typeof a.name === 'string') return { id: a.id, name: a.name };
  } catch {
    // not JSON: shown as the system's below
  }
  return 'system';
}
