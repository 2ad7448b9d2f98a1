#!/usr/bin/env node
/** Entry point of the `jixiao` executable. */
import { main, statusReached } from './commands.js';

const write = (stream: NodeJS.WriteStream) => (text: string) => {
  stream.write(text.endsWith('\n') ? text : text + '\n');
};
// A reader that stopped reading (`| head`) ends the run quietly, with the status it had reached;
// output that cannot be written (`> /dev/full`) is one line and status 2, whatever --fail-on says.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(statusReached());
  process.stderr.write(`jixiao: standard output: not written: ${error.code ?? ''}${error.code ? ' ' : ''}${error.message.replace(/^[A-Z]+: /, '').split(',')[0]}\n`);
  process.exit(2);
});

main(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr) }).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`jixiao: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);
