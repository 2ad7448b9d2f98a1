#!/usr/bin/env node
/** Entry point of the `jixiao` executable. */
import { main, statusReached } from './commands.js';
import { langFromEnv } from '../catalogue/messages.js';
import { reportInternalError } from './internal-error.js';
import { removeLive } from '../io/temporary-files.js';

// However the process ends (a closed pipe and full standard output end it at once), no temporary file stays:
// the spooled standard input, the forms of a report, an output half written.
process.on('exit', removeLive);

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

/** A fault outside the command's own handling: one line, the stack in a file, status 3; no temporary file left. */
const fault = (error: unknown) => {
  removeLive();
  process.stderr.write(`jixiao: ${reportInternalError(error, langFromEnv(process.env))}\n`);
  process.exit(3);
};
process.on('uncaughtException', fault);

main(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr) }).then((status) => {
  process.exitCode = status;
}, fault);
