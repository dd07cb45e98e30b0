import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of eslint.config.js, run through ESLint's own API on snippets placed at
 * chosen paths (the files need not exist): each crossing must fail, and the allowed import
 * next to it must pass, so a rule that silently matches nothing is caught too.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const imports = (specifier: string) => `import type { X } from '${specifier}';\nexport type Y = X;`;

describe('layering enforced by the linter', () => {
  it.each([
    ['widget/comments/x.ts', '../../server/lib/errors'],
    ['admin/x.ts', '../server/store/types'],
    ['admin/x.ts', '../widget/api/client'],
    ['widget/comments/x.ts', '../../admin/api'],
    ['server/services/comments/x.ts', 'hono'],
    ['server/services/comments/x.ts', 'hono/http-exception'],
    ['server/services/comments/x.ts', '@hono/node-server'],
    ['server/services/comments/x.ts', '../../routes/api/schemas'],
    ['server/services/comments/x.ts', '../../http/body'],
    ['server/services/comments/x.ts', '../../db/schema'],
    ['server/services/comments/x.ts', '../../store/sqlite'],
    ['server/routes/api/x.ts', '../../db/schema'],
    ['server/routes/admin/x.ts', '../../store/sqlite/comments'],
    ['server/store/sqlite/x.ts', '../../services/context'],
    ['server/http/x.ts', '../db/schema'],
    ['server/cli/commands/x.ts', '../../db/open'],
    ['client/x.ts', '../server/lib/errors'],
    ['client/x.ts', '../widget/api/client'],
    ['contract/x.ts', 'zod'],
    ['contract/x.ts', '../server/db/schema'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await problems(file, imports(specifier))).toContain('no-restricted-imports');
  });

  it.each([
    ['widget/comments/x.ts', '../../contract'],
    ['widget/api/x.ts', '../../client/http'],
    ['client/x.ts', '../contract'],
    ['admin/x.ts', '../client/http'],
    ['admin/x.ts', '../contract'],
    ['server/services/comments/x.ts', '../../store/types'],
    ['server/services/comments/x.ts', '../../../contract'],
    ['server/routes/api/x.ts', '../../services/context'],
    ['server/routes/api/x.ts', 'hono'],
    ['server/store/sqlite/x.ts', '../../db/schema'],
    ['server/cli/x.ts', '../store/sqlite'],
    ['contract/x.ts', './enums'],
    // Tests assemble a whole app, engine included.
    ['server/services/comments/x.test.ts', '../../store/sqlite'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await problems(file, imports(specifier))).toEqual([]);
  });

  it('only the config module reads process.env', async () => {
    const reads = 'export const port = process.env.PORT;';
    expect(await problems('server/services/views/x.ts', reads)).toContain('no-restricted-properties');
    expect(await problems('server/main.ts', 'const { env } = process;\nconsole.log(env);')).toContain('no-restricted-properties');
    expect(await problems('widget/x.ts', reads)).toContain('no-restricted-properties');
    expect(await problems('server/config/env.ts', reads)).toEqual([]);
    expect(await problems('scripts/x.mjs', reads)).toEqual([]);
  });
});
