/**
 * The checker against the official rules (issue 14), case by case: one small
 * form, written as an export would write it, and one edit per case (a row or
 * two replaced), with the finding codes expected on each line. Every bullet
 * has a failing and a passing case. The 总分 row is written from the case's
 * own declared figures (funds 得分 + Σ 得分, Σ 分值), as a filler of the form
 * would, so that a case tests its row and not the total.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import type { ProfileOverlay } from '../src/check/profile.js';
import { readDeadline } from '../src/tables/deadlines.js';
import type { Form, Grade } from '../src/contract/schema.js';
import { SMALL_FORM_HEAD } from './support/small-form.js';

const BASE: readonly string[] = [
  '项目支出绩效自评表',
  ...SMALL_FORM_HEAD.slice(1),
  '年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t\t',
  '\t完成设备购置和服务保障\t\t\t完成设备购置和服务保障\t\t\t\t',
  '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
  '\t产出指标（50分）\t数量指标\t设备购置数量\t≥100台\t120台\t10\t10\t',
  '\t\t质量指标\t验收合格率\t≥95%\t98%\t10\t10\t',
  '\t\t时效指标\t项目完成及时性\t及时\t及时\t10\t10\t',
  '\t\t\t采购完成时间\t12月底前\t11月底前\t10\t10\t',
  '\t\t成本指标\t设备购置成本\t≤10万元\t9.5万元\t10\t10\t',
  '\t效益指标（30分）\t社会效益指标\t服务达标情况\t达标\t达标\t10\t10\t',
  '\t\t\t安全事故\t无\t无\t10\t10\t',
  '\t\t可持续影响指标\t长效机制\t效果显著\t效果显著\t10\t10\t',
  '\t满意度指标（10分）\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\t',
  '总分\t\t\t\t\t100\t99.50\t—\t',
];
const TOTAL_LINE = 21;
const INDICATOR_LINES = [12, 13, 14, 15, 16, 17, 18, 19, 20];

/** An indicator row of the base form with its target, actual, weight, score and reason replaced. */
function indicatorRow(line: number, target: string, actual: string, weight = '10', score = weight, reason = ''): [number, string] {
  const cells = BASE[line - 1].split('\t');
  cells.splice(4, 5, target, actual, weight, score, reason);
  return [line, cells.join('\t')];
}

/** A funds row of the base form with its budget, executed amount, rate and score replaced. */
function fundsRow(line: number, budget: string, executed: string, rate: string, score?: string): [number, string] {
  const cells = BASE[line - 1].split('\t');
  cells.splice(2, 3, budget, budget, executed);
  cells[6] = rate;
  if (score !== undefined) cells[7] = score;
  return [line, cells.join('\t')];
}

