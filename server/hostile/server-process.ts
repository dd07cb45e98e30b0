import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../lib/paths';

/**
 * The real server as a child process, for tests that crash it: the built bundle when there is
 * one (`npm test` builds before the unit tests), else the TypeScript source through tsx's
 * loader. Either way one `node` process, so a signal reaches the server itself.
 */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, for the failure message. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once it has ended. */
  exited: Promise<number | string>;
}

const root = projectRoot();
const built = join(root, 'dist', 'server', 'main.js');

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the server on `db` and resolves once /healthz answers. */
export async function startServer(db: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const args = existsSync(built) ? [built] : ['--import', 'tsx', join(root, 'server', 'main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FOOTNOTE_DB: db, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = `http://127.0.0.1:${port}`;
  let ended = false;
  void exited.then(() => (ended = true));
  for (let i = 0; ; i++) {
    if (ended) throw new Error(`the server exited before answering:\n${log}`);
    if (i > 300) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within 15 s:\n${log}`);
    }
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, child, exited, output: () => log };
}
