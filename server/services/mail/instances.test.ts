import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../hostile/server-process';
import { WebhookReceiver } from './testing';

// Two real server processes on one SQLite file, both running the outbox worker: every event
// posted through either is delivered once, by one of them.

let receiver: WebhookReceiver;
let dir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  dir = mkdtempSync(join(tmpdir(), 'footnote-instances-'));
});
afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  await receiver.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('two instances on one database send each event once', async () => {
  const env = {
    FOOTNOTE_WEBHOOK_URL: receiver.url,
    FOOTNOTE_WEBHOOK_SECRET: 'whsec-test-0123456789abcdef0123456789',
    FOOTNOTE_MIN_FORM_MS: '0',
    FOOTNOTE_POST_INTERVAL_SEC: '0',
    FOOTNOTE_POSTS_PER_HOUR: '100000',
  };
  const db = join(dir, 'shared.db');
  servers.push(await startServer(db, env), await startServer(db, env));
  const N = 40;
  for (let i = 0; i < N; i++) {
    const server = servers[i % 2]!;
    const res = await fetch(`${server.url}/api/v1/threads/instances/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0' },
      body: JSON.stringify({ author: `A${i}`, body: `Comment number ${i} from the test` }),
    });
    expect(res.status, servers.map((s) => s.output()).join('\n')).toBe(201);
  }
  while (new Set(receiver.hits.map((h) => h.headers['footnote-event-id'])).size < N) await new Promise((r) => setTimeout(r, 50));
  // A clean stop settles whatever either worker holds; anything sent twice has arrived by then.
  for (const s of servers) s.child.kill('SIGTERM');
  for (const s of servers) expect(await s.exited).toBe(0);
  const ids = receiver.hits.map((h) => String(h.headers['footnote-event-id']));
  expect(ids).toHaveLength(N);
  expect(new Set(ids).size).toBe(N);
  const bodies = receiver.hits.map((h) => (JSON.parse(h.body) as { data: { comment: { body: string } } }).data.comment.body).sort();
  expect(bodies).toEqual(Array.from({ length: N }, (_, i) => `Comment number ${i} from the test`).sort());
}, 60_000);
