import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { exportFootnoteJson } from '../../services/archive/export';
import { readArgs, UsageError } from '../args';
import { mb, say, type CliEnv } from '../io';
import { withServices } from '../open';

/** `footnote export [FILE] [--force]`: Footnote JSON to FILE, or to standard output. */
export async function exportCommand(argv: readonly string[], { config, io }: CliEnv): Promise<number> {
  const { values, positionals } = readArgs(argv, { force: { type: 'boolean' } });
  const [file, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`Export to one file ("${extra}" is one too many).`);
  if (file && existsSync(file) && !values.force) throw new UsageError(`${file} already exists; choose another name or pass --force.`);
  await withServices(config, async (ctx) => {
    const totals = await ctx.store.archive.totals();
    const partial = file ? `${file}.partial-${process.pid}` : null;
    const sink = partial ? createWriteStream(partial) : io.out;
    try {
      for await (const piece of exportFootnoteJson(ctx)) {
        if (!sink.write(piece)) await once(sink, 'drain');
      }
      if (partial && file) {
        sink.end();
        await finished(sink);
        renameSync(partial, file);
        say(io, `Exported ${totals.threads.toLocaleString('en')} threads and ${totals.comments.toLocaleString('en')} comments to ${file} (${mb(statSync(file).size)}).`);
      }
    } finally {
      if (partial) rmSync(partial, { force: true });
    }
  });
  return 0;
}
