/**
 * Standard input, which can be read only once, copied as it arrives into a
 * temporary file (within the byte limit), so that it is then read like any
 * other file: in pieces, by any worker thread, never whole in memory.
 */
import { tmpdir } from 'node:os';
import { unlink } from 'node:fs/promises';
import { createTemporary, release } from '../io/temporary-files.js';
import { CliProblem, osError } from '../catalogue/messages.js';

/** A new temporary file in the system's temporary folder; when none can be made there, a problem naming the folder. */
export async function systemTemporary(): ReturnType<typeof createTemporary> {
  const dir = tmpdir();
  return createTemporary(dir).catch((error: unknown) => {
    throw new CliProblem('output-failed', { file: dir, ...osError(error) });
  });
}

export interface Spool {
  /** The file that holds the bytes. */
  path: string;
  size: number;
  /** Removes the file. */
  remove(): Promise<void>;
}

/** Copies `input` into a temporary file; null when it holds more than `limit` bytes (reading stops there). */
export async function spoolStandardInput(input: AsyncIterable<Uint8Array> & { destroy?: () => void }, limit: number): Promise<Spool | null> {
  const { path, handle } = await systemTemporary();
  const remove = async () => {
    await unlink(path).catch(() => undefined);
    release(path);
  };
  let size = 0;
  try {
    for await (const chunk of input) {
      size += chunk.length;
      if (size > limit) {
        input.destroy?.();
        await handle.close();
        await remove();
        return null;
      }
      for (let at = 0; at < chunk.length; ) at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
    }
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await remove();
    throw error;
  }
  return { path, size, remove };
}
