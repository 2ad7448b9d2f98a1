/**
 * A profile by built-in name or by the path of a JSON file: the one part of
 * profile loading that needs a file system, kept apart so that the checker
 * and the browser entry never import `node:fs`.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { builtinProfileResult, isBuiltinProfileName, isProfilePath, parseProfile, type ProfileResult } from './profile.js';

/** A built-in profile by name, or a profile JSON file by path (see `isProfilePath`): a name is never read from disk. */
export function loadProfile(nameOrPath: string): ProfileResult {
  if (isBuiltinProfileName(nameOrPath) || !isProfilePath(nameOrPath)) return builtinProfileResult(nameOrPath);
  let text: string;
  try {
    const read = readProfileFile(nameOrPath);
    if (typeof read !== 'string') return { ok: false, problem: { code: 'profile-unreadable', message: `cannot read profile file "${nameOrPath}": ${read.reason}`, source: nameOrPath } };
    text = read;
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      problem: {
        code: notFound ? 'profile-not-found' : 'profile-unreadable',
        message: notFound ? `no profile file "${nameOrPath}"` : `cannot read profile file "${nameOrPath}": ${(error as Error).message}`,
        source: nameOrPath,
      },
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // The parser's message quotes the file's text: only where it failed is said.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    return { ok: false, problem: { code: 'profile-invalid', message: `"${nameOrPath}" is not JSON${position ? ` (at byte ${position})` : ''}`, source: nameOrPath } };
  }
  return parseProfile(data, nameOrPath);
}

/** The largest profile file read: a real one is about 1 KB. */
export const PROFILE_MAX_BYTES = 1024 * 1024;

/**
 * A profile file's text: only a regular file, and never more than
 * `PROFILE_MAX_BYTES` of it (a device such as /dev/zero or a FIFO is refused
 * before anything is read). Throws what opening or reading throws.
 */
function readProfileFile(path: string): string | { reason: string } {
  // Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { reason: 'not a regular file' };
    if (info.size > PROFILE_MAX_BYTES) return { reason: `more than ${PROFILE_MAX_BYTES} bytes` };
    const buffer = Buffer.alloc(PROFILE_MAX_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length <= PROFILE_MAX_BYTES; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > PROFILE_MAX_BYTES) return { reason: `more than ${PROFILE_MAX_BYTES} bytes` };
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
