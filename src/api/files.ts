/** Reading export files on disk, one by one or by glob patterns. */
import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import fg from 'fast-glob';
import { findInputs } from '../io/inputs.js';
import { pastLimit, readBounded, readFailure, tooLarge, unreadable } from '../io/input-file.js';
import { parseSettings, type ParseOptions } from './pipeline.js';
import { parse } from './parse-document.js';
import { trusted } from './door.js';
import type { Document } from '../contract/schema.js';

/** Reads and parses one file; an unreadable file gives a document with one `unreadable-file` diagnostic. */
export async function parseFile(path: string, options: ParseOptions = {}): Promise<Document> {
  const settings = parseSettings({ file: path, ...options });
  try {
    const info = await stat(path);
    if (info.isDirectory()) return unreadable(path, 'is a directory');
    if (info.size > settings.maxBytes) return tooLarge(path, info.size, settings.maxBytes);
    // Read within the limit: a device or a pipe says 0 bytes and may never end.
    const bytes = await readBounded(path, settings.maxBytes);
    if (bytes === null) return pastLimit(path, settings.maxBytes);
    return trusted(parse(bytes, { ...options, file: options.file ?? path }));
  } catch (error) {
    return unreadable(path, readFailure(error));
  }
}

export interface ParseFilesOptions extends Omit<ParseOptions, 'file'> {
  /** Directory that relative paths and patterns start from (default: the working directory). */
  cwd?: string;
}

/**
 * Parses every file that the names and glob patterns give, one at a time, in
 * sorted order: `for await (const { file, document } of parseFiles('exports/**\/*.txt'))`.
 * A named file that does not exist yields a document with its diagnostic; a
 * pattern that matches nothing yields nothing.
 */
export async function* parseFiles(patterns: string | readonly string[], options: ParseFilesOptions = {}): AsyncGenerator<{ file: string; document: Document }> {
  const { cwd, ...parseOptions } = options;
  const seen = new Set<string>();
  for (const arg of typeof patterns === 'string' ? [patterns] : patterns) {
    const { inputs, problems } = await findInputs([arg], { cwd });
    for (const { input, reason } of problems) {
      if (!fg.isDynamicPattern(input)) yield { file: input, document: unreadable(input, reason) };
    }
    for (const { path } of inputs) {
      const full = resolvePath(cwd ?? '.', path);
      const info = await stat(full).catch(() => null);
      // One file under two names (a link) is read once, as the command line reads it.
      const identity = info === null ? full : `${info.dev}:${info.ino}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      yield { file: path, document: await parseFile(full, { ...parseOptions, file: path }) };
    }
  }
}
