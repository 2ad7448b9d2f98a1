/** Units, rounding, scoring helpers and profiles: the checker's building blocks. */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROFILE_NAMES,
  DEFAULT_SETTINGS,
  builtinProfile,
  parseProfile,
  resolveProfile,
} from '../src/check/profile.js';
import { loadProfile } from '../src/check/profile-file.js';
import {
  classifyQualitative,
  declaredDecimals,
  executionRate,
  executionScore,
  isBlankMeasure,
  isConsistent,
  isNotApplicable,
  normalizeText,
  roundHalfUp,
  truncate,
  withinOneRoundingStep,
} from '../src/check/score.js';
import { comparable } from '../src/check/units.js';
import { Dec, readScaled, scaledOf, writtenDecimals } from '../src/contract/decimal.js';
import type { Indicator, Measure } from '../src/contract/schema.js';
import { inSharedUnit } from './support/units.js';

const d = (value: string) => readScaled(value)!;

describe('units', () => {
  it('converts 元/万元/亿元 exactly', () => {
    const aligned = inSharedUnit({ value: d('460.75'), unit: '万元' }, { value: d('4261455'), unit: '元' });
    expect(aligned?.target.toFixed()).toBe('4607500');
    expect(aligned?.actual.toFixed()).toBe('4261455');
    expect(inSharedUnit({ value: d('0.1'), unit: '亿元' }, { value: d('1000.01'), unit: '万元' })?.actual.toFixed()).toBe('10000100');
  });

  it('lets a bare actual take the target unit, and a bare target the actual unit', () => {
    expect(comparable('台', null)).toBe(true);
    expect(comparable(null, '件')).toBe(true);
    expect(inSharedUnit({ value: d('2'), unit: '万元' }, { value: d('3'), unit: null })?.actual.toFixed()).toBe('30000');
  });

  it('compares % only with % (百分比 and ％ are %)', () => {
    expect(comparable('%', '百分比')).toBe(true);
    expect(comparable('％', '%')).toBe(true);
    expect(comparable('万元', '%')).toBe(false);
    expect(comparable('%', '人')).toBe(false);
  });

  it('compares count units only with themselves', () => {
    expect(comparable('台', '台')).toBe(true);
    expect(comparable('台', '套')).toBe(false);
    expect(comparable('批次', '批次')).toBe(true);
  });

  it('never loses a digit converting money', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        const value = new Dec(units.toString()).div(new Dec(10).pow(scale));
        const aligned = inSharedUnit({ value, unit: '亿元' }, { value: d('0'), unit: '元' });
        return aligned !== null && aligned.target.div(100000000).eq(value);
      }),
    );
  });
});

describe('rounding and consistency', () => {
  it('counts a whole number as 2 decimals', () => {
    expect(declaredDecimals('2')).toBe(2);
    expect(declaredDecimals('5.2')).toBe(1);
    expect(declaredDecimals('99.920')).toBe(3);
  });

  it('counts the decimals a figure is written with', () => {
    expect(writtenDecimals('2')).toBe(0);
    expect(writtenDecimals('90.00')).toBe(2);
    expect(writtenDecimals('-0.125')).toBe(3);
  });

  it('judges a declared figure by the recomputed one at its own decimals', () => {
    expect(isConsistent('5.2', d('5.2089'))).toBe(true);
    expect(isConsistent('2', d('1.9604'))).toBe(false);
    expect(isConsistent('1.96', d('1.9604'))).toBe(true);
    expect(isConsistent('99.92', d('99.9272'), 'round')).toBe(false);
    expect(isConsistent('99.92', d('99.9272'), 'truncate')).toBe(true);
    expect(isConsistent('99.92', d('99.9272'), 'either')).toBe(true);
    expect(isConsistent('88.21', d('88.2063'), 'truncate')).toBe(false);
  });

  it('rounds half up and truncates toward zero', () => {
    expect(roundHalfUp(d('2.345'), 2).toFixed()).toBe('2.35');
    expect(roundHalfUp(d('-2.345'), 2).toFixed()).toBe('-2.35');
    expect(truncate(d('2.349'), 2).toFixed()).toBe('2.34');
  });

  it('knows a miss of one rounding step from a larger one', () => {
    expect(withinOneRoundingStep('5.22', d('5.2089'))).toBe(true);
    expect(withinOneRoundingStep('2', d('1.9604'))).toBe(false);
  });

  it('finds every rounded or truncated figure consistent with its source', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 1, max: 4 }), (units, decimals) => {
        const value = scaledOf(new Dec(units.toString()).div(10 ** 6))!;
        const rounded = roundHalfUp(value, decimals).toFixed(decimals);
        const truncated = truncate(value, decimals).toFixed(decimals);
        return isConsistent(rounded, value, 'round') && isConsistent(truncated, value, 'truncate') && isConsistent(truncated, value, 'either');
      }),
    );
  });
});

