/**
 * The forms of a one-page report kept on disk until the page is written: a
 * temporary file of their JSON, one after another, and where each starts.
 * The file is made like every temporary file (removed on a signal) and
 * removed at the end; it takes about the size of the forms' JSON (some 8 KB
 * a form), in the system's temporary folder (`TMPDIR`).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliProblem, osError } from '../catalogue/messages.js';
import type { Form } from '../contract/schema.js';
import { release } from '../io/temporary-files.js';
import { systemTemporary } from './stdin.js';
import type { FormStore } from '../report/spooled.js';

const FLUSH_BYTES = 1 << 20;

export class FormSpool implements FormStore {
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  private size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private handle: FileHandle | null;
  private fd: number | null = null;

  private constructor(
    private readonly path: string,
    handle: FileHandle,
  ) {
    this.handle = handle;
  }

  static async create(): Promise<FormSpool> {
    const { path, handle } = await systemTemporary();
    return new FormSpool(path, handle);
  }

  async put(form: Form): Promise<void> {
    const bytes = Buffer.from(JSON.stringify(form), 'utf8');
    this.starts.push(this.size);
    this.lengths.push(bytes.length);
    this.size += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  /** Every form is written: from now on they are read back. */
  async seal(): Promise<void> {
    await this.flush();
    await this.handle?.close();
    this.handle = null;
    this.fd = openSync(this.path, 'r');
  }

  get(id: number): Form {
    if (this.fd === null) throw new Error('the forms are read back only once all are written');
    const buffer = Buffer.allocUnsafe(this.lengths[id]);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(this.fd, buffer, read, buffer.length - read, this.starts[id] + read);
      if (n === 0) throw new Error('the temporary file of the report\'s forms ended early');
      read += n;
    }
    return JSON.parse(buffer.toString('utf8')) as Form;
  }

  async remove(): Promise<void> {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    await unlink(this.path).catch(() => undefined);
    release(this.path);
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0 || this.handle === null) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.appendFile(chunk).catch((error: unknown) => {
      // A full temporary folder: named, as every output that cannot be written is.
      throw new CliProblem('output-failed', { file: dirname(this.path), ...osError(error) });
    });
  }
}
