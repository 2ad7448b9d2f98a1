/**
 * Runs the command line in this process: `main` of src/cli/commands.ts with
 * the output the executable (src/cli/bin.ts) gives it, captured. What the
 * command prints and the status it returns are those of `jixiao ARGS` run in
 * the project root, without a child process; what only a process shows
 * (standard input, worker threads, the built file, signals and pipes) is
 * tested on dist/cli.js through test/fixtures/cli/run-cli.ts.
 *
 * Without a built worker script beside it (src/cli/worker.js does not exist)
 * the batch runs in this thread whatever --jobs says. Standard input is this
 * process's: a test that reads `-` runs the built CLI.
 */
import { main } from '../../src/cli/commands.js';
import { ROOT, type Run } from '../fixtures/cli/run-cli.js';

export interface InProcessRun extends Run {
  status: number;
  /** Standard output as bytes (an XLSX workbook is not text). */
  bytes: Buffer;
}

const line = (text: string) => (text.endsWith('\n') ? text : text + '\n');

/**
 * `jixiao ARGS` in the project root: relative paths in ARGS are relative to
 * it. `env` is set in process.env for the run (undefined: unset) and put back
 * after it.
 */
export async function cli(args: string[], options: { env?: Record<string, string | undefined> } = {}): Promise<InProcessRun> {
  if (process.cwd() !== ROOT) throw new Error(`the in-process CLI resolves paths against the working directory, ${process.cwd()}, not the project root ${ROOT}`);
  const saved = Object.entries(options.env ?? {}).map(([name]) => [name, process.env[name]] as const);
  const setEnv = (entries: Iterable<readonly [string, string | undefined]>) => {
    for (const [name, value] of entries) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  const stdout: Buffer[] = [];
  let stderr = '';
  setEnv(Object.entries(options.env ?? {}));
  try {
    const status = await main(args, {
      out: (text) => void stdout.push(Buffer.from(line(text), 'utf8')),
      err: (text) => void (stderr += line(text)),
      write: (text) => void stdout.push(Buffer.from(text, 'utf8')),
      writeBytes: (bytes) => void stdout.push(Buffer.from(bytes)),
    });
    const bytes = Buffer.concat(stdout);
    return { status, stdout: bytes.toString('utf8'), stderr, bytes };
  } finally {
    setEnv(saved);
  }
}