describe('execution', () => {
  it('computes the rate against 全年预算数 and leaves it undefined for a zero budget', () => {
    expect(executionRate(d('19402034.90'), d('19416170.49'))?.toFixed(4)).toBe('99.9272');
    expect(executionRate(d('0'), d('0'))).toBeNull();
  });

  it('caps the score at 分值 unless told not to', () => {
    expect(executionScore(d('10'), d('110'), true).toFixed()).toBe('10');
    expect(executionScore(d('10'), d('110'), false).toFixed()).toBe('11');
    expect(executionScore(d('10'), d('79.3132'), true).toFixed()).toBe('7.93132');
  });
});

describe('qualitative vocabulary', () => {
  it.each([
    ['有效', '有效', 'achieved'],
    ['及时', '及时', 'achieved'],
    ['有效保障', '有效保障', 'achieved'],
    ['效果明显', '达成预期指标', 'achieved'],
    ['部分达成预期指标并具有一定效果', '达成预期指标', 'partly'],
    ['未达成预期指标且效果较差', '达成预期指标', 'notAchieved'],
    ['不及时', '及时', 'notAchieved'],
    ['服务群众', '服务群众', 'achieved'],
    ['基本完成', '完成', null],
    ['已开展', '及时', null],
  ] as const)('places %s (target %s) as %s', (actual, target, expected) => {
    expect(classifyQualitative(actual, target)).toBe(expected);
  });
});

describe('blank and 不适用 texts', () => {
  const measure = (text: string): Measure => ({ raw: text, text, line: 1, column: 1, kind: 'text', op: null, value: null, unit: null });
  const row = (name: string, target: string, actual: string): Indicator => ({
    level1: null, level1Points: null, level2: null, name, target: measure(target), actual: measure(actual), weight: null, score: null, deviation: null, line: 1, recomputedScore: null,
  });

  it.each([
    ['', true],
    ['——', true],
    ['（ ）', true],
    ['  / ', true],
    ['0', false],
    ['（无）', false],
    ['— 达标', false],
    ['达标', false],
    ['x', false],
  ] as const)('tells whether %j holds nothing: %s', (text, blank) => {
    expect(isBlankMeasure(measure(text))).toBe(blank);
  });

  it.each([
    ['不适用', true],
    [' 不 适 用 ', true],
    ['（不适用）', true],
    ['【无此项】', true],
    ['“不涉及”。', true],
    ['暂不适用', false],
    ['适用', false],
    ['不适用于本项目', false],
    ['90%', false],
  ] as const)('tells whether %j says 不适用 (as a name, a target or an actual): %s', (text, says) => {
    expect(isNotApplicable(row(text, '达标', '达标'))).toBe(says);
    expect(isNotApplicable(row('指标', text, '达标'))).toBe(says);
    expect(isNotApplicable(row('指标', '达标', text))).toBe(says);
  });
});

