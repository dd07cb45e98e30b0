// The schemas and the migrations agree (`npm test` runs this), for each engine: `drizzle-kit
// check` for the migration history itself (snapshots that chain, no two migrations claiming
// one change), then `drizzle-kit generate` into a scratch copy of the engine's migrations: if
// it writes a migration, the schema changed without one, and a fresh database would miss it.
// SQLite: server/db/schema.ts and migrations/; PostgreSQL: server/db/pg-schema.ts and migrations/pg/.
//
//   node scripts/check-schema.mjs [--migrations DIR] [--engine sqlite|pg]
//     (DIR: another migrations folder for that one engine, for the script's test)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// drizzle-kit takes --out relative to the working directory: the scratch copy stays inside
// the project, in the git-ignored .tmp/.
const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const ENGINES = {
  sqlite: { dialect: 'sqlite', schema: './server/db/schema.ts', migrations: 'migrations', config: 'drizzle.config.ts' },
  pg: { dialect: 'postgresql', schema: './server/db/pg-schema.ts', migrations: 'migrations/pg', config: 'drizzle.pg.config.ts' },
};
const only = arg('--engine');
const engines = only ? [only] : arg('--migrations') ? ['sqlite'] : Object.keys(ENGINES);
const kit = (args) => execFileSync(process.execPath, [join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

for (const name of engines) {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`unknown engine ${name}`);
  check(engine, arg('--migrations') ?? engine.migrations);
}

function check(engine, migrations) {
  const scratch = join('.tmp', `schema-check-${process.pid}-${engine.dialect}`);
  try {
    kit(['check', '--dialect', engine.dialect, '--out', `./${migrations}`]);
    mkdirSync(join(ROOT, scratch), { recursive: true });
    cpSync(join(ROOT, migrations), join(ROOT, scratch), { recursive: true });
    const before = new Set(readdirSync(join(ROOT, scratch)));
    // Same dialect and schema as the engine's drizzle config, which `npm run db:generate` uses.
    kit(['generate', '--dialect', engine.dialect, '--schema', engine.schema, '--out', `./${scratch}`]);
    const added = readdirSync(join(ROOT, scratch)).filter((f) => !before.has(f));
    if (added.length) {
      console.error(
        `check-schema: ${engine.schema.slice(2)} differs from ${migrations}/: run \`npm run db:generate\` and commit the new migration (it would write ${added.join(', ')}).`,
      );
      process.exitCode = 1;
    } else {
      console.log(`check-schema: ${migrations}/ match ${engine.schema.slice(2)}`);
    }
  } catch (err) {
    console.error(`check-schema: drizzle-kit failed:\n${err.stderr || err.stdout || err.message}`);
    process.exitCode = 1;
  } finally {
    rmSync(join(ROOT, scratch), { recursive: true, force: true });
  }
}
