#!/usr/bin/env node
// The `footnote` command: runs the built CLI (dist/server/cli/main.js, made by `npm run build`).
// In a checkout without a build it runs the TypeScript source through tsx when that is installed.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/server/cli/main.js', import.meta.url);
if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  let register = null;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('footnote: dist/server/cli/main.js is missing. Run npm run build first.');
    process.exit(1);
  }
  register();
  await import(new URL('../server/cli/main.ts', import.meta.url).href);
}
