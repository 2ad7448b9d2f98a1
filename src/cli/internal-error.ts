/**
 * A fault of jixiao itself (a bug, memory exhausted): the user reads one line
 * in the run's language, and the stack, which is for whoever fixes it, goes to
 * a file the line names, never to the terminal.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMessage, type Lang } from '../catalogue/messages.js';

declare const JIXIAO_VERSION: string;

/** Writes the error's stack to a new file in the temporary directory and gives the line to print (without `jixiao: `). */
export function reportInternalError(error: unknown, lang: Lang): string {
  const reason = faultReason(error, lang);
  const file = join(tmpdir(), `jixiao-error-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
  const version = typeof JIXIAO_VERSION === 'string' ? JIXIAO_VERSION : '0.0.0-dev';
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  try {
    writeFileSync(file, `jixiao ${version}, Node ${process.version}, ${process.platform}\nargv: ${JSON.stringify(process.argv.slice(2))}\n\n${stack}\n`, { flag: 'wx', mode: 0o600 });
    return cliMessage('internal-error', { reason, file }, lang);
  } catch {
    return cliMessage('internal-error-no-file', { reason }, lang);
  }
}

/** The fault in a few words: the known kinds in the language, else the error's own first line. */
function faultReason(error: unknown, lang: Lang): string {
  if (error instanceof RangeError && /Invalid string length|Array buffer allocation failed/.test(error.message)) return cliMessage('string-too-long', {}, lang);
  if (error instanceof Error && /heap out of memory|Cannot create a string longer/i.test(error.message)) return cliMessage('out-of-memory', {}, lang);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.split('\n')[0].slice(0, 200);
}
