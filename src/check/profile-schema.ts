/**
 * The JSON shape of a profile as zod schemas, and the validation of profile
 * data against them. Kept apart from `profile.ts` so that a run under a
 * built-in profile (the CLI's usual case) never loads zod: the CLI's bundle
 * reaches this module only through a dynamic import (see
 * `profile-schema-lazy.ts` and scripts/build.mjs).
 */
import { z } from 'zod';
import { BUILTIN_PROFILE_NAMES } from './profiles.js';
import { FINDING_CODES } from '../contract/codes.js';
import { DecimalString, Severity } from '../contract/schema.js';
import { Dec } from '../contract/decimal.js';

/** A figure in a profile: a JSON number or a decimal string ("0.8"). */
const DecimalLike = z.union([z.number().finite(), DecimalString]);
export type DecimalLike = z.infer<typeof DecimalLike>;

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
    severity: z.partialRecord(z.enum(FINDING_CODES), Severity).optional(),
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

/** Profile data against the schema: the profile, or the schema's account of what is wrong. */
export function validateProfileData(data: unknown): { ok: true; profile: Profile } | { ok: false; message: string } {
  const parsed = ProfileSchema.safeParse(data);
  return parsed.success ? { ok: true, profile: parsed.data } : { ok: false, message: z.prettifyError(parsed.error) };
}

/** The built-in an overlay `extends`, if the data has the shape of an overlay that names one. */
export function overlayBase(data: unknown): { extends: (typeof BUILTIN_PROFILE_NAMES)[number]; data: Record<string, unknown> } | null {
  const overlay = ProfileOverlay.safeParse(data);
  return overlay.success && overlay.data.extends ? { extends: overlay.data.extends, data: overlay.data } : null;
}
