import type pg from 'pg';

/** Statement names by text, for the whole process: the texts that run this way are fixed, a few dozen. */
const names = new Map<string, string>();

/**
 * Runs `text` as a named (prepared) statement: each connection parses and plans it once, not
 * once per run. For statements sent on every post or reaction, whose planning costs about as
 * much as running them. `text` must not vary with the values (one name per text).
 */
export function namedQuery<R extends pg.QueryResultRow>(pool: pg.Pool, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  let name = names.get(text);
  if (name === undefined) names.set(text, (name = `footnote_${names.size}`));
  return pool.query<R>({ name, text, values });
}
