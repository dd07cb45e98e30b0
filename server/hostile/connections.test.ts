import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process';

/**
 * One client must not hold the server's sockets: live streams capped per address range (and in
 * all), a deadline for complete headers that also cuts sockets that send nothing, idle
 * keep-alive sockets closed, and a cap on open sockets. Against the real server process with
 * the limits lowered by environment, so a few hundred connections show what 20,000 would.
 */
const LIMITS = {
  FOOTNOTE_TRUST_PROXY: '1',
  FOOTNOTE_STREAMS_PER_RANGE: '20',
  FOOTNOTE_MAX_STREAMS: '150',
  FOOTNOTE_HEADERS_TIMEOUT_MS: '1000',
  FOOTNOTE_REQUEST_TIMEOUT_MS: '2000',
  FOOTNOTE_KEEP_ALIVE_TIMEOUT_MS: '500',
  FOOTNOTE_MAX_CONNECTIONS: '250',
};

let server: ServerProcess;
let dir: string;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'footnote-connections-'));
  server = await startServer(join(dir, 'footnote.db'), LIMITS);
  port = Number(new URL(server.url).port);
}, 30_000);

afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
});

/** An open connection, what it received, and a promise of its close. */
interface Held {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

function hold(first?: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (text += d));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', () => {});
    socket.once('connect', () => {
      if (first !== undefined) socket.write(first);
      resolve({ socket, received: () => text, closed });
    });
    socket.once('error', reject);
  });
}

/** The status line once it has arrived. */
async function statusOf(held: Held): Promise<string> {
  while (!held.received().includes('\r\n') && !held.socket.destroyed) await new Promise((r) => setTimeout(r, 10));
  return held.received().split('\r\n')[0] ?? '';
}

/** Closes `held` and waits until the server has seen it (a round trip after the closes). */
async function release(held: Held[]): Promise<void> {
  for (const h of held) h.socket.destroy();
  await Promise.all(held.map((h) => h.closed));
  await fetch(`${server.url}/healthz`);
}

const streamRequest = (address: string, n: number) =>
  `GET /api/v1/threads/flooded/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Forwarded-For: ${address}\r\nUser-Agent: Mozilla/5.0 Flood-${n}\r\n\r\n`;

describe('live streams', () => {
  it('from one address range stop at its cap (503), while another range still connects', async () => {
    // 60 streams from one /24 under 60 made-up user agents and 60 addresses of the range.
    const flood = await Promise.all(Array.from({ length: 60 }, (_, i) => hold(streamRequest(`198.51.100.${i + 1}`, i))));
    const statuses = await Promise.all(flood.map(statusOf));
    expect(statuses.filter((s) => s.startsWith('HTTP/1.1 200')).length).toBe(20);
    expect(statuses.filter((s) => s.startsWith('HTTP/1.1 503')).length).toBe(40);
    // The same for an IPv6 /48: addresses written differently are one range.
    const v6 = await Promise.all(
      ['2001:db8:0:1::1', '2001:db8::1:2', '2001:db8:0:ffff::3'].flatMap((a, i) => Array.from({ length: 10 }, (_, j) => hold(streamRequest(a, 100 + i * 10 + j)))),
    );
    const v6Statuses = await Promise.all(v6.map(statusOf));
    expect(v6Statuses.filter((s) => s.startsWith('HTTP/1.1 200')).length).toBe(20);
    // A reader elsewhere is not locked out.
    const other = await hold(streamRequest('203.0.113.9', 999));
    expect(await statusOf(other)).toMatch(/^HTTP\/1\.1 200/);
    await release([...flood, ...v6, other]);
  });

  it('past the server-wide cap answer 503 too', async () => {
    // 150 in all: 20 from each of 8 ranges would be 160.
    const held = await Promise.all(Array.from({ length: 160 }, (_, i) => hold(streamRequest(`10.${Math.floor(i / 20)}.0.${(i % 20) + 1}`, i))));
    const statuses = await Promise.all(held.map(statusOf));
    expect(statuses.filter((s) => s.startsWith('HTTP/1.1 200')).length).toBe(150);
    expect(statuses.filter((s) => s.startsWith('HTTP/1.1 503')).length).toBe(10);
    await release(held);
  });
});

describe('slow and silent clients', () => {
  it('sockets that send nothing are closed after the headers deadline, and the server serves on', async () => {
    const silent = await Promise.all(Array.from({ length: 200 }, () => hold()));
    await Promise.all(silent.map((h) => h.closed));
    expect(silent.every((h) => h.socket.destroyed)).toBe(true);
    expect((await fetch(`${server.url}/api/v1/threads/after-silence`)).status).toBe(200);
  });

  it('headers trickled a byte at a time are cut at the deadline (408), not served', async () => {
    const slow = await hold('GET /api/v1/threads/slow HTTP/1.1\r\n');
    const trickle = setInterval(() => slow.socket.writable && slow.socket.write('X'), 100);
    await slow.closed;
    clearInterval(trickle);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(slow.received()).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('an idle keep-alive socket is closed after its answer', async () => {
    const idle = await hold(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(await statusOf(idle)).toMatch(/^HTTP\/1\.1 200/);
    await idle.closed;
    expect(idle.socket.destroyed).toBe(true);
  });

  it('past FOOTNOTE_MAX_CONNECTIONS new sockets are refused, and served again once the silent ones are cut', async () => {
    const silent = await Promise.all(Array.from({ length: 250 }, () => hold()));
    // Every slot is taken: a new connection is closed at once, without an answer.
    const refused = await hold(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await refused.closed;
    expect(refused.received()).toBe('');
    await Promise.all(silent.map((h) => h.closed));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
