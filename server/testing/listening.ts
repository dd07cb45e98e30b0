import type { Server } from 'node:http';
import { createApp } from '../app';
import { loadConfig } from '../config/env';
import { createNodeServer, listen } from '../serve';
import { createServices, type ServiceOptions } from '../services';
import { ReaderIdentity } from '../services/readers/identity';
import { testStore } from './engine';
import { ADMIN } from './harness';

export interface Listening {
  url: string;
  server: Server;
  ctx: Awaited<ReturnType<typeof createServices>>;
  close(): Promise<void>;
}

/**
 * The app on a real socket (port 0, 127.0.0.1), served the way `main.ts` serves it, on a fresh
 * in-memory database: for what `app.request` cannot show (the event stream, connection limits).
 * Readers are told apart by X-Forwarded-For, as in `testApp`.
 */
export async function listening(env: Record<string, string> = {}, options: ServiceOptions = {}): Promise<Listening> {
  const config = loadConfig({
    FOOTNOTE_DB: ':memory:',
    FOOTNOTE_ADMIN_TOKEN: ADMIN,
    FOOTNOTE_TRUST_PROXY: '1',
    FOOTNOTE_MIN_FORM_MS: '0',
    HOST: '127.0.0.1',
    PORT: '0',
    ...env,
  });
  const store = await testStore(config);
  const ctx = await createServices(store, config, { identity: ReaderIdentity.fixed(), ...options });
  const server = createNodeServer(createApp({ ctx }), config);
  const { port } = await listen(server, config.port, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    ctx,
    async close() {
      await ctx.outbox.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
