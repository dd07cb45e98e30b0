// Builds the browser bundles (dist/widget/embed.js from widget/, dist/admin/admin.js from
// admin/, each with .br and .gz beside it), the widget's catalogues and the server bundle. Run by `npm start` and `npm run build`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Lit's css`` templates are text esbuild does not minify: this collapses their whitespace
 * (runs to one space, none around { } ; , >, no ; before }), about 0.1 KB of
 * embed.js brotli. Only templates without ${…} are touched; no rule of ours needs the
 * spaces it removes (no calc() with + or -, no strings with those characters).
 */
const minifyCss = {
  name: 'minify-css',
  setup(b) {
    b.onLoad({ filter: /[\\/](widget|admin)[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('css`')) return undefined;
      const contents = source.replace(/css`([^`$]*)`/g, (_, text) =>
        `css\`${text.replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1').replace(/;}/g, '}').trim()}\``,
      );
      return { contents, loader: 'ts' };
    });
  },
};

const browser = {
  plugins: [minifyCss],
  bundle: true,
  minify: true,
  // An IIFE runs both as a classic script and as type="module" (it needs no import/export).
  format: 'iife',
  target: ['es2021', 'chrome100', 'firefox100', 'safari15'],
  legalComments: 'none',
  // Non-ASCII text stays as UTF-8 instead of \u escapes (the server sends charset=UTF-8).
  charset: 'utf8',
  write: false,
  logLevel: 'warning',
};

/** Writes `code` to `out` with its brotli (quality 11) and gzip (level 9) variants beside it. */
function writeCompressed(out, code) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  const br = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(`${out}.br`, br);
  writeFileSync(`${out}.gz`, gzipSync(code, { level: 9 }));
  return { out, raw: code.length, br: br.length };
}

async function browserBundle(entry, out) {
  const result = await build({ ...browser, entryPoints: [entry] });
  return writeCompressed(out, result.outputFiles[0].contents);
}

/**
 * The widget's catalogues but the footer's words (those are in embed.js), English too, one
 * JSON file per language, which the server sends at /i18n/{lang}.json: embed.js fetches the
 * reader's one with the thread, so every language added costs readers of the others nothing.
 */
async function catalogues() {
  const result = await build({ entryPoints: ['widget/i18n/rest.ts'], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning' });
  const { rest } = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].contents).toString('base64')}`);
  return Object.entries(rest).map(([lang, messages]) => writeCompressed(`dist/widget/i18n/${lang}.json`, Buffer.from(JSON.stringify(messages))));
}

const started = Date.now();
const [embed, admin, languages] = await Promise.all([
  browserBundle('widget/index.ts', 'dist/widget/embed.js'),
  browserBundle('admin/index.ts', 'dist/admin/admin.js'),
  catalogues(),
]);
await build({
  entryPoints: ['server/main.ts', 'server/cli/main.ts'],
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
for (const b of [embed, admin]) {
  console.log(`built ${b.out}: ${(b.raw / 1024).toFixed(1)} KB, ${(b.br / 1024).toFixed(1)} KB brotli`);
}
console.log(`built dist/widget/i18n: ${languages.map((l) => `${l.out.slice(-7, -5)} ${(l.br / 1024).toFixed(1)} KB`).join(', ')} brotli`);
console.log(`built dist/server in ${Date.now() - started} ms`);
