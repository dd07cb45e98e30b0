import type { ErrorBody, ErrorCode } from '../contract';

/**
 * What went wrong: the server's error code, `network` when the server could not be reached,
 * or `http` when an error answer carried no code (a proxy's page).
 */
export type FailureCode = ErrorCode | 'network' | 'http';

/** A failed call: the server's code and sentence (empty when it sent none), and the status (0: no answer). */
export class ApiError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface CallOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `Authorization: Bearer …` (an edit token, the admin token, later a sign-in token). */
  token?: string | null | undefined;
  cache?: RequestCache;
}

/**
 * The one fetch wrapper of both browser bundles (embed.js and admin.js): JSON in and out,
 * the bearer token, and every failure turned into an ApiError, so each page only decides
 * what to say about it.
 */
export async function call<T>(method: string, url: string, { body, token, cache }: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, cache, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('network', '', 0);
  }
  if (res.status === 204 || res.status === 202) return undefined as T;
  const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  if (!res.ok) throw new ApiError(data?.error?.code ?? 'http', data?.error?.message ?? '', res.status);
  return data as T;
}
