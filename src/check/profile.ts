/**
 * Profiles: the scoring choices that differ between authorities (domain primer
 * §5), as data. A profile is JSON; `resolveProfile` turns one into the
 * `Settings` the checker reads, with every figure an exact decimal.
 */
import { z } from 'zod';
import { BUILTIN_PROFILE_DATA, BUILTIN_PROFILE_NAMES, type BuiltinProfileName } from './profiles.js';
import { RULE_CODES, type RuleCode } from './rules.js';
import { DecimalString, Severity } from '../schema.js';
import { Dec } from './units.js';

/** A figure in a profile: a JSON number or a decimal string ("0.8"). */
const DecimalLike = z.union([z.number().finite(), DecimalString]);
type DecimalLike = z.infer<typeof DecimalLike>;

export const ReverseRule = z.enum(['binary', 'inverse', 'linear2x']);
export const RateRounding = z.enum(['round', 'truncate', 'either']);
export const ZeroBudget = z.enum(['zero', 'exclude', 'error']);
export const NotApplicableHandling = z.enum(['asDeclared', 'renormalize']);

export const ProfileSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    /** The usual points of each block; informative, and the fallback for a form that lacks its funds weight. */
    weights: z
      .object({
        execution: DecimalLike.nullable(),
        output: DecimalLike.nullable(),
        benefit: DecimalLike.nullable(),
        satisfaction: DecimalLike.nullable(),
        cost: DecimalLike.nullable(),
        /** Σ of all indicator weights, where a template sets that rather than each 一级 (四川: 绩效指标 90). */
        indicators: DecimalLike.nullable(),
      })
      .partial()
      .optional(),
    /**
     * Score beyond a reverse (≤) target: 0 | 分值 × target ÷ actual | linear to 0 at twice the target. One rule,
     * or a list of the rules accepted: a declared score given by any of them is consistent; the first is the one
     * reported when none fits.
     */
    reverseRule: z.union([ReverseRule, z.array(ReverseRule).min(1)]),
    /** actual ÷ target at or above which a positive indicator is reported as far over-achieved; null: never. */
    overAchievementRatio: DecimalLike.nullable().optional(),
    /** An execution rate (percent) below which the form must explain it (四川: 90); null: no such rule. */
    executionReasonBelow: DecimalLike.nullable().optional(),
    /** Execution score capped at 分值 when the rate is above 100 %. */
    executionCap: z.boolean(),
    /** How a declared execution rate may be rounded. */
    rateRounding: RateRounding,
    /** How a declared score may be rounded to its decimals ('either': rounded or truncated). */
    scoreRounding: RateRounding,
    /** 全年预算数 = 0: rate and score 0 (seed) | funds left out of the totals | an error. */
    zeroBudget: ZeroBudget,
    /** Lower bounds of the qualitative bands, as fractions of 分值. */
    qualitativeBands: z.object({ achieved: DecimalLike, partly: DecimalLike }),
    /** Lower bounds of 优, 良, 中; below the last is 差. */
    gradeBands: z.tuple([DecimalLike, DecimalLike, DecimalLike]),
    notApplicable: NotApplicableHandling,
    /**
     * The profile's standard layout: satisfaction counted inside 效益 (true), as a 一级 of its own (false), or
     * either ('auto'). The layout a form uses is read from the form itself; one that departs from the standard
     * (or from the usual points in `weights`) is reported as info, never as a weight mismatch.
     */
    satisfactionInBenefit: z.union([z.literal('auto'), z.boolean()]),
    /** Absolute difference (points) accepted between a declared and a recomputed score. */
    tolerance: DecimalLike,
    scoreDecimals: z.number().int().min(0).max(8),
    /** Severity overrides by finding code. */
    severity: z.partialRecord(z.enum(RULE_CODES), Severity).optional(),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const achieved = new Dec(String(profile.qualitativeBands.achieved));
    const partly = new Dec(String(profile.qualitativeBands.partly));
    if (partly.lt(0) || partly.gt(achieved) || achieved.gt(1)) {
      ctx.addIssue({ code: 'custom', path: ['qualitativeBands'], message: 'bands must satisfy 0 ≤ partly ≤ achieved ≤ 1' });
    }
    if (profile.overAchievementRatio != null && new Dec(String(profile.overAchievementRatio)).lte(1)) {
      ctx.addIssue({ code: 'custom', path: ['overAchievementRatio'], message: 'the over-achievement ratio must be above 1' });
    }
    const [excellent, good, pass] = profile.gradeBands.map((band) => new Dec(String(band)));
    if (!(excellent.gte(good) && good.gte(pass))) {
      ctx.addIssue({ code: 'custom', path: ['gradeBands'], message: 'grade bands must be descending: [优, 良, 中]' });
    }
    if (new Dec(String(profile.tolerance)).lt(0)) {
      ctx.addIssue({ code: 'custom', path: ['tolerance'], message: 'tolerance must not be negative' });
    }
  });

