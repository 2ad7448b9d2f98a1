/**
 * The checker's summary carries every figure an output shows of a form that
 * the form does not state itself: here, each 一级's sums and whether a grade
 * can be given. Figures are read off the sample export's own lines (cited),
 * or off a small form written here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, parse } from '../src/api/index.js';
import type { Form } from '../src/contract/schema.js';
import { formView } from '../src/report/model.js';
import { SMALL_FORM_HEAD } from './support/small-form.js';

const SEED_FILE = 'samples/000_16052ebbc3505be3.txt';
const seedText = readFileSync(join(import.meta.dirname, '..', SEED_FILE), 'utf8');
const seed = () => check(parse(seedText, { file: SEED_FILE }));

describe('the summary’s sums of each 一级', () => {
  it('adds up form 4’s rows as written (lines 123–155), recomputed where the checker recomputes', () => {
    const form = seed().forms[3];
    expect(form.summary?.level1).toEqual([
      // 3 × 8 + 2 × 11 = 46; 1.5 (line 123, 5人 of 10人) + 3 × 7 + 2 × 10 + 0 (line 141, cost exceeded) = 42.5.
      { label: '产出指标', line: 123, points: '50', weight: '46', declared: '42.5', recomputed: '42.50' },
      // Lines 142–148: 0 + 4 × 5 + 0; its points are printed on line 141, read as 效益's on its first row.
      { label: '效益指标', line: 142, points: '40', weight: '20', declared: '20', recomputed: '20.00' },
      // Lines 149–155: 4 × 7 = 28; 0 (投诉量 21 against 0) + 4 × 6 = 24. No points printed.
      { label: '满意度指标', line: 149, points: null, weight: '28', declared: '24', recomputed: '24.00' },
    ]);
  });

  it('adds up a long form’s 一级 (more than 64 rows) as a short one’s', () => {
    const form = parse(seedText, { file: SEED_FILE }).forms[3];
    const short = check({ forms: [form], diagnostics: [] }).forms[0].summary!.level1!;
    // Seventy rows more under a 一级 of their own (form 4's last row, line 155, again on lines 1001–1070).
    const last = form.indicators[form.indicators.length - 1];
    const added = Array.from({ length: 70 }, (_, at) => ({ ...last, level1: '其他指标', level1Points: null, line: 1001 + at }));
    const long = check({ forms: [{ ...form, indicators: [...form.indicators, ...added] }], diagnostics: [] }).forms[0].summary!.level1!;
    expect(long.slice(0, short.length)).toEqual(short);
    // 70 × 分值 4, 70 × 得分 4 (line 155: 4 | 4).
    expect(long.slice(short.length)).toEqual([{ label: '其他指标', line: 1001, points: null, weight: '280', declared: '280', recomputed: '280.00' }]);
  });

  it('counts a row’s recomputed score where it differs from the declared one (form 2, line 43: 2 → 1.96)', () => {
    const form = seed().forms[1];
    const output = form.summary!.level1![0];
    expect(output).toMatchObject({ label: '产出指标', line: 37, weight: '50', declared: '50', recomputed: '49.96' });
  });

  it('gives as points those of the row on its line, the first that has them, and every row to exactly one 一级', () => {
    for (const form of seed().forms) {
      const sums = form.summary!.level1!;
      for (const sum of sums) {
        const rows = form.indicators.filter((indicator) => indicator.level1 === sum.label);
        const stating = rows.find((indicator) => indicator.level1Points !== null);
        expect(sum.line).toBe((stating ?? rows[0]).line);
        expect(sum.points).toBe(stating?.level1Points ?? null);
      }
      expect(new Set(sums.map((sum) => sum.label)).size).toBe(sums.length);
      expect(form.indicators.every((indicator) => sums.some((sum) => sum.label === indicator.level1))).toBe(true);
    }
  });

  it('gives the budget-execution part as the totals count it (line 116: 10 × 19402034.90 ÷ 19416170.49 = 9.9927… → 9.99)', () => {
    expect(seed().forms[3].summary?.execution).toEqual({ line: 116, weight: '10', declared: '9.99', recomputed: '9.99' });
    // Line 30: 10 × 10380629.85 ÷ 10525876.51 = 9.862… → 9.86.
    expect(seed().forms[1].summary?.execution).toEqual({ line: 30, weight: '10', declared: '9.86', recomputed: '9.86' });
  });

  it('is absent from a parsed, unchecked form', () => {
    expect(parse(seedText, { file: SEED_FILE }).forms[0].summary).toBeNull();
  });
});

/** A small form: funds scored 9.50 of 10, three rows of 30 each with their scores, 总分 100 / 99.50. */
const FORM: readonly string[] = [
  ...SMALL_FORM_HEAD,
  '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
  '\t产出指标（50分）\t数量指标\t设备购置数量\t≥100台\t120台\t30\t30\t',
  '\t\t质量指标\t验收合格率\t≥95%\t98%\t20\t20\t',
  '\t效益指标（30分）\t社会效益指标\t服务达标情况\t达标\t达标\t30\t30\t',
  '\t满意度指标（10分）\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\t',
  '总分\t\t\t\t\t100\t99.50\t—\t',
];

