// One SSE load worker (forked by bench/sse.mjs): opens `count` live connections to one thread
// and reports, over IPC, when they are all open, and when each received the `comment` event
// (wall-clock ms, comparable across processes on one machine).
import { request } from 'node:http';
import process from 'node:process';

const OPEN_AT_ONCE = 200;
let received = [];
const sockets = [];

process.on('message', async (msg) => {
  if (msg.type === 'open') {
    const result = await openAll(msg);
    process.send({ type: 'opened', ...result });
  } else if (msg.type === 'report') {
    process.send({ type: 'received', times: received });
    received = [];
  } else if (msg.type === 'close') {
    for (const s of sockets) s.destroy();
    process.exit(0);
  }
});

const now = () => performance.timeOrigin + performance.now();

/**
 * Opens connections a batch at a time (the server's accept backlog is finite). Each is a
 * reader of its own (the server trusts X-Forwarded-For in the benches): 10.W.x.y for worker
 * W, so no address range (/24) holds more than 256 of them, under the server's cap of live
 * streams per range.
 */
async function openAll({ url, path, count, worker: w = 0 }) {
  const statuses = {};
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const status = await openOne(url, path, `10.${w & 255}.${(n >> 8) & 255}.${n & 255}`);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPEN_AT_ONCE, count) }, worker));
  return { statuses };
}

/** Resolves with the status once the stream's first event (`counts`) arrived, or on failure. */
function openOne(url, path, address) {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { agent: false, headers: { accept: 'text/event-stream', 'x-forwarded-for': address } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(res.statusCode);
        return;
      }
      sockets.push(res.socket);
      let opened = false;
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (!opened) {
          opened = true;
          resolve(200);
        }
        // An event name can be split across chunks: keep the end of the last one.
        const text = tail + chunk;
        if (text.includes('event: comment')) received.push(now());
        tail = text.slice(-20);
      });
    });
    req.on('error', (err) => resolve(err.code ?? 'error'));
    req.end();
  });
}
