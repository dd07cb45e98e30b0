/** `footnote help`. */
export const HELP = `footnote: data commands for a Footnote server (docs/data.md)

Usage: npm run footnote -- COMMAND [ARGS]    (or: npx footnote COMMAND [ARGS])

  import FILE [--format disqus|wordpress|json] [--url URL]
      Import a Disqus XML, WordPress WXR or Footnote/Isso JSON export into FOOTNOTE_DB.
      The format is guessed when not given. Importing the same file again adds nothing.
      With --url http://host:port (and FOOTNOTE_ADMIN_TOKEN), the file is streamed to the
      running server instead, which then shows it at once.
  export [FILE] [--force]
      Every thread and comment as Footnote JSON, to FILE or standard output.
  backup FILE [--force]
      A consistent copy of FOOTNOTE_DB while the server runs (SQLite's backup API),
      checked with PRAGMA integrity_check.
  export-reader EMAIL|AUTHORID
      Everything stored about one commenter (or signed-in commenter, u_…), as JSON.
  erase-reader EMAIL|AUTHORID [--keep-bans] [--url URL]
      Erase one commenter: comments with replies become empty placeholders, the rest
      are removed, bans by that email are lifted unless --keep-bans.
  help
      This text.

The database is FOOTNOTE_DB (default ./data/footnote.db); --url needs FOOTNOTE_ADMIN_TOKEN.
`;