function checked(edit: (lines: string[]) => void): Form {
  const lines = [...FORM];
  edit(lines);
  const [form] = check(parse(lines.join('\n'), { file: 'form.txt' })).forms;
  return form;
}

/** Blanks the 得分 cell of a row (cell 7) of the funds total and of each indicator. */
function withoutScores(lines: string[]): void {
  for (const line of [5, 10, 11, 12, 13]) {
    const cells = lines[line - 1].split('\t');
    cells[7] = '';
    lines[line - 1] = cells.join('\t');
  }
}

describe('a 一级 whose rows are not all together', () => {
  /** 产出 on lines 10 and 12, 效益 between them (a label placed out of its group). */
  const split = () =>
    checked((lines) => {
      lines.splice(10, 2, lines[11], lines[10].replace('\t\t质量指标', '\t产出指标\t质量指标'));
    });

  it('is one 一级 of the summary, its rows added up wherever they stand', () => {
    const form = split();
    expect(form.indicators.map((indicator) => [indicator.line, indicator.level1])).toEqual([
      [10, '产出指标'],
      [11, '效益指标'],
      [12, '产出指标'],
      [13, '满意度指标'],
    ]);
    // Lines 10 and 12: 30 + 20.
    expect(form.summary!.level1!.map((sum) => [sum.label, sum.line, sum.weight, sum.declared])).toEqual([
      ['产出指标', 10, '50', '50'],
      ['效益指标', 11, '30', '30'],
      ['满意度指标', 13, '10', '10'],
    ]);
    expect(form.findings.map((finding) => finding.code)).not.toContain('level1-weight-mismatch');
  });

  it('is one group of the report’s tree, with the summary’s sums', () => {
    const tree = formView(split(), 0).tree;
    expect(tree.map((group) => [group.label, group.weight, group.groups.flatMap((level2) => level2.rows.map((row) => row.line))])).toEqual([
      ['产出指标', '50', [10, 12]],
      ['效益指标', '30', [11]],
      ['满意度指标', '10', [13]],
    ]);
  });
});

describe('the summary’s grades', () => {
  it('grades a form that states its scores', () => {
    const form = checked(() => {});
    expect(form.summary).toMatchObject({ declaredGrade: '优', recomputedGrade: '优', grading: { status: 'graded', reason: null } });
    expect(form.summary!.level1!.map((sum) => [sum.label, sum.line, sum.points, sum.weight, sum.declared])).toEqual([
      ['产出指标', 10, '50', '50', '50'],
      ['效益指标', 12, '30', '30', '30'],
      ['满意度指标', 13, '10', '10', '10'],
    ]);
  });

  it('gives no grade to a total recomputed from a form whose 得分 cells are all blank, and tells no grade change', () => {
    const form = checked(withoutScores);
    expect(form.indicators.every((indicator) => indicator.score === null)).toBe(true);
    expect(form.summary).toMatchObject({
      declaredTotal: '99.50',
      declaredGrade: null,
      recomputedGrade: null,
      grading: { status: 'ungradable', reason: 'no-recomputed-total', gradeChanged: false },
    });
    expect(form.findings.map((finding) => finding.code)).not.toContain('grade-mismatch');
    // Declared sums of blank cells are 0, not a guess.
    expect(form.summary!.level1!.map((sum) => sum.declared)).toEqual(['0', '0', '0']);
  });

  it('still grades a form whose funds row alone states a score', () => {
    const form = checked((lines) => {
      withoutScores(lines);
      lines[4] = FORM[4];
    });
    expect(form.summary?.grading).toMatchObject({ status: 'graded', reason: null });
  });
});
