/**
 * Profiles: the scoring choices that differ between authorities (domain primer
 * §5), as data. A profile is JSON; `resolveProfile` turns one into the
 * `Settings` the checker reads, with every figure an exact decimal.
 */
import { BUILTIN_PROFILE_DATA, BUILTIN_PROFILE_NAMES, type BuiltinProfileName } from './profiles.js';
import type { FindingCode } from '../contract/codes.js';
import type { Severity } from '../contract/schema.js';
import { overlayBase, validateProfileData, type DecimalLike, type NotApplicableHandling, type Profile, type RateRounding, type ReverseRule, type ZeroBudget } from './profile-schema.js';
import { Dec, scaledOf, type Exact } from '../contract/decimal.js';

export type { NotApplicableHandling, Profile, RateRounding, ReverseRule, ZeroBudget } from './profile-schema.js';

/** A built-in profile with some fields changed: what a user's profile file usually holds. */
export type ProfileOverlay = Partial<Omit<Profile, 'name'>> & { name: string; extends: BuiltinProfileName };

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
  readonly severity: Readonly<Partial<Record<FindingCode, Severity>>>;
}

export interface ProfileProblem {
  code: 'profile-not-found' | 'profile-unreadable' | 'profile-invalid';
  message: string;
  source: string;
}

export type ProfileResult = { ok: true; profile: Profile } | { ok: false; problem: ProfileProblem };
/** A resolved profile: the checker's settings, and the profile data they were made from (null when settings were given). */
export type SettingsResult = { ok: true; settings: Settings; profile: Profile | null } | { ok: false; problem: ProfileProblem };

/** A profile of your own, by the path of its JSON file (read by the Node entry and the command line; refused in the browser). */
export type ProfileFile = `${string}.json`;

/** How a caller names a profile: a built-in name, the path of a profile file, a profile object (full or an `extends` overlay) or resolved settings. */
export type ProfileValue = BuiltinProfileName | ProfileFile | Profile | ProfileOverlay | Settings;

/** The options of `check` (and of `parseStream`'s `check`): which profile; default `default`. */
export interface CheckOptions {
  /** The profile; default: `default`. */
  profile?: ProfileValue;
}

/** Reads a profile by name or file path (`loadProfile` in Node); null where there is no file system. */
export type ProfileReader = ((nameOrPath: string) => ProfileResult) | null;

function isBuiltinName(name: string): name is BuiltinProfileName {
  return (BUILTIN_PROFILE_NAMES as readonly string[]).includes(name);
}

/** Built-ins are our own data, not validated at run time: test/profile-builtins.test.ts holds each to the schema. */
const BUILTIN_PROFILES = BUILTIN_PROFILE_DATA as Readonly<Record<BuiltinProfileName, Profile>>;

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
  const found = protoKeyPath(data);
  if (found !== null && 'tooDeep' in found) return invalid(`nested more than ${PROFILE_MAX_DEPTH} levels deep`);
  if (found !== null) return invalid(`"__proto__" is not a profile field (at ${found.proto})`);
  if (isPlainObject(data) && 'extends' in data && !(typeof data.extends === 'string' && isBuiltinName(data.extends))) {
    return invalid(`extends: ${JSON.stringify(data.extends)} is not a built-in profile (built-ins: ${BUILTIN_PROFILE_NAMES.join(', ')})`);
  }
  const overlay = overlayBase(data);
  const candidate = overlay !== null ? mergeOverlay(builtinProfile(overlay.extends), overlay.data) : data;
  const parsed = validateProfileData(candidate);
  if (parsed.ok) return parsed;
  return { ok: false, problem: { code: 'profile-invalid', message: parsed.message, source } };
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

/** How deeply a profile's JSON may nest; a real profile nests three levels. */
export const PROFILE_MAX_DEPTH = 32;

/**
 * Where an own `__proto__` key sits in parsed JSON (`root`, `weights`), or
 * why the data cannot be searched: nested deeper than `PROFILE_MAX_DEPTH`.
 * Walked with a stack of its own, so that no nesting overflows the call stack.
 */
function protoKeyPath(value: unknown): { proto: string } | { tooDeep: true } | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: 'root', depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > PROFILE_MAX_DEPTH) return { tooDeep: true };
    if (Object.prototype.hasOwnProperty.call(next.value, '__proto__')) return { proto: next.path };
    for (const [key, child] of Object.entries(next.value)) {
      pending.push({ value: child, path: next.path === 'root' ? key : `${next.path}.${key}`, depth: next.depth + 1 });
    }
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

/** The settings' figures as exact decimals, the form the checker computes with. */
export interface SettingsFigures {
  readonly overAchievementRatio: Exact | null;
  readonly executionReasonBelow: Exact | null;
  readonly qualitativeBands: { readonly achieved: Exact; readonly partly: Exact };
  readonly gradeBands: { readonly excellent: Exact; readonly good: Exact; readonly pass: Exact };
  readonly tolerance: Exact;
  readonly weights: { readonly [K in keyof Settings['weights']]: Exact | null };
}

/** Each settings object's figures, made once: the checker reads them per row of every form. */
const FIGURES = new WeakMap<Settings, SettingsFigures>();

