// The store interface, server state: secrets, the saved view memory, the health ping (see ../types.ts for the whole contract).
export interface MetaStore {
  getSecret(name: string): Promise<string | null>;
  /**
   * Stores `value` under `name` unless a secret of that name is stored already: the first one
   * stays, so instances starting at once on one database all read back the same secret.
   */
  setSecret(name: string, value: string): Promise<void>;
  loadViewSeen(now: number): Promise<{ hash: string; expiresAt: number }[]>;
  /** Replaces the saved de-duplication memory. */
  saveViewSeen(entries: readonly { hash: string; expiresAt: number }[]): Promise<void>;
  /** `PRAGMA integrity_check` result ("ok" when sound). */
  integrityCheck(): Promise<string>;
  /**
   * One trivial query: resolves while the database answers, fails (`unavailable`) while it
   * cannot. What `/healthz` asks, every few seconds per instance: it must stay cheap.
   */
  ping(): Promise<void>;
}
