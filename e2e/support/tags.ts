/**
 * The browser tests of the paths where the engine answers: posting, replies, live, moderation,
 * counts and sign-in. `npm run test:e2e:pg -- --grep @pg` runs them with the server on
 * PostgreSQL in about a minute, where the whole suite (`npm test` runs it on both engines)
 * takes a few (docs/scale.md).
 */
export const ON_PG = { tag: '@pg' };
