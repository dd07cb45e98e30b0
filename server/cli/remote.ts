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

/**
 * A call whose answer is JSON lines (`application/x-ndjson`), read as they arrive: each line
 * but the last goes to `onLine`; the last is returned. A refusal before the stream starts
 * (401, 415…) is a {@link RemoteError} as with {@link adminCall}.
 */
export async function adminLines(config: Config, base: string, path: string, init: RequestInit, onLine: (line: Record<string, unknown>) => void): Promise<Record<string, unknown> | null> {
  if (!config.adminToken) throw new UsageError('Set FOOTNOTE_ADMIN_TOKEN to the server\'s admin token to use --url.');
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new UsageError(`--url ${base} is not an address like http://127.0.0.1:8787.`);
  }
  const headers = { ...(init.headers as Record<string, string>), authorization: `Bearer ${config.adminToken}`, accept: 'application/x-ndjson' };
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers });
  } catch (err) {
    throw new UsageError(`Cannot reach ${url.origin}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`);
  }
  if (!res.ok || !res.body || !/ndjson/.test(res.headers.get('content-type') ?? '')) {
    const data = (await res.json().catch(() => null)) as ({ error?: { message?: string } } & Record<string, unknown>) | null;
    if (!res.ok) throw new RemoteError(`The server answered ${res.status}: ${data?.error?.message ?? res.statusText}`, data);
    return data;
  }
  let last: Record<string, unknown> | null = null;
  let text = '';
  const decoder = new TextDecoder();
  const take = (raw: string) => {
    if (!raw.trim()) return;
    if (last) onLine(last);
    last = JSON.parse(raw) as Record<string, unknown>;
  };
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n')) {
      take(text.slice(0, end));
      text = text.slice(end + 1);
    }
  }
  take(text + decoder.decode());
  return last;
}
