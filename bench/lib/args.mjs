// Command-line flags of the bench scripts: `--name value` or `--name=value`, each falling back
// to an environment variable and then to a default, so CI and people use the same knobs.
import process from 'node:process';

/**
 * Reads one numeric flag. `env` names the environment variable that may also set it
 * (`BENCH_DURATION` for `--duration`).
 */
export function numberFlag(name, env, fallback, argv = process.argv.slice(2)) {
  const raw = flagValue(name, argv) ?? process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`bench: --${name} (${env}) must be a non-negative number, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

/** Whether a boolean flag (`--quick`) is present. */
export const hasFlag = (name, argv = process.argv.slice(2)) => argv.includes(`--${name}`);

function flagValue(name, argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

/** A comma-separated list flag (`--only list,view`), or null when absent. */
export function flagList(name, argv = process.argv.slice(2)) {
  const raw = flagValue(name, argv);
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : null;
}

/** A text flag (`--db /tmp/site.db`), or null when absent. */
export const stringFlag = (name, argv = process.argv.slice(2)) => flagValue(name, argv) ?? null;
