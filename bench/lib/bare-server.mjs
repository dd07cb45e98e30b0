// The ceiling: a bare node:http server answering every request with one fixed JSON text of
// about 2 KB (the size of a small comment page). Nothing Footnote does can be faster than this
// on the same machine, so every scenario is reported as a ratio to it. Run as a child process
// by the benches; prints "bare: serving http://host:port" once listening (PORT=0 picks a free port).
import { createServer } from 'node:http';
import process from 'node:process';

const comment = (i) => ({
  id: i,
  parentId: null,
  author: `Reader ${i}`,
  body: 'A fixed comment body, long enough to look like the real thing on the wire.',
  html: '<p>A fixed comment body, long enough to look like the real thing on the wire.</p>',
  createdAt: '2025-01-01T00:00:00.000Z',
  reactions: i,
  replies: [],
});
const body = Buffer.from(JSON.stringify({ comments: Array.from({ length: 7 }, (_, i) => comment(i + 1)), total: 7, next: null }));

const server = createServer((req, res) => {
  // Drain any request body so POSTs are answered like GETs.
  req.resume();
  res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': body.length });
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
