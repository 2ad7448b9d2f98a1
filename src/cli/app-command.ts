/**
 * `jixiao app`: copies the offline page the build made (dist/jixiao-app.html,
 * next to the bundled CLI) to a file, through the writer every output goes
 * through, or to standard output.
 */
import { readFile, stat } from 'node:fs/promises';
import { writeWholeFile } from './output-dir.js';
import { CliProblem, problemText, type Lang } from '../catalogue/messages.js';

/** Where the command prints: its output and its messages (the command line's own `Output` fits). */
interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Next to the bundled CLI in dist/; from the sources, in the dist/ the build wrote. */
const PAGE_LOCATIONS = [new URL('./jixiao-app.html', import.meta.url), new URL('../../dist/jixiao-app.html', import.meta.url)];

export async function writeApp(file: string | null, io: Output, lang: Lang = 'en'): Promise<number> {
  const page = await readPage();
  if (page === null) {
    io.err(`jixiao: ${new CliProblem('app-missing').text(lang)}`);
    return 2;
  }
  if (file === null) {
    io.out(page);
    return 0;
  }
  if (await isDirectory(file)) {
    io.err(`jixiao: ${new CliProblem('app-directory', { file }).text(lang)}`);
    return 2;
  }
  try {
    await writeWholeFile(file, page, []);
  } catch (error) {
    io.err(`jixiao: ${new CliProblem('not-written', { reason: problemText(error, lang) }).text(lang)}`);
    return 2;
  }
  return 0;
}

async function readPage(): Promise<string | null> {
  for (const location of PAGE_LOCATIONS) {
    try {
      return await readFile(location, 'utf8');
    } catch {
      // Not at this location: try the next.
    }
  }
  return null;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
