// The SSE client processes of bench/sse.mjs (each runs bench/sse/client.mjs) and their IPC.
import { join } from 'node:path';
import { ROOT, spawnNode } from '../lib/servers.mjs';

/** `n` client processes, each holding its share of the connections. */
export class Clients {
  constructor(n) {
    this.failed = null;
    this.closing = false;
    this.children = Array.from({ length: n }, () => {
      const child = spawnNode([join(ROOT, 'bench/sse/client.mjs')], { raiseFdLimit: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.once('exit', (code) => {
        if (!this.closing) this.failed = new Error(`an SSE client process exited (${code})`);
      });
      return child;
    });
  }

  async open(url, path, count) {
    const n = this.children.length;
    const shares = this.children.map((_, i) => Math.floor(count / n) + (i < count % n ? 1 : 0));
    const replies = await Promise.all(this.children.map((c, i) => this.ask(c, { type: 'open', url, path, count: shares[i], worker: i }, 'opened')));
    const statuses = {};
    for (const r of replies) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    return statuses;
  }

  /** Collects receipt times until `expected` arrived or `timeoutMs` passed. */
  async received(expected, timeoutMs) {
    let times = [];
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && times.length < expected; ) {
      await new Promise((r) => setTimeout(r, 250));
      const got = await Promise.all(this.children.map((c) => this.ask(c, { type: 'report' }, 'received')));
      times = times.concat(...got.map((g) => g.times));
    }
    return times;
  }

  close() {
    this.closing = true;
    for (const c of this.children) if (c.connected) c.send({ type: 'close' });
  }

  ask(child, msg, type) {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve) => {
      const onMessage = (m) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      child.send(msg);
    });
  }
}
