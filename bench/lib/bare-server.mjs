// Information, not a yardstick: a bare node:http server answering every request with the
// fixed ~2 KB JSON (a POST's body is drained, not read). No HTTP framework can be faster on
// this machine, so the table shows how far the Hono yardstick itself is from the socket.
// Run as a child process by the benches; prints "bare: serving http://host:port" once
// listening (PORT=0 picks a free port).
import { createServer } from 'node:http';
import process from 'node:process';
import { FIXED_JSON, JSON_TYPE } from './fixed-answer.mjs';

const body = Buffer.from(FIXED_JSON);

const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`bare: serving http://${address}:${port} (${body.length} bytes per answer)`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
