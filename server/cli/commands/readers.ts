import { eraseReader, exportReader } from '../../services/archive/readers';
import { only, option, UsageError, type Args } from '../args';
import { say, type CliEnv } from '../io';
import { withServices } from '../open';
import { adminCall } from '../remote';

function emailOf(args: Args, command: string): string {
  const [email, extra] = args.positional;
  if (!email) throw new UsageError(`Name the commenter's email: footnote ${command} EMAIL.`);
  if (extra !== undefined) throw new UsageError(`One email at a time ("${extra}" is one too many).`);
  return email;
}

/** `footnote export-reader EMAIL`: everything stored about one commenter, as JSON on standard output. */
export async function exportReaderCommand(args: Args, { config, io }: CliEnv): Promise<number> {
  only(args, []);
  const email = emailOf(args, 'export-reader');
  const data = await withServices(config, (ctx) => exportReader(ctx, email));
  io.out.write(`${JSON.stringify(data, null, 2)}\n`);
  return 0;
}

/** `footnote erase-reader EMAIL [--keep-bans] [--url http://host:port]`. */
export async function eraseReaderCommand(args: Args, { config, io }: CliEnv): Promise<number> {
  only(args, ['keep-bans', 'url']);
  const email = emailOf(args, 'erase-reader');
  const keepBans = args.options.has('keep-bans');
  const url = option(args, 'url');
  const r = url
    ? ((await adminCall(config, url, '/api/v1/admin/readers/erase', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, keepBans }),
      })) as Awaited<ReturnType<typeof eraseReader>>)
    : await withServices(config, (ctx) => eraseReader(ctx, email, { keepBans }));
  io.out.write(
    `Erased ${r.erased}: ${r.removed} comments removed, ${r.placeholders} kept as empty placeholders, ${r.bansRemoved} bans lifted, ${r.auditScrubbed} audit entries scrubbed.\n`,
  );
  if (!url && r.comments > 0) say(io, 'A server running on this database may show cached copies until it restarts: use --url to erase through the server.');
  return 0;
}
