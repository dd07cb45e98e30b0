import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// drizzle-kit takes folders relative to the working directory: the copy stays in the project.
const lagging = join('.tmp', `check-schema-test-${process.pid}`);

const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/check-schema.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });

afterAll(() => rmSync(join(ROOT, lagging), { recursive: true, force: true }));

describe('scripts/check-schema.mjs', () => {
  it('passes on the repository: the migrations match the schema', () => {
    const r = run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails, naming the fix, when the migrations lag behind the schema', () => {
    // The repository's migrations without the last one: the schema has a change they miss.
    mkdirSync(join(ROOT, lagging), { recursive: true });
    cpSync(join(ROOT, 'migrations'), join(ROOT, lagging), { recursive: true });
    const journalPath = join(ROOT, lagging, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; tag: string }[] };
    const last = journal.entries.pop();
    if (!last) throw new Error('no migration to drop');
    rmSync(join(ROOT, lagging, `${last.tag}.sql`));
    rmSync(join(ROOT, lagging, `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`));
    writeFileSync(journalPath, JSON.stringify(journal, null, 2));

    const r = run('--migrations', lagging);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('server/db/schema.ts differs from');
    expect(r.stderr).toContain('npm run db:generate');
  });
});