export type Profile = z.infer<typeof ProfileSchema>;

/** A built-in profile with some fields changed: what a user's profile file usually holds. */
export type ProfileOverlay = Partial<Omit<Profile, 'name'>> & { name: string; extends: BuiltinProfileName };

/**
 * A user's profile file may name a built-in it `extends` and give only the
 * fields it changes; nested objects (weights, bands) are merged too.
 */
const ProfileOverlay = z
  .object({ extends: z.enum(BUILTIN_PROFILE_NAMES).optional(), name: z.string().min(1) })
  .catchall(z.unknown());

export type ReverseRule = z.infer<typeof ReverseRule>;
export type RateRounding = z.infer<typeof RateRounding>;
export type ZeroBudget = z.infer<typeof ZeroBudget>;
export type NotApplicableHandling = z.infer<typeof NotApplicableHandling>;

/** A profile normalised once for the checker: every figure a decimal. */
export interface Settings {
  readonly kind: 'settings';
  readonly name: string;
  /** Accepted reverse rules, the first reported when none fits. */
  readonly reverseRules: readonly [ReverseRule, ...ReverseRule[]];
  readonly overAchievementRatio: Dec | null;
  readonly executionReasonBelow: Dec | null;
  readonly executionCap: boolean;
  readonly rateRounding: RateRounding;
  readonly scoreRounding: RateRounding;
  readonly zeroBudget: ZeroBudget;
  readonly qualitativeBands: { readonly achieved: Dec; readonly partly: Dec };
  readonly gradeBands: { readonly excellent: Dec; readonly good: Dec; readonly pass: Dec };
  readonly notApplicable: NotApplicableHandling;
  readonly satisfactionInBenefit: 'auto' | boolean;
  readonly tolerance: Dec;
  readonly scoreDecimals: number;
  readonly weights: {
    readonly execution: Dec | null;
    readonly output: Dec | null;
    readonly benefit: Dec | null;
    readonly satisfaction: Dec | null;
    readonly cost: Dec | null;
    readonly indicators: Dec | null;
  };
  readonly severity: Readonly<Partial<Record<RuleCode, Severity>>>;
}

export interface ProfileProblem {
  code: 'profile-not-found' | 'profile-unreadable' | 'profile-invalid';
  message: string;
  source: string;
}

export type ProfileResult = { ok: true; profile: Profile } | { ok: false; problem: ProfileProblem };
export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problem: ProfileProblem };

function isBuiltinName(name: string): name is BuiltinProfileName {
  return (BUILTIN_PROFILE_NAMES as readonly string[]).includes(name);
}

/** Built-ins are our own data: a failure here is a bug, caught by the tests. */
const BUILTIN_PROFILES: Readonly<Record<BuiltinProfileName, Profile>> = Object.fromEntries(
  BUILTIN_PROFILE_NAMES.map((name) => [name, ProfileSchema.parse(BUILTIN_PROFILE_DATA[name])]),
) as Record<BuiltinProfileName, Profile>;

export function builtinProfile(name: BuiltinProfileName): Profile {
  return BUILTIN_PROFILES[name];
}

export { BUILTIN_PROFILE_NAMES, type BuiltinProfileName };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeOverlay(base: Profile, overlay: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base, description: undefined };
  for (const [key, value] of Object.entries(overlay)) {
    if (key === 'extends') continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  return merged;
}

/** Validates profile data (a full profile, or an overlay that `extends` a built-in). */
export function parseProfile(data: unknown, source = 'profile'): ProfileResult {
  const invalid = (message: string): ProfileResult => ({ ok: false, problem: { code: 'profile-invalid', message, source } });
  // JSON.parse makes "__proto__" an own key, which a spread would turn into a prototype: refused outright.
  const proto = protoKeyPath(data);
  if (proto !== null) return invalid(`"__proto__" is not a profile field (at ${proto})`);
  if (isPlainObject(data) && 'extends' in data && !(typeof data.extends === 'string' && isBuiltinName(data.extends))) {
    return invalid(`extends: ${JSON.stringify(data.extends)} is not a built-in profile (built-ins: ${BUILTIN_PROFILE_NAMES.join(', ')})`);
  }
  const overlay = ProfileOverlay.safeParse(data);
  const candidate = overlay.success && overlay.data.extends ? mergeOverlay(builtinProfile(overlay.data.extends), overlay.data) : data;
  const parsed = ProfileSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, profile: parsed.data };
  return { ok: false, problem: { code: 'profile-invalid', message: z.prettifyError(parsed.error), source } };
}

