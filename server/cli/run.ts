import { ConfigError, loadConfig, type Env } from '../config/env';
import { AppError } from '../lib/errors';
import { UsageError } from './args';
import { backupCommand } from './commands/backup';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { eraseReaderCommand, exportReaderCommand } from './commands/data-requests';
import { HELP } from './help';
import type { CliEnv, CliIo } from './io';

const COMMANDS: Record<string, (argv: readonly string[], env: CliEnv) => Promise<number>> = {
  import: importCommand,
  export: exportCommand,
  backup: backupCommand,
  'export-reader': exportReaderCommand,
  'erase-reader': eraseReaderCommand,
};

/**
 * Runs one command and returns its exit code: 0 done, 1 for anything that went wrong, with one
 * readable line on stderr (a missing file, an unknown command, bad configuration). `env`
 * stands in for the process's environment (tests).
 */
export async function runCli(argv: readonly string[], io: CliIo, env?: Env): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out.write(HELP);
    return 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    io.err.write(`footnote: unknown command "${command}". Run "npm run footnote -- help" for the list.\n`);
    return 1;
  }
  try {
    return await run(rest, { config: loadConfig(env), io });
  } catch (err) {
    if (err instanceof UsageError || err instanceof AppError) {
      io.err.write(`footnote ${command}: ${err.message}\n`);
    } else if (err instanceof ConfigError) {
      io.err.write(`footnote ${command}: bad configuration: ${err.message}\n`);
    } else {
      io.err.write(`footnote ${command} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    return 1;
  }
}
