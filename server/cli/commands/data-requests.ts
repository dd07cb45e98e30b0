import { eraseCommenter, eraseUser, exportCommenter, exportUser } from '../../services/archive/data-requests';
import { readArgs, UsageError } from '../args';
import { say, type CliEnv } from '../io';
import { withServices } from '../open';
import { adminCall } from '../remote';

function emailOf(positionals: readonly string[], command: string): string {
  const [email, extra] = positionals;
  if (!email) throw new UsageError(`Name the commenter's email (or a signed-in commenter's authorId): footnote ${command} EMAIL.`);
  if (extra !== undefined) throw new UsageError(`One email at a time ("${extra}" is one too many).`);
  return email;
}

/** A signed-in commenter's authorId (`u_…`, docs/sso.md) rather than an email. */
const isAuthorId = (who: string) => /^u_[\w-]+$/.test(who);

/** `footnote export-reader EMAIL`: everything stored about one commenter, as JSON on standard output. */
export async function exportReaderCommand(argv: readonly string[], { config, io }: CliEnv): Promise<number> {
  const email = emailOf(readArgs(argv, {}).positionals, 'export-reader');
  const data = await withServices(config, async (ctx): Promise<object> => (isAuthorId(email) ? exportUser(ctx, email) : exportCommenter(ctx, email)));
  io.out.write(`${JSON.stringify(data, null, 2)}\n`);
  return 0;
}

/** `footnote erase-reader EMAIL [--keep-bans] [--url http://host:port]`. */
export async function eraseReaderCommand(argv: readonly string[], { config, io }: CliEnv): Promise<number> {
  const { values, positionals } = readArgs(argv, { 'keep-bans': { type: 'boolean' }, url: { type: 'string' } });
  const email = emailOf(positionals, 'erase-reader');
  const keepBans = values['keep-bans'] === true;
  const url = values.url;
  if (isAuthorId(email) && keepBans) throw new UsageError('--keep-bans goes with an email: erasing a signed-in commenter lifts their bans.');
  const r = url
    ? ((await adminCall(config, url, '/api/v1/admin/readers/erase', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(isAuthorId(email) ? { authorId: email } : { email, keepBans }),
      })) as Awaited<ReturnType<typeof eraseCommenter>>)
    : await withServices(config, (ctx) => (isAuthorId(email) ? eraseUser(ctx, email) : eraseCommenter(ctx, email, { keepBans })));
  io.out.write(
    `Erased ${r.erased}: ${r.removed} comments removed, ${r.placeholders} kept as empty placeholders, ${r.bansRemoved} bans lifted, ${r.auditScrubbed} audit entries scrubbed.\n`,
  );
  if (!url && r.comments > 0) say(io, 'A server running on this database may show cached copies until it restarts: use --url to erase through the server.');
  return 0;
}
