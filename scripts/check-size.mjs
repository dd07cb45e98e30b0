// The size budget of the widget: `npm test` runs this after the build and fails when
// dist/widget/embed.js grows past 16 KB brotli (LitElement inside; raised from 15 KB when the
// elements became LitElements, issue 15). A size is deterministic, unlike a timing, so
// this is the one performance budget the test gate enforces (the others live in `npm run bench`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const EMBED_BUDGET_BYTES = 16 * 1024;
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const EMBED = join(DIST, 'widget/embed.js');

/**
 * Raw, gzip and brotli sizes of the built embed.js, compressed the way the build and the
 * server do (brotli quality 11, gzip level 9), so the figure is what a reader downloads.
 */
export function embedSizes(file = EMBED) {
  const code = readFileSync(file);
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

/** `node scripts/check-size.mjs [file]`: checks the built embed.js, or `file` if given. */
function main(file = EMBED) {
  let sizes;
  try {
    sizes = embedSizes(file);
  } catch (err) {
    console.error(`check-size: cannot read ${file} (${err.code ?? err.message}); run \`npm run build\` first.`);
    process.exit(1);
  }
  const name = file === EMBED ? 'embed.js' : file;
  const line = `${name}: ${kb(sizes.raw)} raw, ${kb(sizes.gzip)} gzip, ${kb(sizes.brotli)} brotli (budget ${kb(EMBED_BUDGET_BYTES)} brotli)`;
  if (sizes.brotli > EMBED_BUDGET_BYTES) {
    console.error(`check-size: FAIL ${line}`);
    console.error(
      `check-size: ${name} is ${sizes.brotli - EMBED_BUDGET_BYTES} bytes over its budget. Every page with the widget pays for these bytes: ` +
        'trim a dependency or a feature, or raise the budget in scripts/check-size.mjs with the reason in docs/performance.md.',
    );
    process.exit(1);
  }
  console.log(`check-size: ok ${line}, ${EMBED_BUDGET_BYTES - sizes.brotli} bytes to spare`);
  if (file !== EMBED) return;
  // Reported, not budgeted: the desk is loaded by moderators, once per session; a catalogue
  // only by readers of its language, with the thread.
  const admin = join(DIST, 'admin/admin.js');
  if (existsSync(admin)) {
    const a = embedSizes(admin);
    console.log(`check-size: admin.js: ${kb(a.raw)} raw, ${kb(a.gzip)} gzip, ${kb(a.brotli)} brotli (no budget)`);
  }
  const i18n = join(DIST, 'widget/i18n');
  const langs = existsSync(i18n) ? readdirSync(i18n).filter((f) => f.endsWith('.json')) : [];
  if (langs.length) console.log(`check-size: catalogues fetched per language: ${langs.map((f) => `${f} ${kb(embedSizes(join(i18n, f)).brotli)}`).join(', ')} brotli`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv[2]);
