import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process';

/**
 * DNS rebinding against the real server: a page on rebind.evil.example whose name now resolves
 * to the server sends requests whose `Host` and `Origin` both say rebind.evil.example. The
 * server's own origin comes from its configuration, so such a write is refused; with
 * FOOTNOTE_PUBLIC_URL set, every request for another host is.
 */
const started: { server: ServerProcess; dir: string }[] = [];

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'footnote-host-'));
  const server = await startServer(join(dir, 'footnote.db'), { FOOTNOTE_MIN_FORM_MS: '0', ...env });
  started.push({ server, dir });
  return server;
}

afterAll(async () => {
  for (const { server, dir } of started) {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A request with a Host of our choosing (fetch would not send one). */
function send(server: ServerProcess, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'user-agent': 'Mozilla/5.0 Chrome/131.0', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const rebound = (port: string) => ({ host: `rebind.evil.example:${port}`, origin: `http://rebind.evil.example:${port}`, 'content-type': 'application/json' });

describe('a forged Host', () => {
  it('with FOOTNOTE_ORIGINS set, cannot pass for the server itself: the rebound write is refused', async () => {
    const server = await start({ FOOTNOTE_ORIGINS: 'https://news.example' });
    const { port } = new URL(server.url);
    const write = await send(server, 'POST', '/api/v1/threads/rebind/comments', rebound(port), JSON.stringify({ author: 'Eve', body: 'Rebound.' }));
    expect(write.status).toBe(403);
    expect(write.text).toContain('"forbidden"');
    const list = await (await fetch(`${server.url}/api/v1/threads/rebind/comments`)).json();
    expect(list).toMatchObject({ comments: [], total: 0 });
  });

  it('with FOOTNOTE_PUBLIC_URL set, gets 421 for reads and writes alike; the public host is served', async () => {
    const server = await start({ FOOTNOTE_PUBLIC_URL: 'https://comments.news.example' });
    const { port } = new URL(server.url);
    const read = await send(server, 'GET', '/api/v1/threads/rebind', rebound(port));
    expect(read.status).toBe(421);
    expect(read.text).toContain('"misdirected_request"');
    const write = await send(server, 'POST', '/api/v1/threads/rebind/views', rebound(port), '{}');
    expect(write.status).toBe(421);
    const own = await send(server, 'GET', '/api/v1/threads/rebind', { host: 'comments.news.example' });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.text)).toMatchObject({ views: 0 });
  });
});
