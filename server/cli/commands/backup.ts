import { backupDatabase } from '../../services/archive/backup';
import { readArgs, UsageError } from '../args';
import { mb, type CliEnv } from '../io';
import { withStore } from '../open';
import { describeStore } from '../../store/open';

/** `footnote backup FILE [--force]`: a consistent online copy of FOOTNOTE_DB, checked. */
export async function backupCommand(argv: readonly string[], { config, io }: CliEnv): Promise<number> {
  const { values, positionals } = readArgs(argv, { force: { type: 'boolean' } });
  const [file, extra] = positionals;
  if (!file) throw new UsageError('Name the backup file: footnote backup FILE.');
  if (extra !== undefined) throw new UsageError(`Back up to one file ("${extra}" is one too many).`);
  const r = await withStore(config, (store) => backupDatabase(store, file, { force: values.force === true }));
  io.out.write(
    `Backed up ${config.databaseUrl ? describeStore(config) : config.dbPath} to ${r.file}: ${mb(r.bytes)}, ${r.threads.toLocaleString('en')} threads, ${r.comments.toLocaleString('en')} comments; integrity check ok (${r.millis} ms).\n`,
  );
  return 0;
}
