/**
 * The built-in profiles, bundled as JSON modules so that loading one needs no
 * filesystem access. Validated by `src/check/profile-schema.ts` (test/profile-builtins.test.ts).
 */
import defaultProfile from '../../profiles/default.json' with { type: 'json' };
import mof2020Profile from '../../profiles/mof2020.json' with { type: 'json' };
import mof2021Profile from '../../profiles/mof2021.json' with { type: 'json' };
import vendorProfile from '../../profiles/vendor.json' with { type: 'json' };
import hubeiProfile from '../../profiles/hubei.json' with { type: 'json' };
import sichuanProfile from '../../profiles/sichuan.json' with { type: 'json' };

export const BUILTIN_PROFILE_NAMES = ['default', 'mof2020', 'mof2021', 'vendor', 'hubei', 'sichuan'] as const;
export type BuiltinProfileName = (typeof BUILTIN_PROFILE_NAMES)[number];

export const BUILTIN_PROFILE_DATA: Readonly<Record<BuiltinProfileName, unknown>> = {
  default: defaultProfile,
  mof2020: mof2020Profile,
  mof2021: mof2021Profile,
  vendor: vendorProfile,
  hubei: hubeiProfile,
  sichuan: sichuanProfile,
};
