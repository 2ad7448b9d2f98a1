/**
 * The manifest of an `--out` batch: what each input was (its content's
 * SHA-256 and size), what it was converted with (jixiao's version, the
 * profile, every setting that changes an output) and which whole output files
 * it gave, with the figures its summary line counts. `--resume` skips the
 * inputs whose entry is current and whose outputs are all there at the sizes
 * recorded, and redoes the rest.
 *
 * While a batch runs, the manifest is a journal: a header line, then one line
 * appended per input once all its outputs are in place (each output is
 * renamed into place whole, so a killed run leaves whole outputs and a journal
 * naming exactly the inputs whose outputs were complete; a line cut short by
 * the kill is ignored). At the end of the run the journal is replaced
 * (atomically) by the same entries in input order, so that one run and an
 * interrupted, resumed one leave the same manifest.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { lstat, mkdir, open, readFile, stat, unlink, readdir, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliProblem } from '../catalogue/messages.js';
import { InputGuard, writeWholeFile } from './output-dir.js';
import type { FileStats } from './progress.js';
import type { Shard } from './shard.js';

export const MANIFEST_FORMAT = 'jixiao-manifest/1';

/** An input's identity: the SHA-256 (hex) and size of its bytes. */
export interface InputIdentity {
  sha256: string;
  size: number;
}

export interface ManifestEntry extends InputIdentity {
  /** The input's path relative to the batch's common base, `/`-separated. */
  input: string;
  /** The jixiao version that converted it. */
  jixiao: string;
  /** The profile's name (`default` when none was given). */
  profile: string;
  /** SHA-256 of the settings that change an output (command, format, profile's content, language, …). */
  settings: string;
  /** The output files, relative to the output folder, with their sizes. */
  outputs: { path: string; size: number }[];
  /** What the summary counts for it, so that a resumed run prints the single run's summary. */
  stats: FileStats;
}

/** The manifest's file name in the output folder; one per shard, so that shards sharing a folder never write one file. */
export function manifestName(shard: Shard | null): string {
  return shard === null ? 'jixiao-manifest.ndjson' : `jixiao-manifest.shard-${shard.index}-of-${shard.count}.ndjson`;
}

/** A stable digest of the settings (keys sorted at every level). */
export function settingsDigest(settings: unknown): string {
  return createHash('sha256').update(canonicalJson(settings)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + canonicalJson(v)).join(',') + '}';
  }
  return JSON.stringify(value ?? null);
}

/**
 * The identity of a file's bytes; null when it cannot be read (the batch then
 * reports it as it would anyway) or is not a regular file: a pipe can be read
 * only once, by the batch, and its bytes are never the same run to run.
 */
export async function identify(path: string): Promise<InputIdentity | null> {
  try {
    if (!(await stat(path)).isFile()) return null;
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { sha256: hash.digest('hex'), size };
  } catch {
    return null;
  }
}

/** Identities of many files, a few read at a time, in the order given. */
export async function identifyAll(paths: readonly (string | null)[], concurrency = 16): Promise<(InputIdentity | null)[]> {
  const result: (InputIdentity | null)[] = new Array(paths.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const at = next++;
      const path = paths[at];
      result[at] = path === null ? null : await identify(path);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return result;
}

/** The entries of a manifest by input (the last line of an input wins); empty when there is none or it is not one. */
export async function readManifest(file: string): Promise<Map<string, ManifestEntry>> {
  const entries = new Map<string, ManifestEntry>();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return entries;
  }
  const lines = text.split('\n');
  if (!lines[0]?.includes(`"${MANIFEST_FORMAT}"`)) return entries;
  for (const line of lines.slice(1)) {
    const entry = parseEntry(line);
    if (entry !== null) entries.set(entry.input, entry);
  }
  return entries;
}

/** A journal line; null for a line cut short by a killed run, or anything else that is not an entry. */
function parseEntry(line: string): ManifestEntry | null {
  if (line.trim() === '') return null;
  try {
    const value = JSON.parse(line) as ManifestEntry;
    const wellFormed = typeof value.input === 'string' && typeof value.sha256 === 'string' && typeof value.size === 'number' && Array.isArray(value.outputs) && typeof value.stats === 'object' && value.stats !== null;
    return wellFormed ? value : null;
  } catch {
    return null;
  }
}

/**
 * Whether an entry still describes the input as it is and the outputs this
 * run would write: same bytes, version and settings, the same output files,
 * each in place at the size recorded.
 */
