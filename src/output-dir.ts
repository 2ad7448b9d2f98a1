/**
 * Writing a batch's outputs under `--out DIR`, never outside it: names come
 * from `mirroredName` (no `..`), subdirectories are created one level at a
 * time and must be real directories, and no file is written through a
 * symbolic link.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
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
    const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o666).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ELOOP' ? `${file}: is a symbolic link, not written through` : `${file}: ${error.message}`);
    });
    return new OutputFile(file, handle);
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

/** A file of the output directory being written, part after part. */
export class OutputFile {
  constructor(
    readonly path: string,
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

  async close(): Promise<void> {
    await this.handle.close();
  }
}
