// Builds the browser bundles (embed.js, admin.js, each with .br and .gz beside it) and the
// server bundle. Run by `npm start` and `npm run build`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const browser = {
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

async function browserBundle(entry, out) {
  const result = await build({ ...browser, entryPoints: [entry] });
  const code = result.outputFiles[0].contents;
  mkdirSync('dist/widget', { recursive: true });
  writeFileSync(out, code);
  const br = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(`${out}.br`, br);
  writeFileSync(`${out}.gz`, gzipSync(code, { level: 9 }));
  return { out, raw: code.length, br: br.length };
}

const started = Date.now();
const bundles = await Promise.all([
  browserBundle('widget/index.ts', 'dist/widget/embed.js'),
  browserBundle('widget/admin/index.ts', 'dist/widget/admin.js'),
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
for (const b of bundles) {
  console.log(`built ${b.out}: ${(b.raw / 1024).toFixed(1)} KB, ${(b.br / 1024).toFixed(1)} KB brotli`);
}
console.log(`built dist/server in ${Date.now() - started} ms`);