/** Cents of a declared figure (test data: at most two decimals). */
function cents(text: string | undefined): number {
  return text !== undefined && /^\d+(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : 0;
}

/** The form's text with the edits applied and its 总分 written from its own declared figures. */
function formText(edits: ReadonlyArray<[number, string]>): string {
  const lines = [...BASE];
  for (const [line, text] of edits) lines[line - 1] = text;
  if (!edits.some(([line]) => line === TOTAL_LINE)) {
    const funds = lines[4].split('\t');
    const rows = INDICATOR_LINES.map((line) => lines[line - 1].split('\t'));
    const weight = cents(funds[5]) + rows.reduce((sum, cells) => sum + cents(cells[6]), 0);
    const score = cents(funds[7]) + rows.reduce((sum, cells) => sum + cents(cells[7]), 0);
    lines[TOTAL_LINE - 1] = `总分\t\t\t\t\t${weight / 100}\t${(score / 100).toFixed(2)}\t—\t`;
  }
  return lines.join('\n');
}

interface Case {
  name: string;
  edits: ReadonlyArray<[number, string]>;
  profile?: string | ProfileOverlay;
  /** Every finding of the form, as [line, code], in line order. */
  findings: ReadonlyArray<[number, string]>;
  /** Severities to check, by code. */
  severities?: Readonly<Record<string, string>>;
  /** Recomputed scores to check, by line. */
  recomputed?: Readonly<Record<number, string | null>>;
  grades?: [Grade | null, Grade | null];
}

function checked(edits: Case['edits'], profile: string | ProfileOverlay = 'default'): Form {
  const document = check(parse(formText(edits)), { profile });
  expect(document.forms).toHaveLength(1);
  return document.forms[0];
}

const CASES: Case[] = [
  { name: 'the base form', edits: [], findings: [], grades: ['优', '优'] },

  // Negated and late wording, and what the vocabulary cannot place.
  { name: '达标 vs 未达标 at full score', edits: [indicatorRow(17, '达标', '未达标')], findings: [[17, 'indicator-score-mismatch']], severities: { 'indicator-score-mismatch': 'error' }, recomputed: { 17: '6.00' } },
  { name: '达标 vs 未达标 in the not-achieved band', edits: [indicatorRow(17, '达标', '未达标', '10', '5', '设备到货延迟')], findings: [] },
  { name: '效果显著 vs 效果不明显 at full score', edits: [indicatorRow(19, '效果显著', '效果不明显')], findings: [[19, 'indicator-score-mismatch']] },
  { name: '效果显著 vs 效果明显', edits: [indicatorRow(19, '效果显著', '效果明显')], findings: [] },
  { name: '及时 vs 未能按时完成 at full score', edits: [indicatorRow(14, '及时', '未能按时完成')], findings: [[14, 'indicator-score-mismatch']] },
  { name: '及时 vs 未及时 at full score', edits: [indicatorRow(14, '及时', '未及时')], findings: [[14, 'indicator-score-mismatch']] },
  { name: '及时 vs 逾期完成 at full score', edits: [indicatorRow(14, '及时', '逾期完成')], findings: [[14, 'indicator-score-mismatch']] },
  { name: '及时 vs 按时完成，无延误', edits: [indicatorRow(14, '及时', '按时完成，无延误')], findings: [] },
  { name: '及时 vs 已开展 (not in the vocabulary): unverifiable, not achieved', edits: [indicatorRow(14, '及时', '已开展')], findings: [[14, 'unverifiable-indicator']], recomputed: { 14: null } },

  // 无/否/0 targets.
  { name: '无 vs 无', edits: [indicatorRow(18, '无', '无')], findings: [] },
  { name: '否 vs 否', edits: [indicatorRow(18, '否', '否')], findings: [] },
  { name: '0起 vs 无', edits: [indicatorRow(18, '0起', '无')], findings: [], recomputed: { 18: '10.00' } },
  { name: '无 vs 未发生', edits: [indicatorRow(18, '无', '未发生')], findings: [] },
  { name: '无安全事故 vs 无安全事故 (restated)', edits: [indicatorRow(18, '无安全事故', '无安全事故')], findings: [] },
  { name: '无 vs 2起 at full score', edits: [indicatorRow(18, '无', '2起')], findings: [[18, 'indicator-score-mismatch']] },
  { name: '0起 vs 2起 at full score', edits: [indicatorRow(18, '0起', '2起')], findings: [[18, 'indicator-score-mismatch'], [21, 'grade-mismatch']], recomputed: { 18: '0.00' } },

  // Deadlines.
  { name: '12月底前 vs 11月底前 (early)', edits: [], findings: [] },
  { name: '12月底前 vs 次年3月完成 at full score', edits: [indicatorRow(15, '12月底前', '次年3月完成')], findings: [[15, 'indicator-score-mismatch']] },
  { name: '12月15日前 vs 12月10日', edits: [indicatorRow(15, '12月15日前', '12月10日')], findings: [] },
  { name: '12月15日前 vs 12月20日 at full score', edits: [indicatorRow(15, '12月15日前', '12月20日')], findings: [[15, 'indicator-score-mismatch']] },
  { name: '年底前 vs 12月完成', edits: [indicatorRow(15, '年底前', '12月完成')], findings: [] },
  { name: '12月15日前 vs 12月完成: cannot be ordered', edits: [indicatorRow(15, '12月15日前', '12月完成')], findings: [[15, 'unverifiable-indicator']] },
  { name: '12月底前 vs 95%: not comparable', edits: [indicatorRow(15, '12月底前', '95%')], findings: [[15, 'unverifiable-indicator']] },
  { name: '2023年12月底前 vs 2023年11月20日', edits: [indicatorRow(15, '2023年12月底前', '2023年11月20日')], findings: [] },
  { name: '2023年底前 vs 2024年3月完成 at full score', edits: [indicatorRow(15, '2023年底前', '2024年3月完成')], findings: [[15, 'indicator-score-mismatch']] },
  { name: '2023年12月底前 vs 11月20日: one year given, the other not', edits: [indicatorRow(15, '2023年12月底前', '11月20日')], findings: [[15, 'unverifiable-indicator']] },
  { name: '30天内 vs 25天', edits: [indicatorRow(15, '30天内', '25天')], findings: [] },
  { name: '30天内 vs 40天 at full score', edits: [indicatorRow(15, '30天内', '40天')], findings: [[15, 'indicator-score-mismatch']], recomputed: { 15: '7.50' } },
  { name: '5个工作日内 vs 3个工作日', edits: [indicatorRow(15, '5个工作日内', '3个工作日')], findings: [] },
  { name: '5个工作日内 vs 8个工作日 at full score', edits: [indicatorRow(15, '5个工作日内', '8个工作日')], findings: [[15, 'indicator-score-mismatch']] },

  // Guessed units.
  { name: '≤10万元 vs a bare 95000 (likely 元)', edits: [indicatorRow(16, '≤10万元', '95000')], findings: [[16, 'unverifiable-indicator']], recomputed: { 16: null } },
  { name: '≤10万元 vs a bare 9.5', edits: [indicatorRow(16, '≤10万元', '9.5')], findings: [] },
  { name: '≥95% vs a bare 0.98 (likely 98%)', edits: [indicatorRow(13, '≥95%', '0.98')], findings: [[13, 'unverifiable-indicator']] },
  { name: '≥95% vs a bare 98', edits: [indicatorRow(13, '≥95%', '98')], findings: [] },

  // Reverse indicators: the accepted rules of each profile.
  { name: 'default: ≤10万元 vs 12万元 scored 0', edits: [indicatorRow(16, '≤10万元', '12万元', '10', '0', '价格上涨')], findings: [], recomputed: { 16: '0.00' } },
  { name: 'default: ≤10万元 vs 12万元 scored 分值 × 10 ÷ 12', edits: [indicatorRow(16, '≤10万元', '12万元', '10', '8.33', '价格上涨')], findings: [], recomputed: { 16: '8.33' } },
  { name: 'default: ≤10万元 vs 12万元 scored 5', edits: [indicatorRow(16, '≤10万元', '12万元', '10', '5', '价格上涨')], findings: [[16, 'indicator-score-mismatch']], recomputed: { 16: '8.33' } },
  { name: 'hubei: ≤10万元 vs 12万元 scored 0', profile: 'hubei', edits: [indicatorRow(16, '≤10万元', '12万元', '10', '0', '价格上涨')], findings: [[12, 'nonstandard-layout'], [16, 'indicator-score-mismatch'], [21, 'grade-mismatch']], recomputed: { 16: '8.33' } },
  { name: 'hubei: ≤10万元 vs 12万元 scored 8.33', profile: 'hubei', edits: [indicatorRow(16, '≤10万元', '12万元', '10', '8.33', '价格上涨')], findings: [[12, 'nonstandard-layout']] },

  // Layouts: read from the form, a departure from the profile's standard only noted.
  { name: 'mof2020 on its own layout (10/50/30/10)', profile: 'mof2020', edits: [], findings: [] },
  {
    name: 'mof2020 on the seed layout (效益 40 with satisfaction inside)',
    profile: 'mof2020',
    edits: [
      [17, BASE[16].replace('效益指标（30分）', '效益指标（40分）')],
      [20, BASE[19].replace('满意度指标（10分）', '满意度指标')],
    ],
    findings: [[12, 'nonstandard-layout']],
    severities: { 'nonstandard-layout': 'info' },
  },
  { name: 'hubei on a form with a 满意度 一级 of its own', profile: 'hubei', edits: [], findings: [[12, 'nonstandard-layout']], severities: { 'nonstandard-layout': 'info' } },
  {
    name: 'default on the seed layout',
    edits: [
      [17, BASE[16].replace('效益指标（30分）', '效益指标（40分）')],
      [20, BASE[19].replace('满意度指标（10分）', '满意度指标')],
    ],
    findings: [],
  },
  {
    name: 'a 一级 whose weights do not add up, in the form’s own layout',
    profile: 'hubei',
    edits: [[17, BASE[16].replace('效益指标（30分）', '效益指标（40分）')]],
    findings: [[12, 'nonstandard-layout'], [17, 'level1-weight-mismatch']],
  },

  // Funds.
  { name: 'spending against a zero budget', edits: [fundsRow(5, '0.00', '95.00', '0.00%', '0'), fundsRow(6, '0.00', '95.00', '0.00%')], findings: [[5, 'zero-budget-spent']], severities: { 'zero-budget-spent': 'error' } },
  { name: 'a zero budget with nothing spent', edits: [fundsRow(5, '0.00', '0.00', '0.00%', '0'), fundsRow(6, '0.00', '0.00', '0.00%')], findings: [] },
  { name: 'spending above the budget', edits: [fundsRow(5, '100.00', '105.00', '105.00%', '10'), fundsRow(6, '100.00', '105.00', '105.00%')], findings: [[5, 'execution-over-budget']], severities: { 'execution-over-budget': 'warning' } },
  // One fact, one finding: a single source holding the total's money is not told again; a source of its own is.
  { name: 'spending above the budget on one of two sources', edits: [fundsRow(5, '100.00', '100.00', '100.00%', '10'), fundsRow(6, '60.00', '65.00', '108.33%'), fundsRow(7, '40.00', '35.00', '87.50%')], findings: [[6, 'execution-over-budget']] },
  { name: 'spending the whole budget', edits: [fundsRow(5, '100.00', '100.00', '100.00%', '10'), fundsRow(6, '100.00', '100.00', '100.00%')], findings: [] },
  { name: 'a source row whose rate is not its figures', edits: [fundsRow(6, '100.00', '95.00', '90.00%')], findings: [[6, 'component-rate-mismatch']], severities: { 'component-rate-mismatch': 'warning' } },
  { name: 'sichuan: execution below 90 % asks for a reason', profile: 'sichuan', edits: [fundsRow(5, '100.00', '85.00', '85.00%', '8.50'), fundsRow(6, '100.00', '85.00', '85.00%')], findings: [[5, 'execution-reason-required']] },
  { name: 'sichuan: execution at 95 %', profile: 'sichuan', edits: [], findings: [] },

  // Totals and grades.
  {
    name: 'a total weight of 90 with applicable rows',
    edits: [[12, BASE[11].replace('产出指标（50分）', '产出指标（40分）')], indicatorRow(13, '≥95%', '98%', '0', '0')],
    findings: [[21, 'total-weight-not-100']],
    severities: { 'total-weight-not-100': 'warning' },
  },
  { name: 'an overstated row that moves the grade from 优 to 良', edits: [indicatorRow(12, '≥100台', '0台')], findings: [[12, 'indicator-score-mismatch'], [21, 'grade-mismatch']], severities: { 'grade-mismatch': 'error' }, grades: ['优', '良'] },
  { name: 'a shortfall declared as such', edits: [indicatorRow(12, '≥100台', '95台', '10', '9.5', '供货不足')], findings: [], grades: ['优', '优'] },

  // Over-achievement and strict bounds.
  { name: '≥100台 vs 250台', edits: [indicatorRow(12, '≥100台', '250台')], findings: [[12, 'large-over-achievement']], severities: { 'large-over-achievement': 'warning' }, recomputed: { 12: '10.00' } },
  { name: '≥100台 vs 250台 under a profile whose threshold is 3×', profile: { extends: 'default', name: 'lenient', overAchievementRatio: 3 }, edits: [indicatorRow(12, '≥100台', '250台')], findings: [] },
  { name: '≥100台 vs 199台', edits: [indicatorRow(12, '≥100台', '199台')], findings: [] },
  { name: '>95% vs 95%', edits: [indicatorRow(13, '>95%', '95%')], findings: [[13, 'strict-target-at-bound']], severities: { 'strict-target-at-bound': 'warning' } },
  { name: '>95% vs 96%', edits: [indicatorRow(13, '>95%', '96%')], findings: [] },
];

/** Every indicator row 不适用 at 0 and a 总分 weight of 10: a suspended project. */
function suspendedEdits(applicableLine: number | null): Array<[number, string]> {
  const edits: Array<[number, string]> = INDICATOR_LINES.filter((line) => line !== applicableLine).map((line) => {
    const cells = BASE[line - 1].split('\t');
    return indicatorRow(line, cells[4], '不适用', '0', '0', '项目暂停');
  });
  return edits;
}

CASES.push(
  { name: 'a suspended form (every row 不适用, 总分 10) gets no grade', edits: [...suspendedEdits(null), fundsRow(5, '100.00', '0.00', '0.00%', '0'), fundsRow(6, '100.00', '0.00', '0.00%')], findings: [], grades: [null, null] },
  {
    name: 'a form with one applicable row is graded',
    edits: [...suspendedEdits(12), fundsRow(5, '100.00', '0.00', '0.00%', '0'), fundsRow(6, '100.00', '0.00', '0.00%')],
    findings: [[12, 'level1-weight-mismatch'], [21, 'total-weight-not-100']],
    grades: ['差', '差'],
  },
);

describe('issue 14: one edit per case, the findings expected on each line', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const form = checked(c.edits, c.profile);
    expect(
      form.findings.map((finding) => [finding.line, finding.code]),
      JSON.stringify(form.findings.map((finding) => [finding.line, finding.code, finding.message.en]), null, 1),
    ).toEqual(c.findings);
    for (const [code, severity] of Object.entries(c.severities ?? {})) {
      for (const finding of form.findings.filter((candidate) => candidate.code === code)) expect(finding.severity, code).toBe(severity);
    }
    for (const [line, score] of Object.entries(c.recomputed ?? {})) {
      expect(form.indicators.find((indicator) => indicator.line === Number(line))?.recomputedScore, `line ${line}`).toBe(score);
    }
    if (c.grades) expect([form.summary?.declaredGrade, form.summary?.recomputedGrade]).toEqual(c.grades);
  });
});

