import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { expect } from 'vitest';
import { createApp } from '../../app';
import { loadConfig } from '../../config/env';
import { createServices } from '../../services';
import type { ServiceContext } from '../../services/context';
import { ReaderIdentity } from '../../services/readers/identity';
import { BROWSER_UA } from '../../services/views/testing';
import { createSqliteStore } from '../../store/sqlite';
import { withFastPaths } from '.';

/**
 * For the fast paths' tests: they must answer exactly as the Hono routes do. `start` runs a
 * real server on a fresh database with a fixed clock and secret, with the fast paths in front
 * of Hono or Hono alone; `send` sends one request as a client would and keeps what matters.
 */
export interface Running {
  port: number;
  ctx: ServiceContext;
  /** Requests Hono has answered so far (the rest were taken by a fast path). */
  honoCalls: () => number;
  close: () => Promise<void>;
}

export async function start(env: Record<string, string>, fast: boolean): Promise<Running> {
  const config = loadConfig({ FOOTNOTE_DB: ':memory:', FOOTNOTE_TRUST_PROXY: '1', ...env });
  const clock = Date.UTC(2026, 10, 28, 12, 0, 0);
  const ctx = await createServices(createSqliteStore(config.dbPath), config, { now: () => clock, identity: ReaderIdentity.fixed() });
  const hono = getRequestListener(createApp({ ctx }).fetch);
  let calls = 0;
  const counted = (req: IncomingMessage, res: ServerResponse) => {
    calls++;
    return hono(req, res);
  };
  const server: Server = createServer(fast ? withFastPaths(ctx, counted) : counted);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    ctx,
    honoCalls: () => calls,
    close: async () => {
      await ctx.views.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string | undefined>;
}

/** The answer headers compared between the two paths (Date and the like aside). */
export const COMPARED = [
  'content-type',
  'content-length',
  'cache-control',
  'etag',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'vary',
  'x-content-type-options',
  'referrer-policy',
  'retry-after',
];

export interface Outgoing {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
  /** Send the headers, then the body in two parts, each a few ms later (separate packets). */
  split?: boolean;
}

export function send(port: number, out: Outgoing): Promise<Answer> {
  const headers: Record<string, string | string[]> = { 'user-agent': BROWSER_UA, ...out.headers };
  if (out.body && !out.chunked) headers['content-length'] = String(out.body.length);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: out.method, path: out.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const picked: Record<string, string | undefined> = {};
        for (const name of COMPARED) picked[name] = res.headers[name] as string | undefined;
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null, headers: picked });
      });
    });
    req.on('error', reject);
    if (out.body && out.split) {
      const body = out.body;
      req.flushHeaders();
      setTimeout(() => req.write(body.subarray(0, 5)), 15);
      setTimeout(() => req.end(body.subarray(5)), 30);
      return;
    }
    if (out.body && out.chunked) {
      req.write(out.body.subarray(0, 3));
      req.write(out.body.subarray(3));
    }
    req.end(out.body && !out.chunked ? out.body : undefined);
  });
}

/** One case's answers from both servers, and which path of the fast server answered it. */
export interface Compared {
  fast: Answer;
  hono: Answer;
  via: 'fast' | 'hono';
}

/**
 * Sends every case to both servers in order, one at a time (later cases may depend on what
 * earlier ones did), noting which path of the fast server answered each.
 */
export async function sendToBoth<C>(fast: Running, hono: Running, cases: readonly C[], ask: (server: Running, c: C, index: number) => Promise<Answer>): Promise<Compared[]> {
  const compared: Compared[] = [];
  for (const [i, c] of cases.entries()) {
    const before = fast.honoCalls();
    const a = await ask(fast, c, i);
    const b = await ask(hono, c, i);
    compared.push({ fast: a, hono: b, via: fast.honoCalls() === before ? 'fast' : 'hono' });
  }
  return compared;
}

/** What every case must show: the same answer from both paths, the status and path expected. */
export function expectSame(compared: Compared, expected: { status: number; via: 'fast' | 'hono' }): void {
  expect(compared.fast).toEqual(compared.hono);
  expect(compared.fast.status).toBe(expected.status);
  expect(compared.via).toBe(expected.via);
}
