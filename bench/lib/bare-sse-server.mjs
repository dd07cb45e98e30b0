// The ceiling for live connections: a bare node:http server-sent-events hub. GET holds the
// connection open (and sends a first `counts` event, as Footnote does); any POST broadcasts
// one `comment` event, serialized once, to every open connection and answers 201. Run as a
// child process by bench/sse.mjs; prints "bare: serving http://host:port".
import { createServer } from 'node:http';
import process from 'node:process';

const open = new Set();
const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write('event: counts\ndata: {"views":1,"comments":0}\nretry: 5000\n\n');
    open.add(res);
    req.on('close', () => open.delete(res));
    return;
  }
  req.resume();
  req.on('end', () => {
    const frame = `event: comment\ndata: ${JSON.stringify({ id: 1, author: 'Desk', body: 'Live: the bridge reopens at six.' })}\n\n`;
    for (const r of open) r.write(frame);
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end('{"comment":{"id":1}}');
  });
});
// One shared heartbeat for every stream, instead of a timer each.
setInterval(() => {
  for (const r of open) r.write(': keep-alive\n\n');
}, 25_000).unref();
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`bare: serving http://${address}:${port} (server-sent events)`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
