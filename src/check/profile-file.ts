/**
 * A profile by built-in name or by the path of a JSON file: the one part of
 * profile loading that needs a file system, kept apart so that the checker
 * and the browser entry never import `node:fs`.
 */
import { readFileSync } from 'node:fs';
import { builtinProfileResult, isBuiltinProfileName, isProfilePath, parseProfile, type ProfileResult } from './profile.js';

/** A built-in profile by name, or a profile JSON file by path (see `isProfilePath`): a name is never read from disk. */
export function loadProfile(nameOrPath: string): ProfileResult {
  if (isBuiltinProfileName(nameOrPath) || !isProfilePath(nameOrPath)) return builtinProfileResult(nameOrPath);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
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
