import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { FootnoteExport } from '../services/import/footnote-format';
import { ADMIN, testApp } from '../testing/harness';
import { SSO_SECRET, ssoToken } from '../testing/tokens';
import { runCli } from './run';

const fixture = (name: string) => fileURLToPath(new URL(`../services/import/fixtures/${name}`, import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs `footnote ...args` against a database in a fresh folder. */
function cli(dir = mkdtempSync(join(tmpdir(), 'footnote-cli-'))) {
  dirs.push(dir);
  const env = { FOOTNOTE_DB: join(dir, 'footnote.db') };
  return {
    dir,
    run: async (...args: string[]) => {
      const out = sink();
      const err = sink();
      const code = await runCli(args, { out: out.stream, err: err.stream }, env);
      return { code, out: out.text(), err: err.text() };
    },
    withEnv: (extra: Record<string, string>) => async (...args: string[]) => {
      const out = sink();
      const err = sink();
      const code = await runCli(args, { out: out.stream, err: err.stream }, { ...env, ...extra });
      return { code, out: out.text(), err: err.text() };
    },
  };
}

describe('footnote CLI', () => {
  it('prints help, and fails clearly on unknown commands, options and files', async () => {
    const { run } = cli();
    for (const args of [[], ['help'], ['--help']]) {
      const r = await run(...args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/import FILE/);
    }
    expect(await run('frobnicate')).toMatchObject({ code: 1, err: expect.stringMatching(/unknown command "frobnicate"/) });
    expect(await run('import')).toMatchObject({ code: 1, err: expect.stringMatching(/Name the export file/) });
    expect(await run('import', '/no/such/file.xml')).toMatchObject({ code: 1, err: expect.stringMatching(/No such file/) });
    expect(await run('import', fixture('isso-disqus.xml'), '--format', 'csv')).toMatchObject({ code: 1, err: expect.stringMatching(/--format must be/) });
    expect(await run('import', fixture('isso-disqus.xml'), '--fromat', 'disqus')).toMatchObject({ code: 1, err: expect.stringMatching(/Unknown option --fromat/) });
    expect(await run('backup')).toMatchObject({ code: 1, err: expect.stringMatching(/Name the backup file/) });
    // Options are read by node:util's parseArgs, strictly: a value missing, or given to a flag.
    expect(await run('import', fixture('isso-disqus.xml'), '--format')).toMatchObject({ code: 1, err: expect.stringMatching(/--format needs a value\./) });
    expect(await run('backup', 'copy.db', '--force=yes')).toMatchObject({ code: 1, err: expect.stringMatching(/--force takes no value\./) });
    expect(await run('export-reader', 'a@b.example', '--url', 'http://x')).toMatchObject({ code: 1, err: expect.stringMatching(/Unknown option --url\./) });
    // Commands that read the database do not create one.
    expect(await run('export')).toMatchObject({ code: 1, err: expect.stringMatching(/no database at/) });
    expect(await run('erase-reader', 'a@b.example')).toMatchObject({ code: 1, err: expect.stringMatching(/no database at/) });
  });

  it('imports, exports, backs up, and answers data requests on FOOTNOTE_DB', async () => {
    const { run, dir } = cli();
    const first = await run('import', fixture('isso-disqus.xml'));
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toMatch(/Imported 2 new threads and 5 new comments; 0 comments were already there, 2 items skipped/);
    expect(first.out).toMatch(/post 6: thread 1337 not found/);
    expect((await run('import', fixture('isso-disqus.xml'))).out).toMatch(/0 new comments; 5 comments were already there/);
    expect((await run('import', fixture('isso-wordpress.xml'), '--format', 'wordpress')).out).toMatch(/8 new comments/);
    // Bounded like an upload: past FOOTNOTE_IMPORT_MAX_BYTES it stops, reporting what it wrote.
    const big = join(dir, 'big.json');
    const comments = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: `c${i}`, author: 'A', body: `comment ${i}`, createdAt: '2024-01-01T00:00:00Z', status: 'published' }));
    writeFileSync(big, `{"format":"footnote","version":1,"threads":[{"key":"big","comments":[${comments.join(',')}]}]}`);
    const capped = await cli().withEnv({ FOOTNOTE_IMPORT_MAX_BYTES: '40000' })('import', big);
    expect(capped.code, JSON.stringify(capped)).toBe(1);
    expect(capped.out, capped.err).toMatch(/^Imported 1 new threads and \d+ new comments/);
    expect(capped.err).toMatch(/larger than 39\.1 KiB \(after decompression\)/);
    const notExport = join(dir, 'notes.txt');
    writeFileSync(notExport, 'hello');
    expect(await run('import', notExport)).toMatchObject({ code: 1, err: expect.stringMatching(/not a Disqus, WordPress or Footnote export.*--format on the command line/) });

    const toStdout = await run('export');
    expect(toStdout.code).toBe(0);
    const data = JSON.parse(toStdout.out) as FootnoteExport;
    expect(data.threads.flatMap((th) => th.comments)).toHaveLength(13);
    const file = join(dir, 'export.json');
    expect((await run('export', file)).err).toMatch(/Exported 4 threads and 13 comments to/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...data, exportedAt: expect.any(String) });
    expect(await run('export', file)).toMatchObject({ code: 1, err: expect.stringMatching(/already exists/) });

    const backup = await run('backup', join(dir, 'copy.db'));
    expect(backup).toMatchObject({ code: 0, out: expect.stringMatching(/to .*copy\.db: [\d.]+ MB, 4 threads, 13 comments; integrity check ok/) });
    expect(existsSync(join(dir, 'copy.db'))).toBe(true);
    expect(await run('backup', join(dir, 'copy.db'))).toMatchObject({ code: 1, err: expect.stringMatching(/already exists/) });

    const reader = await run('export-reader', 'info@posativ.org');
    expect((JSON.parse(reader.out) as { comments: unknown[] }).comments).toHaveLength(6);
    const erased = await run('erase-reader', 'info@posativ.org');
    expect(erased).toMatchObject({ code: 0, out: expect.stringMatching(/^Erased sha256:[0-9a-f]{16}: 0 comments removed, 6 kept as empty placeholders/) });
    expect((JSON.parse((await run('export-reader', 'info@posativ.org')).out) as { comments: unknown[] }).comments).toHaveLength(0);
    expect(await run('erase-reader', 'not-an-email')).toMatchObject({ code: 1, err: expect.stringMatching(/email address/) });
  });

  it('imports what a cut .xml.gz holds and reports the counts, locally and with --url', async () => {
    const t = await testApp();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { withEnv, dir } = cli();
      const run = withEnv({ FOOTNOTE_ADMIN_TOKEN: ADMIN });
      const posts = Array.from({ length: 400 }, (_, i) => `<post dsq:id="${i + 10}"><message>post ${i} ${Math.random()}</message><createdAt>2020-01-01T00:00:00Z</createdAt><author><name>A</name></author><thread dsq:id="1"/></post>`);
      const gz = gzipSync(`<disqus xmlns:dsq="x"><thread dsq:id="1"><id>t</id><link>https://n.example/t</link></thread>${posts.join('\n')}</disqus>`);
      const file = join(dir, 'cut.xml.gz');
      writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
      const complete = gunzipSync(gz.subarray(0, Math.floor(gz.length / 2)), { finishFlush: constants.Z_SYNC_FLUSH }).toString().split('</post>').length - 1;
      const local = await run('import', file);
      const remote = await run('import', file, '--url', url);
      // Through the server too, the items imported show as the server reports them.
      expect(remote.err).toMatch(/… [\d,]+ items read: 1 threads, [\d,]+ comments added/);
      for (const r of [local, remote]) {
        expect(r.code, r.err).toBe(0);
        expect(r.out).toMatch(new RegExp(`^Imported 1 new threads and ${complete} new comments; 0 comments were already there, 2 items skipped\\.\nSkipped:\n  file: the gzip file is damaged or cut short`));
      }
      // Stopped by the server's bound: the counts of what it wrote still come back.
      const big = join(dir, 'big.xml');
      writeFileSync(big, gunzipSync(gz).toString().repeat(1));
      const capped = await testApp({ FOOTNOTE_IMPORT_MAX_BYTES: '20000' });
      const small = serve({ fetch: capped.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((r) => small.once('listening', r));
      try {
        const r = await run('import', big, '--url', `http://127.0.0.1:${(small.address() as AddressInfo).port}`);
        expect(r.code).toBe(1);
        expect(r.out).toMatch(/^Imported 1 new threads and \d+ new comments/);
        expect(r.err).toMatch(/The server stopped the import: The file is larger than/);
      } finally {
        (small as unknown as { closeAllConnections(): void }).closeAllConnections();
        await new Promise((r) => small.close(r));
      }
    } finally {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('streams a file to a running server with --url', async () => {
    const t = await testApp();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { withEnv } = cli();
      const run = withEnv({ FOOTNOTE_ADMIN_TOKEN: ADMIN });
      const r = await run('import', fixture('isso-wordpress.xml'), '--url', url);
      expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/2 new threads and 8 new comments/) });
      // The server's own caches see it at once.
      const counts = (await (await t.call('GET', '/api/v1/threads/%2F2014%2Ftest%2F')).json()) as { comments: number };
      expect(counts.comments).toBe(7);
      const erased = await run('erase-reader', 'info@posativ.org', '--url', url);
      expect(erased).toMatchObject({ code: 0, out: expect.stringMatching(/6 kept as empty placeholders/) });
      const wrong = await withEnv({ FOOTNOTE_ADMIN_TOKEN: 'not-the-token-but-as-long-as-one-0123' })('import', fixture('isso-wordpress.xml'), '--url', url);
      expect(wrong).toMatchObject({ code: 1, err: expect.stringMatching(/answered 401/) });
    } finally {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('erases a signed-in commenter by authorId through a running server', async () => {
    const t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET });
    const token = await ssoToken({ id: 'n-9', username: 'Nina' }, { now: t.clock.now });
    const res = await t.call('POST', '/api/v1/threads/cli-user/comments', { body: { body: 'mine' }, headers: { authorization: `Bearer ${token}` } });
    const { authorId } = ((await res.json()) as { comment: { authorId: string } }).comment;
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const run = cli().withEnv({ FOOTNOTE_ADMIN_TOKEN: ADMIN });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await run('erase-reader', authorId, '--keep-bans', '--url', url)).toMatchObject({ code: 1, err: expect.stringMatching(/--keep-bans goes with an email/) });
      expect(await run('erase-reader', authorId, '--url', url)).toMatchObject({ code: 0, out: expect.stringMatching(/^Erased sha256:[0-9a-f]{16}: 1 comments removed/) });
      expect((await t.call('GET', `/api/v1/threads/cli-user`)).ok).toBe(true);
      expect(((await (await t.call('GET', '/api/v1/threads/cli-user')).json()) as { comments: number }).comments).toBe(0);
    } finally {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