describe('issue 14: what the messages say', () => {
  it('gives the likely reading of a guessed unit', () => {
    const money = checked([indicatorRow(16, '≤10万元', '95000')]).findings[0];
    expect(money.message.en).toContain('likely 95000 元');
    const percent = checked([indicatorRow(13, '≥95%', '0.98')]).findings[0];
    expect(percent.message.en).toContain('likely 98%');
  });

  it('cites the rule and the ratio of a large over-achievement', () => {
    const [finding] = checked([indicatorRow(12, '≥100台', '250台')]).findings;
    expect(finding.rule.en).toContain('explained');
    expect(finding.rule.zh).toContain('超额');
    expect(finding.rule.source.map((source) => source.tag)).toEqual(['[MoF]']);
    expect(finding.detail).toEqual({ ratio: '2.50', threshold: '2' });
  });

  it('names both grades of a grade change', () => {
    const finding = checked([indicatorRow(12, '≥100台', '0台')]).findings.find((candidate) => candidate.code === 'grade-mismatch')!;
    expect(finding).toMatchObject({ declared: '99.50', expected: '89.50', detail: { declaredGrade: '优', recomputedGrade: '良' } });
  });

  it('reads deadlines as dates and durations, not counts', () => {
    const form = checked([indicatorRow(15, '12月底前', '次年3月完成')]);
    const row = form.indicators.find((indicator) => indicator.line === 15)!;
    expect([row.target?.kind, row.target?.op, row.target?.value, row.target?.unit]).toEqual(['deadline', '<=', '12.31', '日期']);
    expect([row.actual?.kind, row.actual?.value]).toEqual(['deadline', '15']);
    const days = checked([indicatorRow(15, '5个工作日内', '3个工作日')]).indicators.find((indicator) => indicator.line === 15)!;
    expect([days.target?.kind, days.target?.op, days.target?.value, days.target?.unit]).toEqual(['deadline', '<=', '5', '工作日']);
  });
});