describe('normalised texts', () => {
  it('lose their spaces, punctuation and symbols, and nothing else', () => {
    const character = fc.constantFrom(...'达标率不适用无0195aZ．。，、（）()【】“”-—/%％≥≤+＋ \u3000\t\n１Ａ😀ⅰ々〇'.split(''));
    fc.assert(
      fc.property(fc.array(character, { maxLength: 12 }), fc.string({ maxLength: 6 }), (characters, more) => {
        for (const text of [characters.join(''), characters.join('') + more]) expect(normalizeText(text)).toBe(text.replace(/[\s\p{P}\p{S}]+/gu, ''));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('profiles', () => {
  it('loads every built-in without the filesystem, each valid', () => {
    for (const name of BUILTIN_PROFILE_NAMES) {
      const loaded = loadProfile(name);
      expect(loaded.ok && loaded.profile.name).toBe(name);
    }
    expect(builtinProfile('default')).toMatchObject({ reverseRule: ['inverse', 'binary'], rateRounding: 'either', zeroBudget: 'zero', satisfactionInBenefit: 'auto' });
    expect(builtinProfile('hubei')).toMatchObject({ reverseRule: 'inverse', qualitativeBands: { achieved: 0.8, partly: 0.5 } });
    expect(builtinProfile('sichuan')).toMatchObject({ weights: { execution: 10, indicators: 90 }, executionReasonBelow: 90 });
    expect(builtinProfile('mof2020')).toMatchObject({ reverseRule: 'inverse', gradeBands: [90, 80, 60] });
    expect(builtinProfile('vendor')).toMatchObject({ reverseRule: 'linear2x', gradeBands: [80, 70, 60] });
    expect(builtinProfile('hubei').qualitativeBands).toEqual({ achieved: 0.8, partly: 0.5 });
  });

  it('resolves to exact settings once', () => {
    expect(DEFAULT_SETTINGS.qualitativeBands.achieved.toFixed()).toBe('0.8');
    expect(DEFAULT_SETTINGS.gradeBands.excellent.toFixed()).toBe('90');
    const resolved = resolveProfile('hubei');
    expect(resolved.ok && resolved.settings.qualitativeBands.partly.toFixed()).toBe('0.5');
    const again = resolved.ok ? resolveProfile(resolved.settings) : null;
    expect(again?.ok && again.settings).toBe(resolved.ok && resolved.settings);
  });

  it('reads a user profile file, full or extending a built-in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-profile-'));
    const overlayPath = join(dir, 'overlay.json');
    writeFileSync(overlayPath, JSON.stringify({ extends: 'mof2020', name: 'anhui', qualitativeBands: { partly: '0.5' } }));
    const overlay = loadProfile(overlayPath);
    expect(overlay.ok && overlay.profile).toMatchObject({ name: 'anhui', reverseRule: 'inverse', qualitativeBands: { achieved: 0.8, partly: '0.5' } });

    const fullPath = join(dir, 'full.json');
    writeFileSync(fullPath, '\uFEFF' + JSON.stringify({ ...builtinProfile('vendor'), name: 'copy' }));
    const full = loadProfile(fullPath);
    expect(full.ok && full.profile.name).toBe('copy');
  });

  it('returns problems as values: missing file, bad JSON, invalid profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-profile-'));
    const missing = loadProfile(join(dir, 'none.json'));
    expect(missing.ok ? null : missing.problem.code).toBe('profile-not-found');

    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{');
    const bad = loadProfile(badJson);
    expect(bad.ok ? null : bad.problem.code).toBe('profile-invalid');

    const invalid = parseProfile({ ...builtinProfile('default'), reverseRule: 'harsh' });
    expect(invalid.ok ? null : invalid.problem.code).toBe('profile-invalid');
    const badBands = parseProfile({ ...builtinProfile('default'), qualitativeBands: { achieved: 0.5, partly: 0.6 } });
    expect(badBands.ok).toBe(false);
    const badGrades = parseProfile({ ...builtinProfile('default'), gradeBands: [60, 80, 90] });
    expect(badGrades.ok).toBe(false);
    const unknownField = parseProfile({ ...builtinProfile('default'), surprise: true });
    expect(unknownField.ok).toBe(false);
  });
});
