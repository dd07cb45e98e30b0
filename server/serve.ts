import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Config } from './config/env';

/**
 * The app on a Node HTTP server through @hono/node-server, with the deadlines and caps that
 * keep one client from holding the server's sockets (docs/security.md): complete headers
 * within `headersTimeoutMs` (a socket that sends nothing is cut then too), the whole request
 * within `requestTimeoutMs`, idle keep-alive sockets closed after `keepAliveTimeoutMs`, and
 * at most `maxConnections` sockets (more are closed on accept). Not yet listening.
 */
export function createNodeServer(app: Pick<Hono, 'fetch'>, config: Pick<Config, 'host' | 'connections'>): Server {
  const c = config.connections;
  const server = createAdaptorServer({
    fetch: app.fetch,
    hostname: config.host,
    serverOptions: {
      headersTimeout: c.headersTimeoutMs,
      requestTimeout: c.requestTimeoutMs,
      keepAliveTimeout: c.keepAliveTimeoutMs,
      // How often Node checks the two deadlines above: often enough to keep them in seconds.
      connectionsCheckingInterval: Math.min(1_000, Math.max(100, Math.floor(c.headersTimeoutMs / 4))),
    },
  }) as Server;
  server.maxConnections = c.maxConnections;
  return server;
}

/** Listens on `port` (0: any free one) and `host`; resolves with the address. */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
