import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env';
import { openDatabase } from './open';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'footnote-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('openDatabase', () => {
  it('creates the file and its folders, in WAL mode, migrated', () => {
    const file = join(tmp(), 'nested', 'deeper', 'footnote.db');
    const { sqlite } = openDatabase(file);
    expect(existsSync(file)).toBe(true);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['threads', 'comments', 'reactions', 'reports', 'audit']));
    sqlite.close();
  });

  it('opens an existing database again without re-running migrations', () => {
    const file = join(tmp(), 'again.db');
    openDatabase(file).sqlite.close();
    const { sqlite } = openDatabase(file);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    sqlite.close();
  });

  it('names FOOTNOTE_DB when the path cannot be used', () => {
    const blocker = join(tmp(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    expect(() => openDatabase(join(blocker, 'db.sqlite'))).toThrow(ConfigError);
    expect(() => openDatabase(join(blocker, 'db.sqlite'))).toThrow(/^FOOTNOTE_DB=/);
  });

  it('names FOOTNOTE_DB when the file is not a database', () => {
    const file = join(tmp(), 'garbage.db');
    writeFileSync(file, 'this is not sqlite '.repeat(100));
    expect(() => openDatabase(file)).toThrow(/^FOOTNOTE_DB=.*cannot be opened as a database/);
  });
});
