/**
 * The browser tests `npm test` runs a second time with the server on PostgreSQL
 * (`npm run test:e2e:pg -- --grep @pg`): posting, replies, live, moderation, counts and
 * sign-in, the paths where the engine answers. The whole suite on PostgreSQL is
 * `npm run test:e2e:pg` (docs/scale.md says why `npm test` does not run all of it).
 */
export const ON_PG = { tag: '@pg' };
