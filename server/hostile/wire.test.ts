import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process';

/**
 * Hostile bytes over a real socket, against the real server process: what `app.request` in
 * the other tests cannot show (the HTTP parser, Content-Length against the bytes that really
 * arrive, a client that vanishes mid-body). After all of it the server still serves.
 */
let server: ServerProcess;
let dir: string;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'footnote-wire-'));
  server = await startServer(join(dir, 'footnote.db'), { FOOTNOTE_POST_INTERVAL_SEC: '0', FOOTNOTE_MIN_FORM_MS: '0' });
  port = Number(new URL(server.url).port);
}, 30_000);

afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes `parts` to a fresh connection (pausing a tick between them) and resolves with the
 * status line of the answer, or '' if the server closed without one.
 */
function raw(parts: (string | Buffer)[], opts: { endAfter?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      socket.destroy();
      resolve(got.split('\r\n')[0] ?? '');
    };
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', async () => {
      for (const p of parts) {
        if (socket.destroyed) return;
        socket.write(p);
        await new Promise((r) => setImmediate(r));
      }
      if (opts.endAfter) socket.end();
    });
  });
}

const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
const POST = (extra: string[]) =>
  head(['POST /api/v1/threads/wire/comments HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'User-Agent: Mozilla/5.0 Chrome/131.0', 'Connection: close', ...extra]);

describe('hostile bytes on the wire', () => {
  it('garbage instead of HTTP gets 400 (or a closed connection), never a crash', async () => {
    for (const junk of ['\u0000\u00ff\u00fe GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'POST /api/v1/threads/x/comments HTTP/1.1\r\nContent-Length: -5\r\n\r\n']) {
      const status = await raw([Buffer.from(junk, 'latin1')]);
      expect(status === '' || /^HTTP\/1\.1 4\d\d/.test(status), JSON.stringify(junk)).toBe(true);
    }
  });

  it('an oversized Content-Length is refused with 413 before the body is sent', async () => {
    expect(await raw([POST(['Content-Length: 10000000'])])).toMatch(/^HTTP\/1\.1 413/);
  });

  it('a chunked body past 32 KiB is refused with 413 while it streams', async () => {
    const chunk = `1000\r\n${'x'.repeat(0x1000)}\r\n`;
    const parts = [POST(['Transfer-Encoding: chunked']), '1a\r\n{"author":"A","body":"xxxx\r\n', ...Array(40).fill(chunk), '0\r\n\r\n'];
    expect(await raw(parts)).toMatch(/^HTTP\/1\.1 413/);
  });

  it('a Content-Length smaller than the body: only the declared bytes are read, the rest is not a second request', async () => {
    const body = JSON.stringify({ author: 'Ann', body: 'x'.repeat(60_000) });
    const status = await raw([POST(['Content-Length: 20']), body]);
    expect(status).toMatch(/^HTTP\/1\.1 400/);
  });

  it('a client that vanishes halfway through its body leaves nothing half-written', async () => {
    const body = JSON.stringify({ author: 'Ann', body: 'Never finished sending this one.' });
    const status = await raw([POST([`Content-Length: ${body.length}`]), body.slice(0, 20)], { endAfter: true });
    expect(status === '' || /^HTTP\/1\.1 4\d\d/.test(status)).toBe(true);
  });

  it('a view whose reader vanishes halfway through its body is not counted; a whole one is', async () => {
    // Two browsers on one address: two readers, so a counted half-view would show as 2.
    const browser = (v: number) => `User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
    const VIEW = (v: number, length: number) =>
      head(['POST /api/v1/threads/wire-views/views HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', browser(v), 'Connection: close', `Content-Length: ${length}`]);
    const body = JSON.stringify({ title: 'Wire', url: 'https://news.example.com/wire' });
    const cut = await raw([VIEW(130, body.length), body.slice(0, 10)], { endAfter: true });
    expect(cut === '' || /^HTTP\/1\.1 4\d\d/.test(cut)).toBe(true);
    expect(await raw([VIEW(131, body.length), body.slice(0, 10), body.slice(10)])).toMatch(/^HTTP\/1\.1 200/);
    const counts = (await (await fetch(`${server.url}/api/v1/threads/wire-views`)).json()) as { views: number };
    expect(counts.views).toBe(1);
  });

  it('headers past the parser limit get 431; a slow header trickle does not block others', async () => {
    expect(await raw([head(['GET /healthz HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(20_000)}`, 'Connection: close'])])).toMatch(/^HTTP\/1\.1 431/);
    const trickle = connect(port, '127.0.0.1');
    trickle.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      trickle.destroy();
    }
  });

  it('after all of it the server still posts, serves and has a sound database', async () => {
    const res = await fetch(`${server.url}/api/v1/threads/wire/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 Chrome/131.0' },
      body: JSON.stringify({ author: 'Ann', body: 'Still standing after the wire tests.' }),
    });
    expect(res.status).toBe(201);
    const list = (await (await fetch(`${server.url}/api/v1/threads/wire/comments`)).json()) as { comments: { body: string }[] };
    expect(list.comments.map((c) => c.body)).toEqual(['Still standing after the wire tests.']);
    expect(server.child.exitCode).toBeNull();
    const sqlite = new Database(join(dir, 'footnote.db'), { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
  });
});
