/**
 * The one way every output file is written (`--out DIR` files, `report -o`,
 * `render -o`, `app -o`, workbooks): never over an input (compared by device
 * and inode, so that a symbolic link or a hard link to an input folder or
 * file is seen through), never through a symbolic link, never over anything
 * but a regular file, never into /proc or /sys; into a temporary file beside
 * it (`temporary-files.ts`) renamed into place once complete, or removed. A
 * failed write (a full disk) leaves neither a truncated file nor an empty
 * one, and the previous output stays whole until the new one replaces it.
 * Every problem is a `CliProblem` naming the output file, never the
 * temporary one.
 */
import { statfs } from 'node:fs';
import { lstat, mkdir, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { CliProblem, osError } from '../catalogue/messages.js';
import { outputFile } from './output-paths.js';
import { createTemporary, release } from '../io/temporary-files.js';
import type { Part } from '../output/writers.js';
import { utf8Bytes } from './utf8.js';

const statfsAsync = promisify(statfs);

/** File systems that are not storage: a write there is an instruction to the kernel, or never ends. */
const SYSTEM_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x27e0eb, 'cgroupfs'],
  [0x63677270, 'cgroup2fs'],
  [0x73636673, 'securityfs'],
]);
const SYSTEM_PATHS = ['/proc', '/sys'];

/** The inputs of a run, by path and by identity (device and inode), checked against before any output is written. */
export class InputGuard {
  private identities: Promise<Map<string, string>> | null = null;
  private readonly paths: string[];

  constructor(inputs: Iterable<string>) {
    this.paths = [...inputs].map((path) => resolve(path));
  }

  /** Throws when `file` (absolute) is one of the inputs or an existing `info` is one of them. */
  async refuseInput(file: string, info: { dev: number; ino: number } | null): Promise<void> {
    if (this.paths.includes(file)) throw new CliProblem('output-is-input', { file });
    if (info === null) return;
    this.identities ??= this.identify();
    if ((await this.identities).has(`${info.dev}:${info.ino}`)) throw new CliProblem('output-is-input', { file });
  }

  private async identify(): Promise<Map<string, string>> {
    const identities = new Map<string, string>();
    for (const path of this.paths) {
      const info = await stat(path).catch(() => null);
      if (info !== null) identities.set(`${info.dev}:${info.ino}`, path);
    }
    return identities;
  }
}

export class OutputDirectory {
  readonly root: string;
  private readonly checked = new Set<string>();
  private readonly guard: InputGuard;

  constructor(root: string, inputs: Iterable<string> = []) {
    this.root = resolve(root);
    this.guard = new InputGuard(inputs);
  }

  /** Opens `name + suffix` for writing in parts; throws a `CliProblem` on failure. */
  async open(name: string, suffix: string): Promise<OutputFile> {
    const file = outputFile(this.root, name, suffix);
    if (file === null) throw new CliProblem('output-outside', { file: name + suffix });
    if (this.checked.size === 0) await refuseSystemPath(this.root);
    await this.ensureDirectory(dirname(file));
    return openReplacing(file, this.guard);
  }

  private async ensureDirectory(dir: string): Promise<void> {
    if (this.checked.has(dir)) return;
    if (dir === this.root) {
      await mkdir(dir, { recursive: true }).catch((error: unknown) => {
        throw new CliProblem('output-failed', { file: dir, ...osError(error) });
      });
    } else {
      await this.ensureDirectory(dirname(dir));
      try {
        await mkdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new CliProblem('output-failed', { file: dir, ...osError(error) });
        const info = await lstat(dir);
        if (!info.isDirectory()) throw new CliProblem('output-not-directory', { file: relative(this.root, dir).split(sep).join('/') });
      }
    }
    this.checked.add(dir);
  }
}

/**
 * Refuses a path in procfs, sysfs and their kind, judged by the nearest
 * directory of it that exists: its real path, and its file system's type.
 */
export async function refuseSystemPath(path: string): Promise<void> {
  let existing = resolve(path);
  while (!(await stat(existing).then(() => true, () => false))) {
    const parent = dirname(existing);
    if (parent === existing) return;
    existing = parent;
  }
  const real = await realpath(existing).catch(() => existing);
  const byPath = SYSTEM_PATHS.find((root) => real === root || real.startsWith(root + '/'));
  if (byPath !== undefined) throw new CliProblem('output-system', { file: path, fs: byPath.slice(1) + 'fs' });
  const type = await statfsAsync(real).then((info) => Number(info.type), () => null);
  const system = type === null ? undefined : SYSTEM_FILE_SYSTEMS.get(type);
  if (system !== undefined) throw new CliProblem('output-system', { file: path, fs: system });
}

/**
 * Opens a temporary file beside `file` that `commit` renames to it. Refuses
 * when `file` is a symbolic link (the rename would replace the link, writing
 * through it would change what it points to: neither is what the user
 * asked for), a directory or anything but a regular file, or one of the inputs.
 */
export async function openReplacing(file: string, guard: InputGuard = new InputGuard([])): Promise<OutputFile> {
  const existing = await lstat(file).catch(() => null);
  if (existing?.isSymbolicLink()) throw new CliProblem('output-symlink', { file });
  if (existing?.isDirectory()) throw new CliProblem('output-directory', { file });
  if (existing !== null && !existing.isFile()) throw new CliProblem('output-not-regular', { file });
  await guard.refuseInput(file, existing);
  const { path, handle } = await createTemporary(dirname(file)).catch((error: unknown) => {
    throw new CliProblem('output-failed', { file, ...osError(error) });
  });
  return new OutputFile(file, path, handle);
}

/** A file of the output being written, part after part, into a temporary file until committed. */
export class OutputFile {
  private closed = false;

  constructor(
    readonly path: string,
    readonly temporaryPath: string,
    private readonly handle: FileHandle,
  ) {}

  /** Writes bytes, or text (in pieces, encoded one after another) as UTF-8. */
  async write(text: string | readonly Part[] | Uint8Array): Promise<void> {
    const bytes = text instanceof Uint8Array ? text : utf8Bytes(text);
    for (let at = 0; at < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(bytes, at, bytes.length - at).catch((error: unknown) => {
        throw this.failure(error);
      });
      at += bytesWritten;
    }
  }

  /** Completes the file: the temporary file takes its name (atomically), or is removed if that fails. */
  async commit(): Promise<void> {
    try {
      await this.close();
      await rename(this.temporaryPath, this.path);
      release(this.temporaryPath);
    } catch (error) {
      await this.discard();
      throw error instanceof CliProblem ? error : this.failure(error);
    }
  }

  /** Abandons the file: the temporary file is removed, any previous file at the path left as it was. */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await unlink(this.temporaryPath).catch(() => undefined);
    release(this.temporaryPath);
  }

  private failure(error: unknown): CliProblem {
    return new CliProblem('output-failed', { file: this.path, ...osError(error) });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

/** Writes a file in parts through `fill`, then commits it; on any failure the temporary file is removed and the error thrown. */
export async function writeOutput(file: string, inputs: Iterable<string>, fill: (output: OutputFile) => Promise<void>): Promise<void> {
  const target = resolve(file);
  await refuseSystemPath(target);
  const output = await openReplacing(target, new InputGuard(inputs));
  try {
    await fill(output);
    await output.commit();
  } catch (error) {
    await output.discard();
    throw error;
  }
}

/** Writes one whole output file (`render -o`, `app -o`) the same way. */
export async function writeWholeFile(file: string, content: string | Uint8Array, inputs: Iterable<string>): Promise<void> {
  await writeOutput(file, inputs, (output) => output.write(content));
}
