/**
 * What `profile.ts` takes from `profile-schema.ts`, as the CLI's bundles see
 * it: the same functions, usable once `loadProfileSchema()` has imported the
 * real module. scripts/build.mjs puts this module in that one's place for
 * dist/cli.js and dist/worker.js, so that a run under a built-in profile never
 * loads zod; the CLI loads it before reading a profile file. Elsewhere (the
 * library, tests) `profile.ts` imports the real module and this one is inert.
 */
import type * as Schema from './profile-schema.js';

let schema: typeof Schema | null = null;

export async function loadProfileSchema(): Promise<void> {
  schema ??= await import('./profile-schema.js');
}

function loaded(): typeof Schema {
  if (schema === null) throw new Error('profile validation used before loadProfileSchema()');
  return schema;
}

export const validateProfileData: typeof Schema.validateProfileData = (data) => loaded().validateProfileData(data);
export const overlayBase: typeof Schema.overlayBase = (data) => loaded().overlayBase(data);
