/**
 * Writing a batch's outputs under `--out DIR`, never outside it: names come
 * from `mirroredName` (no `..`), subdirectories are created one level at a
 * time and must be real directories, and no file is written through a
 * symbolic link. Each file is written to a temporary file beside it and
 * renamed into place once complete (`commit`), or removed (`discard`): a
 * failed write (a full disk) leaves neither a truncated file nor an empty one,
 * and the previous output stays whole until the new one replaces it.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { outputFile } from './output-paths.js';

export class OutputDirectory {
  readonly root: string;
  private readonly checked = new Set<string>();
  /** Files that must never be overwritten: the inputs of the batch. */
  private readonly protectedFiles: ReadonlySet<string>;

  constructor(root: string, protectedFiles: Iterable<string> = []) {
    this.root = resolve(root);
    this.protectedFiles = new Set([...protectedFiles].map((f) => resolve(f)));
  }

  /** Opens `name + suffix` for writing in parts; throws with a one-line reason on failure. */
  async open(name: string, suffix: string): Promise<OutputFile> {
    const file = outputFile(this.root, name, suffix);
    if (file === null) throw new Error(`${name}${suffix}: outside the output directory`);
    if (this.protectedFiles.has(file)) throw new Error(`${file}: is an input file, not overwritten`);
    await this.ensureDirectory(dirname(file));
    return openReplacing(file);
  }

  private async ensureDirectory(dir: string): Promise<void> {
    if (this.checked.has(dir)) return;
    if (dir === this.root) {
      await mkdir(dir, { recursive: true });
    } else {
      await this.ensureDirectory(dirname(dir));
      try {
        await mkdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const info = await lstat(dir);
        if (!info.isDirectory()) throw new Error(`${relative(this.root, dir).split(sep).join('/')}: exists in the output directory and is not a directory`);
      }
    }
    this.checked.add(dir);
  }
}

/**
 * Opens a temporary file beside `file` that `commit` renames to it; refuses
 * when `file` is a symbolic link (the rename would replace the link, the old
 * behaviour wrote through it: neither is what the user asked for).
 */
export async function openReplacing(file: string): Promise<OutputFile> {
  const existing = await lstat(file).catch(() => null);
  if (existing?.isSymbolicLink()) throw new Error(`${file}: is a symbolic link, not written through`);
  if (existing?.isDirectory()) throw new Error(`${file}: is a directory`);
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${(temporaryCount++).toString(36)}.tmp`);
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: ${error.message}`);
  });
  return new OutputFile(file, temporary, handle);
}

let temporaryCount = 0;

/** A file of the output directory being written, part after part, into a temporary file until committed. */
export class OutputFile {
  private closed = false;

  constructor(
    readonly path: string,
    readonly temporaryPath: string,
    private readonly handle: FileHandle,
  ) {}

  async write(text: string | Uint8Array): Promise<void> {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    for (let at = 0; at < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(bytes, at, bytes.length - at).catch((error: Error) => {
        throw new Error(`${this.path}: ${error.message}`);
      });
      at += bytesWritten;
    }
  }

  /** Completes the file: the temporary file takes its name (atomically), or is removed if that fails. */
  async commit(): Promise<void> {
    try {
      await this.close();
      await rename(this.temporaryPath, this.path);
    } catch (error) {
      await unlink(this.temporaryPath).catch(() => undefined);
      throw new Error(`${this.path}: ${(error as Error).message}`);
    }
  }

  /** Abandons the file: the temporary file is removed, any previous file at the path left as it was. */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await unlink(this.temporaryPath).catch(() => undefined);
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

/**
 * Writes one whole output file (`report -o`, `render -o`) with the protection
 * `--out` has: never over one of the inputs (by path or, for a hard link, by
 * identity), never through a symbolic link, and through a temporary file, so
 * that a failed write leaves the previous file as it was. Throws a one-line reason.
 */
export async function writeWholeFile(file: string, text: string, inputs: Iterable<string>): Promise<void> {
  const target = resolve(file);
  const existing = await stat(target).catch(() => null);
  for (const input of inputs) {
    if (resolve(input) === target) throw new Error(`${file}: is an input file, not overwritten`);
    if (existing === null) continue;
    const info = await stat(input).catch(() => null);
    if (info !== null && info.dev === existing.dev && info.ino === existing.ino) throw new Error(`${file}: is an input file, not overwritten`);
  }
  const output = await openReplacing(target);
  try {
    await output.write(text);
    await output.commit();
  } catch (error) {
    await output.discard();
    throw error;
  }
}