function exactOf(value: Dec): Exact {
  const exact = scaledOf(value);
  if (exact === null) throw new RangeError(`a profile figure must be finite, not ${value.toString()}`);
  return exact;
}

const optionalExact = (value: Dec | null): Exact | null => (value === null ? null : exactOf(value));

/** The figures of settings as exact decimals (the settings keep decimal.js values, as the library gives them). */
export function figuresOf(settings: Settings): SettingsFigures {
  let figures = FIGURES.get(settings);
  if (figures === undefined) {
    const { weights, gradeBands, qualitativeBands } = settings;
    figures = {
      overAchievementRatio: optionalExact(settings.overAchievementRatio),
      executionReasonBelow: optionalExact(settings.executionReasonBelow),
      qualitativeBands: { achieved: exactOf(qualitativeBands.achieved), partly: exactOf(qualitativeBands.partly) },
      gradeBands: { excellent: exactOf(gradeBands.excellent), good: exactOf(gradeBands.good), pass: exactOf(gradeBands.pass) },
      tolerance: exactOf(settings.tolerance),
      weights: {
        execution: optionalExact(weights.execution),
        output: optionalExact(weights.output),
        benefit: optionalExact(weights.benefit),
        satisfaction: optionalExact(weights.satisfaction),
        cost: optionalExact(weights.cost),
        indicators: optionalExact(weights.indicators),
      },
    };
    FIGURES.set(settings, figures);
  }
  return figures;
}

export const DEFAULT_SETTINGS: Settings = toSettings(builtinProfile('default'));

function isSettings(value: unknown): value is Settings {
  return isPlainObject(value) && value.kind === 'settings';
}

/** Settings made once per built-in, so that checking form by form does not make them again. */
const BUILTIN_SETTINGS = new Map<string, Settings>([['default', DEFAULT_SETTINGS]]);

function builtinSettings(profile: Profile): Settings {
  let settings = BUILTIN_SETTINGS.get(profile.name);
  if (settings === undefined) BUILTIN_SETTINGS.set(profile.name, (settings = toSettings(profile)));
  return settings;
}

/**
 * The one profile resolver, used by the library, the stream, the checker and
 * the command line: a built-in name, a profile file's path (read by
 * `readFile`; none in the browser), a profile object (full or an `extends`
 * overlay) or already-resolved settings, to the settings the checker reads.
 * Nothing given: `default`. A profile that cannot be resolved is a problem
 * value; every caller refuses it before checking anything (the library and
 * the checker throw `profileRefusal`, the command line exits with it), never
 * falls back to another profile.
 */
export function resolveProfile(input?: unknown, readFile: ProfileReader = null): SettingsResult {
  if (input == null) return { ok: true, settings: DEFAULT_SETTINGS, profile: builtinProfile('default') };
  if (isSettings(input)) return { ok: true, settings: input, profile: null };
  if (typeof input === 'string' && isBuiltinName(input)) {
    const profile = builtinProfile(input);
    return { ok: true, settings: builtinSettings(profile), profile };
  }
  if (typeof input !== 'string' && !isPlainObject(input)) {
    return { ok: false, problem: { code: 'profile-invalid', message: 'a profile is a name, a file path or an object', source: 'profile' } };
  }
  const loaded = typeof input !== 'string' ? parseProfile(input) : readFile === null ? builtinProfileResult(input) : readFile(input);
  return loaded.ok ? { ok: true, settings: toSettings(loaded.profile), profile: loaded.profile } : loaded;
}

/** How a value is named in an error message: `null`, `a number (123)`, `an object`. */
export function described(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)})`;
    case 'number':
    case 'bigint':
    case 'boolean':
      return `a ${typeof value} (${String(value)})`;
    case 'function':
      return 'a function';
    default: {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== 'Object' && name !== '' ? `a ${name}` : 'an object';
    }
  }
}

/**
 * The error a caller's unusable profile is refused with, thrown by `fn`
 * before anything is checked: a RangeError for a name that is neither a
 * built-in nor a profile file, a TypeError for anything else.
 */
export function profileRefusal(fn: string, input: unknown, problem: ProfileProblem, readsFiles: boolean): Error {
  const builtins = BUILTIN_PROFILE_NAMES.join(', ');
  if (typeof input !== 'string') {
    if (!isPlainObject(input)) return new TypeError(`${fn}: options.profile must be a profile name or a profile object, not ${described(input)}`);
    return new TypeError(`${fn}: options.profile is not a valid profile: ${problem.message.split('\n').join(' ')}`);
  }
  if (!readsFiles) return new RangeError(`${fn}: unknown profile ${JSON.stringify(input)} (built-ins: ${builtins}); in the browser a profile of your own is passed as an object`);
  if (problem.code === 'profile-not-found') return new RangeError(`${fn}: unknown profile ${JSON.stringify(input)}: neither a built-in (${builtins}) nor a profile file`);
  return new TypeError(`${fn}: options.profile ${JSON.stringify(input)}: ${problem.message.split('\n').join(' ')}`);
}

/** The settings of a profile value, or the refusal thrown (see `resolveProfile`). */
export function settingsOf(fn: string, input: unknown, readFile: ProfileReader = null): Settings {
  const resolved = resolveProfile(input, readFile);
  if (resolved.ok) return resolved.settings;
  throw profileRefusal(fn, input, resolved.problem, readFile !== null);
}
