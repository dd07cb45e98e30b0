// The schema and the migrations agree (`npm test` runs this): `drizzle-kit check` for the
// migration history itself (snapshots that chain, no two migrations claiming one change),
// then `drizzle-kit generate` into a scratch copy of migrations/: if it writes a migration,
// server/db/schema.ts changed without one, and a fresh database would miss that change.
//
//   node scripts/check-schema.mjs [--migrations DIR]     (DIR: another migrations folder, for its test)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// drizzle-kit takes --out relative to the working directory: the scratch copy stays inside
// the project, in the git-ignored .tmp/.
const scratch = join('.tmp', `schema-check-${process.pid}`);
const at = process.argv.indexOf('--migrations');
const migrations = at === -1 ? 'migrations' : process.argv[at + 1];
const kit = (args) => execFileSync(process.execPath, [join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  kit(['check', '--dialect', 'sqlite', '--out', `./${migrations}`]);
  mkdirSync(join(ROOT, scratch), { recursive: true });
  cpSync(join(ROOT, migrations), join(ROOT, scratch), { recursive: true });
  const before = new Set(readdirSync(join(ROOT, scratch)));
  // Same dialect and schema as drizzle.config.ts, which `npm run db:generate` uses.
  kit(['generate', '--dialect', 'sqlite', '--schema', './server/db/schema.ts', '--out', `./${scratch}`]);
  const added = readdirSync(join(ROOT, scratch)).filter((f) => !before.has(f));
  if (added.length) {
    console.error(`check-schema: server/db/schema.ts differs from ${migrations}/: run \`npm run db:generate\` and commit the new migration (it would write ${added.join(', ')}).`);
    process.exitCode = 1;
  } else {
    console.log(`check-schema: ${migrations}/ match server/db/schema.ts`);
  }
} catch (err) {
  console.error(`check-schema: drizzle-kit failed:\n${err.stderr || err.stdout || err.message}`);
  process.exitCode = 1;
} finally {
  rmSync(join(ROOT, scratch), { recursive: true, force: true });
}
