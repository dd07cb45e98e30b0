/** `footnote help`. */
export const HELP = `footnote: data commands for a Footnote server (docs/data.md)

Usage: npm run footnote -- COMMAND [ARGS]    (or: npx footnote COMMAND [ARGS])

  import FILE [--format disqus|wordpress|json] [--url URL]
      Import a Disqus XML, WordPress WXR or Footnote/Isso JSON export into the database.
      The format is guessed when not given. Importing the same file again adds nothing.
      With --url http://host:port (and FOOTNOTE_ADMIN_TOKEN), the file is streamed to the
      running server instead, which then shows it at once.
  export [FILE] [--force]
      Every thread and comment as Footnote JSON, to FILE or standard output.
  backup FILE [--force]
      A consistent copy of FOOTNOTE_DB while the server runs (SQLite's backup API),
      checked with PRAGMA integrity_check. On PostgreSQL: pg_dump's custom format,
      read back with pg_restore (both from the PostgreSQL client tools).
  export-reader EMAIL|AUTHORID
      Everything stored about one commenter (or signed-in commenter, u_…), as JSON.
  erase-reader EMAIL|AUTHORID [--keep-bans] [--url URL]
      Erase one commenter: comments with replies become empty placeholders, the rest
      are removed, bans by that email are lifted unless --keep-bans.
  help
      This text.

The database is FOOTNOTE_DB (default ./data/footnote.db), or PostgreSQL when
FOOTNOTE_DATABASE_URL is set; --url needs FOOTNOTE_ADMIN_TOKEN. Moving between engines:
export from one, import into the other (docs/data.md).
`;
