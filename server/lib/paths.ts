import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder, found by walking up from this file to the folder holding
 * `package.json`: the same answer from the TypeScript source (tests) and the built bundle.
 */
export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('Footnote: cannot find the project root (package.json + migrations/)');
    dir = up;
  }
}
