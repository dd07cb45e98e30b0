/** Command-line arguments: positionals, and `--name value` / `--name=value` / `--flag` options. */
export interface Args {
  positional: string[];
  options: Map<string, string | true>;
}

/** Options that take a value; every other `--name` is a flag. */
const VALUED = new Set(['format', 'url', 'out']);

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const name = m[1]!;
    if (m[2] !== undefined) options.set(name, m[2]);
    else if (VALUED.has(name) && argv[i + 1] !== undefined) options.set(name, argv[++i]!);
    else options.set(name, true);
  }
  return { positional, options };
}

/** A usage error: printed with a hint to `footnote help`, exit code 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function option(args: Args, name: string): string | null {
  const v = args.options.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value.`);
  return v ?? null;
}

/** Fails on options the command does not know (a typo must not be silently ignored). */
export function only(args: Args, allowed: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`Unknown option --${name}.`);
  }
}
