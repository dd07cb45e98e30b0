import type { Config } from '../config/env';
import { UsageError } from './args';

/** The server refused a call; `body` is its answer (a stopped import's carries the counts). */
export class RemoteError extends UsageError {
  override name = 'RemoteError';
  constructor(
    message: string,
    readonly body: Record<string, unknown> | null,
  ) {
    super(message);
  }
}

/** A call to a running server's admin API (`--url`), with FOOTNOTE_ADMIN_TOKEN. */
export async function adminCall(config: Config, base: string, path: string, init: RequestInit): Promise<unknown> {
  if (!config.adminToken) throw new UsageError('Set FOOTNOTE_ADMIN_TOKEN to the server\'s admin token to use --url.');
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new UsageError(`--url ${base} is not an address like http://127.0.0.1:8787.`);
  }
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${config.adminToken}` } });
  } catch (err) {
    throw new UsageError(`Cannot reach ${url.origin}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`);
  }
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new RemoteError(`The server answered ${res.status}: ${data?.error?.message ?? res.statusText}`, data);
  return data;
}
