import { runCli } from './run';

/** The `footnote` command (bin/footnote.js runs the built copy of this file). */
process.exitCode = await runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr });
