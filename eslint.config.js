// One lint gate for server, widget, tests and scripts: typescript-eslint's recommended
// rules, zero warnings allowed (`npm run lint` passes --max-warnings=0), and the layering of
// README's Layout section, so that a crossing fails `npm test` instead of waiting for a review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * A forbidden import, matched on the specifier as written (relative paths included). The
 * layers are folders, so a regular expression on the path is enough; a plugin that resolves
 * files (eslint-plugin-boundaries) would add a dependency for the same result.
 */
const forbid = (regex, message) => ({ regex, message });

/** `../../server/…`, `../routes`, …: a relative import that reaches into one of these folders. */
const into = (...folders) => `^\\.{1,2}/(.*/)?(${folders.join('|')})(/|$)`;

const HONO = forbid('^(hono|@hono/)', 'Services know nothing of HTTP: take typed input and throw AppError; the route does the HTTP.');
const HTTP_LAYER = forbid(into('routes', 'http'), 'Services know nothing of HTTP: routes call services, never the other way round.');
// The engines are the folders under server/store/ (add a new engine here); store/types.ts is the interface.
const STORAGE = forbid(into('db', 'store/sqlite', 'store/postgres'), 'Go through the Store interface (server/store/types.ts) on ctx.store: the engine and its schema stay behind it.');
const SERVER = forbid(into('server'), 'The browser bundles never import server/: shared types and values live in contract/.');
const OTHER_PAGE = (other) => forbid(into(other), `embed.js (widget/) and the desk (admin/) are separate bundles: share through client/ (the fetch wrapper) or contract/, not ${other}/.`);
const ANYTHING = forbid('^(?!\\./)', 'contract/ imports nothing (no packages, nothing outside contract/): every layer and both bundles import it.');

const layer = (files, patterns, ignores = []) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

// Tests and their helpers (`testing.ts`) assemble a whole app (a store engine, the routes, the
// services) to drive one layer end to end; the rules hold for the product code they test.
const TESTS = ['**/*.test.ts', '**/testing.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'migrations/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly',
        document: 'readonly', window: 'readonly', location: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly',
        customElements: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', AbortController: 'readonly',
        TextEncoder: 'readonly', TextDecoder: 'readonly', EventSource: 'readonly', HTMLElement: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only server/config/env.ts reads the environment: take what you need from Config.' },
      ],
    },
  },

  // Layering (README "Layout"). Each file matches at most one of these globs: options of a
  // rule set twice replace each other instead of adding up.
  layer(['contract/**'], [ANYTHING]),
  layer(['widget/**'], [SERVER, OTHER_PAGE('admin')]),
  layer(['admin/**'], [SERVER, OTHER_PAGE('widget')]),
  // The browser bundles' shared fetch wrapper: below both pages, above nothing but contract/.
  layer(['client/**'], [SERVER, forbid(into('widget', 'admin'), 'client/ is shared by embed.js and admin.js: it imports neither page, only contract/.')]),
  layer(['server/services/**'], [HONO, HTTP_LAYER, STORAGE], TESTS),
  layer(['server/routes/**'], [STORAGE], TESTS),
  layer(['server/store/**'], [HONO, forbid(into('services', 'routes', 'http'), 'The store is the bottom layer: it knows rows, not rules or HTTP.')], TESTS),
  // Everything else in server/ (http, lib, cli, the app and its entry points) may open an
  // engine (createSqliteStore) but never reaches past it into the drizzle schema.
  layer(['server/**'], [forbid(into('db'), 'The drizzle schema and connection belong to the SQLite engine (server/store/sqlite/): go through the Store interface.')], [
    ...TESTS,
    'server/services/**',
    'server/routes/**',
    'server/store/**',
    'server/db/**',
  ]),

  // The environment: the config module parses it once. Outside the product code, scripts,
  // benchmarks, browser specs and tool configs are their own small programs whose knobs are
  // environment variables (ports, the Chromium path), and tests and the harness that spawns
  // the server as a child process hand the environment on; none of them run in the server.
  {
    files: ['server/config/env.ts', 'scripts/**', 'bench/**', 'e2e/**', '*.config.{js,ts}', 'server/hostile/server-process.ts', 'server/testing/engine.ts', 'server/testing/pg-setup.ts', '**/*.test.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
