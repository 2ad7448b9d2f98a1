/**
 * A profile by built-in name or by the path of a JSON file: the one part of
 * profile loading that needs a file system, kept apart so that the checker
 * and the browser entry never import `node:fs`.
 */
import { readFileSync } from 'node:fs';
import { builtinProfileResult, isBuiltinProfileName, parseProfile, unknownProfileMessage, type ProfileResult } from './profile.js';

/** A built-in profile by name, or a profile JSON file by path. */
export function loadProfile(nameOrPath: string): ProfileResult {
  if (isBuiltinProfileName(nameOrPath)) return builtinProfileResult(nameOrPath);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      problem: {
        code: notFound ? 'profile-not-found' : 'profile-unreadable',
        message: notFound ? unknownProfileMessage(nameOrPath) : `cannot read profile file "${nameOrPath}": ${(error as Error).message}`,
        source: nameOrPath,
      },
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problem: { code: 'profile-invalid', message: `not JSON: ${(error as Error).message}`, source: nameOrPath } };
  }
  return parseProfile(data, nameOrPath);
}