describe('issue 14: deadlines as written', () => {
  it.each([
    ['12月底前', '<=', '12.31', '日期'],
    ['11月底前', '<=', '11.30', '日期'],
    ['2月底前', '<=', '2.28', '日期'],
    ['12月15日前', '<=', '12.15', '日期'],
    ['于12月10日完成', null, '12.10', '日期'],
    ['12月完成', null, '12', '日期'],
    ['次年3月完成', null, '15', '日期'],
    ['年底前', '<=', '12.31', '日期'],
    ['年内', '<=', '12.31', '日期'],
    ['2023年12月底前', '<=', '202312.31', '日期'],
    ['2023年底前', '<=', '202312.31', '日期'],
    ['30天内', '<=', '30', '天'],
    ['5个工作日内', '<=', '5', '工作日'],
    ['3个工作日', null, '3', '工作日'],
  ] as const)('%s', (text, op, value, unit) => {
    expect(readDeadline(text)).toEqual({ op, value, unit });
  });

  it.each(['25天', '12台', '13月底前', '2月30日前', '及时', '100%', '推迟至次年'])('%s is no deadline', (text) => {
    expect(readDeadline(text)).toBeNull();
  });
});

describe('issue 14: layouts against the hubei standard', () => {
  it('takes 效益 30 + 满意度 10 apart as the 40 of 效益 and 满意度 together, and notes only the other blocks', () => {
    const [layout] = checked([], 'hubei').findings;
    expect(layout).toMatchObject({ code: 'nonstandard-layout', severity: 'info', line: 12 });
    expect(layout.detail).toEqual({ differences: ['execution 10 (standard 20)', 'output 50 (standard 40)'] });
  });

  it('notes nothing on a form in the hubei layout (20 / 产出 40 / 效益 with 满意度 40)', () => {
    const form = checked([
      [5, '\t年度资金总额\t100.00\t100.00\t95.00\t20\t95.00%\t19.00\t'],
      [12, BASE[11].replace('产出指标（50分）', '产出指标（40分）')],
      indicatorRow(13, '≥95%', '98%', '0', '0'),
      [17, BASE[16].replace('效益指标（30分）', '效益指标（40分）')],
      [20, BASE[19].replace('满意度指标（10分）', '满意度指标')],
    ], 'hubei');
    expect(form.findings.map((finding) => [finding.line, finding.code, finding.message.en])).toEqual([]);
  });
});
