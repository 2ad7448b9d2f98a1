/** The built-in profiles are bundled JSON and not validated at run time: each is held to the schema here. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILE_DATA, BUILTIN_PROFILE_NAMES } from '../src/check/profiles.js';
import { ProfileSchema } from '../src/check/profile-schema.js';
import { builtinProfile } from '../src/check/profile.js';

describe('built-in profiles', () => {
  it.each(BUILTIN_PROFILE_NAMES)('%s passes the profile schema unchanged', (name) => {
    const parsed = ProfileSchema.safeParse(BUILTIN_PROFILE_DATA[name]);
    expect(parsed.success ? null : parsed.error.message).toBeNull();
    expect(parsed.data).toEqual(BUILTIN_PROFILE_DATA[name]);
    expect(builtinProfile(name)).toEqual(parsed.data);
  });

  it('the schema rejects a built-in with a field broken, so the test above can fail', () => {
    const broken = { ...(BUILTIN_PROFILE_DATA.default as Record<string, unknown>), rateRounding: 'sometimes' };
    expect(ProfileSchema.safeParse(broken).success).toBe(false);
  });
});
