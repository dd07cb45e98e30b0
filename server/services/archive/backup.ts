import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../lib/errors';
import type { Store } from '../../store/types';

export interface BackupReport {
  file: string;
  bytes: number;
  threads: number;
  comments: number;
  millis: number;
}

/**
 * A consistent copy of the live database in `file`, taken with SQLite's online backup API while
 * the server keeps running. The copy is written beside the target under a temporary name,
 * checked (`PRAGMA integrity_check`, and it must open and hold the tables), and only then
 * renamed into place, so `file` is never a half-written backup. Refuses to overwrite unless `force`.
 */
export async function backupDatabase(store: Store, file: string, options: { force?: boolean; now?: () => number } = {}): Promise<BackupReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const target = resolve(file);
  if (existsSync(target) && !options.force) {
    throw new AppError('validation_failed', `${file} already exists; choose another name or pass --force to replace it.`);
  }
  if (!existsSync(dirname(target))) throw new AppError('validation_failed', `The folder ${dirname(target)} does not exist.`);
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  try {
    await store.archive.backupTo(partial);
    const check = await store.archive.checkCopy(partial);
    if (check.integrity !== 'ok') throw new Error(`the copy failed SQLite's integrity check: ${check.integrity}`);
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, threads: check.threads, comments: check.comments, millis: now() - started };
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}
