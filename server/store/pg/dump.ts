import { execFile } from 'node:child_process';
import { createInterface } from 'node:readline';
import { spawn } from 'node:child_process';

const HOW = 'pg_dump --format=custom --file=FILE "$FOOTNOTE_DATABASE_URL" (restore with pg_restore --dbname=URL FILE)';

/** Runs a PostgreSQL client program, failing with a sentence that says what to do. */
function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new Error(
          missing
            ? `${program} is not installed: a PostgreSQL database is backed up with PostgreSQL's own tools (Debian: apt-get install postgresql-client, the server's major version or newer), by footnote backup or by hand: ${HOW}.`
            : `${program} failed: ${String(stderr).trim() || err.message}`,
        ),
      );
    });
  });
}

/** Rows of one table in a custom-format dump (its COPY data: one line a row, newlines escaped). */
function rowsIn(file: string, table: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('pg_restore', ['--data-only', '--table', table, '--file', '-', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let inCopy = false;
    let rows = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!inCopy) inCopy = line.startsWith('COPY ');
      else if (line === '\\.') inCopy = false;
      else rows++;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(rows) : reject(new Error(`pg_restore could not read ${file}: ${stderr.trim()}`))));
  });
}

/**
 * `footnote backup` on PostgreSQL: `pg_dump` in its custom format (one consistent snapshot,
 * taken while instances keep writing), then read back with `pg_restore` as the check.
 */
export const pgDump = {
  async dump(url: string, file: string): Promise<void> {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', url]);
  },
  async check(file: string): Promise<{ integrity: string; threads: number; comments: number }> {
    await run('pg_restore', ['--list', file]);
    return { integrity: 'ok', threads: await rowsIn(file, 'threads'), comments: await rowsIn(file, 'comments') };
  },
};
