/** Reading export files from disk: the only module of the pipeline that touches the filesystem. */
import { readFile, stat } from 'node:fs/promises';
import { parse, parseSettings, type ParseOptions } from './parse.js';
import type { Document } from './schema.js';

/** Reads and parses one file; an unreadable file gives a document with one `unreadable-file` diagnostic. */
export async function parseFile(path: string, options: ParseOptions = {}): Promise<Document> {
  const settings = parseSettings({ file: path, ...options });
  try {
    const info = await stat(path);
    if (info.isDirectory()) return unreadable(path, 'is a directory');
    if (info.size > settings.maxBytes) {
      return {
        forms: [],
        diagnostics: [{ code: 'input-too-large', severity: 'error', message: `${path}: ${info.size} bytes is more than the limit of ${settings.maxBytes}`, line: 0, column: 0, file: path }],
      };
    }
    return parse(await readFile(path), { ...options, file: options.file ?? path });
  } catch (error) {
    return unreadable(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
}

function unreadable(path: string, why: string): Document {
  return { forms: [], diagnostics: [{ code: 'unreadable-file', severity: 'error', message: `${path}: ${why}`, line: 0, column: 0, file: path }] };
}