export async function isCurrent(entry: ManifestEntry | undefined, expected: Omit<ManifestEntry, 'outputs' | 'stats'> & { outputs: readonly string[] }, root: string): Promise<boolean> {
  if (entry === undefined) return false;
  const same = entry.sha256 === expected.sha256 && entry.size === expected.size && entry.jixiao === expected.jixiao && entry.settings === expected.settings && entry.profile === expected.profile;
  if (!same || entry.outputs.length !== expected.outputs.length) return false;
  for (const [i, output] of entry.outputs.entries()) {
    if (output.path !== expected.outputs[i]) return false;
    const info = await stat(join(root, output.path)).catch(() => null);
    if (info === null || !info.isFile() || info.size !== output.size) return false;
  }
  return true;
}

/** The sizes of output files, relative to `root`; null if one is missing. */
export async function outputSizes(root: string, paths: readonly string[]): Promise<{ path: string; size: number }[] | null> {
  const sizes: { path: string; size: number }[] = [];
  for (const path of paths) {
    const info = await stat(join(root, path)).catch(() => null);
    if (info === null) return null;
    sizes.push({ path, size: info.size });
  }
  return sizes;
}

/** The manifest being written: entries appended as inputs complete, then rewritten in input order. */
export class ManifestJournal {
  private constructor(
    private readonly file: string,
    private handle: FileHandle | null,
  ) {}

  /**
   * Opens the journal: kept and appended to when resuming, else started
   * afresh. Like every output, never through a symbolic link, never over
   * anything but a regular file, never over an input.
   */
  static async open(root: string, name: string, resume: boolean, guard: InputGuard = new InputGuard([])): Promise<ManifestJournal> {
    await mkdir(root, { recursive: true });
    const file = join(root, name);
    for (const entry of await readdir(root)) {
      if (entry.startsWith(`.${name}.`) && entry.endsWith('.tmp')) await unlink(join(root, entry)).catch(() => undefined);
    }
    const existing = await lstat(file).catch(() => null);
    if (existing?.isSymbolicLink()) throw new CliProblem('output-symlink', { file });
    if (existing?.isDirectory()) throw new CliProblem('output-directory', { file });
    if (existing !== null && !existing.isFile()) throw new CliProblem('output-not-regular', { file });
    await guard.refuseInput(resolve(file), existing);
    const kept = resume && (await readManifest(file)).size > 0;
    const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (kept ? constants.O_APPEND : constants.O_TRUNC), 0o666);
    if (!kept) await handle.write(JSON.stringify({ format: MANIFEST_FORMAT }) + '\n');
    // A line cut short by a kill is ended, so that the next entry starts a line of its own.
    else if (!(await readFile(file, 'utf8')).endsWith('\n')) await handle.write('\n');
    return new ManifestJournal(file, handle);
  }

  /** Records an input whose outputs are all in place. One write of one whole line. */
  async record(entry: ManifestEntry): Promise<void> {
    await this.handle?.write(JSON.stringify(entry) + '\n');
  }

  /** Replaces the journal by these entries, in this order, through a temporary file renamed into place. */
  async compact(entries: readonly ManifestEntry[]): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    const text = JSON.stringify({ format: MANIFEST_FORMAT }) + '\n' + entries.map((e) => JSON.stringify(e) + '\n').join('');
    await writeWholeFile(this.file, text, []);
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}

/**
 * Removes the temporary files a killed run left beside these outputs (a file
 * being written is `.NAME.<pid>.<n>.tmp` beside NAME until renamed into place).
 * Only the outputs of inputs this run will write are looked at: another
 * shard's files in the same folder are never touched.
 */
export async function removeLeftovers(root: string, outputs: readonly string[]): Promise<void> {
  const byFolder = new Map<string, Set<string>>();
  for (const output of outputs) {
    const folder = dirname(join(root, output));
    const names = byFolder.get(folder) ?? new Set<string>();
    names.add(basename(output));
    byFolder.set(folder, names);
  }
  for (const [folder, names] of byFolder) {
    const entries = await readdir(folder).catch(() => [] as string[]);
    for (const entry of entries) {
      const match = /^\.(.+)\.\d+\.[0-9a-z]+\.tmp$/.exec(entry);
      if (match !== null && names.has(match[1])) await unlink(join(folder, entry)).catch(() => undefined);
    }
  }
}
