// The yardstick: a bare Hono app on @hono/node-server, mounted the way Footnote mounts its own
// (node:http's createServer with the adapter's request listener). A GET answers the fixed
// ~2 KB JSON; a POST reads its small JSON body through Hono and answers a small JSON. Footnote
// is a Hono app, so this is the limit it can approach. Run as a child process by the benches;
// prints "bare-hono: serving http://host:port" once listening (PORT=0 picks a free port).
import { createServer } from 'node:http';
import process from 'node:process';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { FIXED_JSON, JSON_TYPE } from './fixed-answer.mjs';

const app = new Hono();
app.get('*', (c) => c.body(FIXED_JSON, 200, { 'Content-Type': JSON_TYPE }));
app.post('*', async (c) => {
  const body = await c.req.json();
  return c.json({ ok: true, fields: Object.keys(body).length });
});

const host = process.env.HOST ?? '127.0.0.1';
const server = createServer(getRequestListener(app.fetch, { hostname: host }));
server.listen(Number(process.env.PORT ?? 0), host, () => {
  const { address, port } = server.address();
  console.log(`bare-hono: serving http://${address}:${port} (${Buffer.byteLength(FIXED_JSON)} bytes per GET answer)`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