/**
 * A built-in profile by name. Reading a profile file by path needs a file
 * system: `loadProfile` in `profile-file.ts` (Node only) does that.
 */
export function builtinProfileResult(name: string): ProfileResult {
  if (isBuiltinName(name)) return { ok: true, profile: builtinProfile(name) };
  return { ok: false, problem: { code: 'profile-not-found', message: unknownProfileMessage(name), source: name } };
}

export function unknownProfileMessage(name: string): string {
  return `no built-in profile named "${name}" (built-ins: ${BUILTIN_PROFILE_NAMES.join(', ')}; a profile file is given by a path starting with ./ or /, or ending in .json)`;
}

export function isBuiltinProfileName(name: unknown): name is BuiltinProfileName {
  return typeof name === 'string' && isBuiltinName(name);
}

/** Where an own `__proto__` key sits in parsed JSON (`root`, `weights`), or null. */
function protoKeyPath(value: unknown, path = 'root'): string | null {
  if (typeof value !== 'object' || value === null) return null;
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return path;
  for (const [key, child] of Object.entries(value)) {
    const found = protoKeyPath(child, path === 'root' ? key : `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Whether a profile string names a file: it starts with `./`, `../` or `/`
 * (or `.\`, `..\`, a drive letter on Windows), or ends in `.json`. Any other
 * string is a built-in's name, never read from disk.
 */
export function isProfilePath(value: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(value) || /\.json$/i.test(value);
}

function decimal(value: DecimalLike): Dec {
  return new Dec(typeof value === 'number' ? String(value) : value);
}

function optionalDecimal(value: DecimalLike | null | undefined): Dec | null {
  return value == null ? null : decimal(value);
}

export function toSettings(profile: Profile): Settings {
  const [excellent, good, pass] = profile.gradeBands.map(decimal);
  const weights = profile.weights ?? {};
  return {
    kind: 'settings',
    name: profile.name,
    reverseRules: (Array.isArray(profile.reverseRule) ? profile.reverseRule : [profile.reverseRule]) as [ReverseRule, ...ReverseRule[]],
    overAchievementRatio: optionalDecimal(profile.overAchievementRatio),
    executionReasonBelow: optionalDecimal(profile.executionReasonBelow),
    executionCap: profile.executionCap,
    rateRounding: profile.rateRounding,
    scoreRounding: profile.scoreRounding,
    zeroBudget: profile.zeroBudget,
    qualitativeBands: { achieved: decimal(profile.qualitativeBands.achieved), partly: decimal(profile.qualitativeBands.partly) },
    gradeBands: { excellent, good, pass },
    notApplicable: profile.notApplicable,
    satisfactionInBenefit: profile.satisfactionInBenefit,
    tolerance: decimal(profile.tolerance),
    scoreDecimals: profile.scoreDecimals,
    weights: {
      execution: optionalDecimal(weights.execution),
      output: optionalDecimal(weights.output),
      benefit: optionalDecimal(weights.benefit),
      satisfaction: optionalDecimal(weights.satisfaction),
      cost: optionalDecimal(weights.cost),
      indicators: optionalDecimal(weights.indicators),
    },
    severity: { ...(profile.severity ?? {}) },
  };
}

export const DEFAULT_SETTINGS: Settings = toSettings(builtinProfile('default'));

function isSettings(value: unknown): value is Settings {
  return isPlainObject(value) && value.kind === 'settings';
}

/**
 * Normalises a profile given by built-in name, profile object (full or
 * `extends` overlay) or already-resolved settings. Nothing given: `default`.
 * A file path is read by the caller first (`loadProfile` in `profile-file.ts`).
 */
export function resolveProfile(input?: string | Profile | ProfileOverlay | Settings | null): SettingsResult {
  if (input == null) return { ok: true, settings: DEFAULT_SETTINGS };
  if (isSettings(input)) return { ok: true, settings: input };
  const loaded = typeof input === 'string' ? builtinProfileResult(input) : parseProfile(input);
  return loaded.ok ? { ok: true, settings: toSettings(loaded.profile) } : loaded;
}
