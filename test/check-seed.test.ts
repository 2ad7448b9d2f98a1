/**
 * End to end on the bundled sample export: parse, then check under the
 * default profile. Lines are 1-based physical lines of the sample.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { Document as DocumentSchema, type Finding, type Form } from '../src/contract/schema.js';

const text = readFileSync(new URL('../samples/000_16052ebbc3505be3.txt', import.meta.url), 'utf8');
const checked = check(parse(text));
const forms = checked.forms;

function formNamed(name: string): Form {
  const found = forms.filter((form) => form.project.name === name);
  expect(found, `form ${name}`).toHaveLength(1);
  return found[0];
}

function findings(form: Form, code: string): Finding[] {
  return form.findings.filter((finding) => finding.code === code);
}

function recomputedAt(form: Form, line: number): string | null | undefined {
  return form.indicators.find((indicator) => indicator.line === line)?.recomputedScore;
}

describe('the sample export, checked under the default profile', () => {
  it('has its seven forms, and a schema-valid result', () => {
    expect(forms.map((form) => form.project.name)).toEqual([
      '预算准备金', '一般管理事务', '购置费', '专项业务', '预算准备金（停用）', '一般管理事务（宣传费）', '疫情防控',
    ]);
    expect(DocumentSchema.safeParse(checked).success).toBe(true);
  });

  describe('form 2 (一般管理事务)', () => {
    const form = () => formNamed('一般管理事务');

    it('scores 98.02% of 100% at 1.96, not the declared 2 (line 43)', () => {
      expect(findings(form(), 'indicator-score-mismatch')).toEqual([
        expect.objectContaining({ line: 43, severity: 'error', declared: '2', expected: '1.96', field: 'score' }),
      ]);
      expect(recomputedAt(form(), 43)).toBe('1.96');
    });

    it('cannot verify a money ceiling against a percent actual (line 65)', () => {
      expect(findings(form(), 'unverifiable-indicator')).toEqual([expect.objectContaining({ line: 65, severity: 'info' })]);
      expect(recomputedAt(form(), 65)).toBeNull();
    });

    it('declares a total of 99.86 consistent with its own figures', () => {
      expect(findings(form(), 'total-score-mismatch')).toEqual([]);
      expect(findings(form(), 'total-weight-mismatch')).toEqual([]);
      expect(form().summary).toMatchObject({ declaredTotal: '99.86', recomputedTotal: '99.82', difference: '0.04', declaredGrade: '优' });
    });
  });

  describe('form 4 (专项业务)', () => {
    const form = () => formNamed('专项业务');

    it('reports the truncated execution rate 99.92 (rounded 99.93) as a warning, and scores execution from the exact rate', () => {
      expect(findings(form(), 'execution-rate-mismatch')).toEqual([
        expect.objectContaining({ line: 116, severity: 'warning', declared: '99.92', expected: '99.93' }),
      ]);
      expect(findings(form(), 'execution-score-mismatch')).toEqual([]);
    });

    it('reports each repeat of 参与培训人员满意度 (lines 153–155 repeat line 152)', () => {
      const duplicates = findings(form(), 'duplicate-indicator');
      expect(duplicates.map((finding) => [finding.line, finding.severity])).toEqual([
        [153, 'warning'],
        [154, 'warning'],
        [155, 'warning'],
      ]);
      expect(duplicates.every((finding) => finding.message.en.includes('line 152'))).toBe(true);
    });

    it('reports the 总分 weight (100, sum 104) and score (92.49, sum 96.49) at line 156', () => {
      expect(findings(form(), 'total-weight-mismatch')).toEqual([
        expect.objectContaining({ line: 156, severity: 'error', declared: '100', expected: '104' }),
      ]);
      expect(findings(form(), 'total-score-mismatch')).toEqual([
        expect.objectContaining({ line: 156, severity: 'error', declared: '92.49', expected: '96.49' }),
      ]);
    });

    it('reports 产出指标 (50, sum 46) and 效益指标 with satisfaction inside (40, sum 48)', () => {
      const level1 = findings(form(), 'level1-weight-mismatch');
      expect(level1.map((finding) => [finding.severity, finding.declared, finding.expected])).toEqual([
        ['warning', '50', '46'],
        ['warning', '40', '48'],
      ]);
      expect(level1[0].message.zh).toContain('产出指标');
      expect(level1[1].message.zh).toContain('效益指标');
    });

    it('scores the exceeded cost ceiling (line 141) 0 and the complaints over a target of 0 (line 149) 0, as declared', () => {
      expect(recomputedAt(form(), 141)).toBe('0.00');
      expect(recomputedAt(form(), 149)).toBe('0.00');
      expect(findings(form(), 'indicator-score-mismatch')).toEqual([]);
    });
  });

  it('finds no error in forms 1, 3, 5, 6 and 7', () => {
    for (const index of [0, 2, 4, 5, 6]) {
      expect(forms[index].findings.filter((finding) => finding.severity === 'error'), `form ${index + 1}`).toEqual([]);
      expect(forms[index].summary?.counts.error).toBe(0);
    }
  });

  it('accepts 5.2 for 1172 of 1350 (5.21) in form 3, and its rounded rate 88.21', () => {
    const form = formNamed('购置费');
    expect(recomputedAt(form, 96)).toBe('5.21');
    expect(findings(form, 'indicator-score-mismatch')).toEqual([]);
    expect(findings(form, 'execution-rate-mismatch')).toEqual([]);
  });

  it('scores the exceeded cost ceilings at lines 201 and 223 0, as declared', () => {
    expect(recomputedAt(formNamed('一般管理事务（宣传费）'), 201)).toBe('0.00');
    expect(recomputedAt(formNamed('疫情防控'), 223)).toBe('0.00');
    expect(findings(formNamed('一般管理事务（宣传费）'), 'indicator-score-mismatch')).toEqual([]);
    expect(findings(formNamed('疫情防控'), 'indicator-score-mismatch')).toEqual([]);
  });

  it('leaves the undefined rate of form 5 (budget 0) and the 0.00% of form 1 (nothing executed) without a finding', () => {
    for (const name of ['预算准备金', '预算准备金（停用）']) {
      const form = formNamed(name);
      expect(form.findings.filter((finding) => finding.code.startsWith('execution'))).toEqual([]);
      expect(form.summary).toMatchObject({ declaredTotal: '0', recomputedTotal: '0.00', difference: '0.00' });
    }
  });

  it('reads each form\'s own layout under every profile: no 一级 warning outside form 4, a departure from the standard only as info', () => {
    for (const profile of ['mof2020', 'mof2021', 'hubei', 'vendor']) {
      const strict = check(parse(text), { profile }).forms;
      const level1 = strict.flatMap((form) => findings(form, 'level1-weight-mismatch')).map((finding) => [finding.line, finding.declared, finding.expected]);
      expect(level1, profile).toEqual([[123, '50', '46'], [142, '40', '48']]);
      const layouts = strict.flatMap((form) => findings(form, 'nonstandard-layout'));
      expect(layouts.length, profile).toBeGreaterThan(0);
      expect(layouts.every((finding) => finding.severity === 'info'), profile).toBe(true);
    }
    expect(forms.flatMap((form) => findings(form, 'nonstandard-layout'))).toEqual([]);
  });

  it('reports the 19.5-fold over-achievement of 全年接待批次 (≥2批次, 39) as a warning (line 40)', () => {
    expect(findings(formNamed('一般管理事务'), 'large-over-achievement')).toEqual([expect.objectContaining({ line: 40, severity: 'warning' })]);
  });

  it('gives the suspended forms 1 and 5 (every row 不适用) no grade', () => {
    for (const name of ['预算准备金', '预算准备金（停用）']) {
      expect(formNamed(name).summary).toMatchObject({ declaredGrade: null, recomputedGrade: null });
    }
  });

  it('under mof2020 scores the exceeded ceilings 分值 × target ÷ actual instead (0.87, 4.01, 5.46)', () => {
    const strict = check(parse(text), { profile: 'mof2020' }).forms;
    const mismatches = strict.flatMap((form) => findings(form, 'indicator-score-mismatch')).map((finding) => [finding.line, finding.expected]);
    expect(mismatches).toEqual(expect.arrayContaining([[141, '0.87'], [201, '4.01'], [223, '5.46']]));
  });
});
