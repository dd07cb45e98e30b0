import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A usage error: printed with a hint to `footnote help`, exit code 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A command's arguments, read by `node:util`'s `parseArgs` in its strict mode against the
 * options the command declares: `--name value`, `--name=value`, `--flag`, positionals, and
 * `--` before a positional that starts with a dash. An unknown option (a typo must not be
 * silently ignored), a value missing or given to a flag, is a {@link UsageError} in one line.
 */
export function readArgs<const T extends Options>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(usageOf(err as Error & { code?: string }));
  }
}

/** parseArgs' messages name the option in quotes and suggest JavaScript; ours name it plainly. */
function usageOf(err: Error & { code?: string }): string {
  const name = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${name}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(err.message) ? `${name} takes no value.` : `${name} needs a value.`;
    default:
      return err.message;
  }
}
