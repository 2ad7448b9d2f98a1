/**
 * Findings an auditor can trust: the rules a careful reader applies (domain
 * primer §4, last part), no finding built on a figure the reader was unsure
 * of, one finding per fact, one note where one note does, and the rule with
 * its source on every finding. One small form written as an export writes
 * it, one edit per case, and every finding expected on the form as
 * [line, code]: each rule has a case where it holds and one where it fails.
 */
import { describe, expect, it } from 'vitest';
import { check, checkForm } from '../src/check/check.js';
import { RULES, ruleSources } from '../src/check/rules.js';
import { parse } from '../src/api/pipeline.js';
import { diagnostic } from '../src/catalogue/messages.js';
import { Document as DocumentSchema, type Form } from '../src/contract/schema.js';
import { SMALL_FORM_HEAD } from './support/small-form.js';

const BASE: readonly string[] = [
  ...SMALL_FORM_HEAD,
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

type Edit = [number, string];

/** An indicator row with its target, actual, weight, score and reason replaced. */
function row(line: number, target: string, actual: string, weight = '10', score = weight, reason = ''): Edit {
  const cells = BASE[line - 1].split('\t');
  cells.splice(4, 5, target, actual, weight, score, reason);
  return [line, cells.join('\t')];
}

/** A funds row with its label, budget, executed amount and rate replaced (score on the total row only). */
function funds(line: number, label: string, budget: string, executed: string, rate: string, score?: string): Edit {
  const cells = ['', label, budget, budget, executed, line === 5 ? '10' : '—', rate, score ?? '—', ''];
  return [line, cells.join('\t')];
}

function cents(text: string | undefined): number {
  return text !== undefined && /^\d+(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : 0;
}

/** The form with the edits applied (inserted lines after `insertAfter`) and its 总分 written from its own figures. */
function formText(edits: readonly Edit[], inserted: readonly string[] = [], appended: readonly string[] = []): string {
  const lines = [...BASE];
  for (const [line, text] of edits) lines[line - 1] = text;
  if (!edits.some(([line]) => line === TOTAL_LINE)) {
    const fundsCells = lines[4].split('\t');
    const rows = INDICATOR_LINES.map((line) => lines[line - 1].split('\t'));
    const weight = cents(fundsCells[5]) + rows.reduce((sum, cells) => sum + cents(cells[6]), 0);
    const score = cents(fundsCells[7]) + rows.reduce((sum, cells) => sum + cents(cells[7]), 0);
    lines[TOTAL_LINE - 1] = `总分\t\t\t\t\t${weight / 100}\t${(score / 100).toFixed(2)}\t—\t`;
  }
  // Extra funds rows go right under line 6 (the first source row): lines below move down.
  lines.splice(6, 0, ...inserted);
  return [...lines, ...appended].join('\n');
}

function checked(edits: readonly Edit[], profile = 'default', inserted: readonly string[] = [], appended: readonly string[] = []): Form {
  const document = check(parse(formText(edits, inserted, appended)), { profile });
  expect(document.forms).toHaveLength(1);
  expect(DocumentSchema.safeParse(document).success).toBe(true);
  return document.forms[0];
}

const pairs = (form: Form): Array<[number, string]> => form.findings.map((finding) => [finding.line, finding.code]);
const recomputedAt = (form: Form, line: number) => form.indicators.find((indicator) => indicator.line === line)?.recomputedScore;

interface Case {
  name: string;
  edits: readonly Edit[];
  findings: ReadonlyArray<[number, string]>;
  profile?: string;
  inserted?: readonly string[];
  /** Lines after the 总分 row. */
  appended?: readonly string[];
  recomputed?: Readonly<Record<number, string | null>>;
  /** The expected figures of the findings on a line, in order. */
  expected?: Readonly<Record<number, ReadonlyArray<string | null>>>;
}

const CASES: Case[] = [
  { name: 'the base form', edits: [], findings: [] },

  // Per-unit targets compared when target and actual share the unit.
  { name: '≤800元/人 vs 750元/人', edits: [row(16, '≤800元/人', '750元/人')], findings: [], recomputed: { 16: '10.00' } },
  { name: '≤800元/人 vs 900元/人 at full score', edits: [row(16, '≤800元/人', '900元/人')], findings: [[16, 'indicator-score-mismatch']], recomputed: { 16: '8.89' } },
  { name: '5300元/户 vs 5300元/户', edits: [row(12, '5300元/户', '5300元/户')], findings: [] },
  { name: '5300元/户 vs 5000元/户 at full score', edits: [row(12, '5300元/户', '5000元/户')], findings: [[12, 'indicator-score-mismatch']], recomputed: { 12: '9.43' } },
  // 元/人·月 written with a dot or a second slash between the units (§4 practice: same unit, compared).
  { name: '≤800元/人.月 vs 700元/人.月', edits: [row(16, '≤800元/人.月', '700元/人.月')], findings: [], recomputed: { 16: '10.00' } },
  { name: '≤800元/人/月 vs 1000元/人/月 at full score', edits: [row(16, '≤800元/人/月', '1000元/人/月')], findings: [[16, 'indicator-score-mismatch']], recomputed: { 16: '8.00' } },
  { name: '≥530元/人*月 vs 583元/人*月', edits: [row(16, '≥530元/人*月', '583元/人*月')], findings: [], recomputed: { 16: '10.00' } },
  { name: '800元/人以下 vs 750元/人', edits: [row(16, '800元/人以下', '750元/人')], findings: [], recomputed: { 16: '10.00' } },
  { name: '800元/人以下 vs 850元/人 at full score', edits: [row(16, '800元/人以下', '850元/人')], findings: [[16, 'indicator-score-mismatch']], recomputed: { 16: '9.41' } },
  // 人均 in front says per 人 as /人 behind does.
  { name: '人均≤800元 vs 人均750元', edits: [row(16, '人均≤800元', '人均750元')], findings: [], recomputed: { 16: '10.00' } },
  { name: '人均≤800元 vs 900元/人 at full score', edits: [row(16, '人均≤800元', '900元/人')], findings: [[16, 'indicator-score-mismatch']], recomputed: { 16: '8.89' } },
  { name: '≤300元/人·月 vs 0.028万元/人·月 (28 元, same unit after scale)', edits: [row(16, '≤300元/人·月', '0.028万元/人·月')], findings: [] },
  { name: '≤300元/人·月 vs 350元/人·月 at full score', edits: [row(16, '≤300元/人·月', '350元/人·月')], findings: [[16, 'indicator-score-mismatch']] },
  { name: '≤800元/人 vs 750元/户: units differ, not compared', edits: [row(16, '≤800元/人', '750元/户')], findings: [[16, 'unverifiable-indicator']], recomputed: { 16: null } },

  // Fractions as actuals.
  { name: '≥95% vs 19/20', edits: [row(13, '≥95%', '19/20')], findings: [] },
  { name: '100% vs 19/20 at full score', edits: [row(13, '100%', '19/20')], findings: [[13, 'indicator-score-mismatch']], recomputed: { 13: '9.50' } },
  { name: '100% vs 19/20 scored 9.5', edits: [row(13, '100%', '19/20', '10', '9.5', '1台未验收')], findings: [] },
  { name: '100% vs 19/20人 at full score (a fraction of one count unit)', edits: [row(13, '100%', '19/20人')], findings: [[13, 'indicator-score-mismatch']], recomputed: { 13: '9.50' } },
  { name: '≥95% vs 19人/20人', edits: [row(13, '≥95%', '19人/20人')], findings: [], recomputed: { 13: '10.00' } },
  { name: '100% vs 19人/20个: two units, not a fraction', edits: [row(13, '100%', '19人/20个')], findings: [[13, 'unverifiable-indicator']], recomputed: { 13: null } },

  // A bare figure whose scale is certain.
  { name: '9.5万元 vs a bare 95000 (exactly 9.5万元 in 元)', edits: [row(16, '9.5万元', '95000')], findings: [], recomputed: { 16: '10.00' } },
  { name: '9.5万元 vs a bare 95000 scored 5', edits: [row(16, '9.5万元', '95000', '10', '5', '节约')], findings: [[16, 'indicator-score-mismatch']] },
  { name: '9.5万元 vs 95000元 (one amount in two units)', edits: [row(16, '9.5万元', '95000元')], findings: [], recomputed: { 16: '10.00' } },
  { name: '≤9万元 vs 95000元 at full score', edits: [row(16, '≤9万元', '95000元')], findings: [[16, 'indicator-score-mismatch']] },
  // 万 scales a count as it scales 元 (§4 units): 1.5万人 is 15 000 人.
  { name: '≥1.5万人 vs 15000人', edits: [row(12, '≥1.5万人', '15000人')], findings: [], recomputed: { 12: '10.00' } },
  { name: '≥15000人 vs 1.4万人 at full score', edits: [row(12, '≥15000人', '1.4万人')], findings: [[12, 'indicator-score-mismatch']], recomputed: { 12: '9.33' } },

  // Ranked qualitative scales.
  { name: '优 vs 优', edits: [row(17, '优', '优')], findings: [] },
  { name: '良 vs 优 (above the target)', edits: [row(17, '良', '优')], findings: [] },
  { name: '优 vs 良 at full score', edits: [row(17, '优', '良')], findings: [[17, 'indicator-score-mismatch']] },
  { name: '优良 vs 良', edits: [row(17, '优良', '良')], findings: [] },
  { name: '优良 vs 中 at full score', edits: [row(17, '优良', '中')], findings: [[17, 'indicator-score-mismatch']] },
  { name: '合格 vs 良好', edits: [row(17, '合格', '良好')], findings: [] },
  { name: '优秀 vs 合格 at full score', edits: [row(17, '优秀', '合格')], findings: [[17, 'indicator-score-mismatch']] },
  { name: '较好 vs 好', edits: [row(17, '较好', '好')], findings: [] },
  { name: '好 vs 一般 at full score', edits: [row(17, '好', '一般')], findings: [[17, 'indicator-score-mismatch']] },
  { name: '好 vs 较好 in the not-achieved band', edits: [row(17, '好', '较好', '10', '5', '部分服务未达标')], findings: [] },
  { name: '较显著 vs 显著', edits: [row(19, '较显著', '显著')], findings: [] },
  { name: '效果显著 vs 效果较显著 at full score', edits: [row(19, '效果显著', '效果较显著')], findings: [[19, 'indicator-score-mismatch']] },
  // §4 practice: 优良 as a target is met by 优 or 良, not by 合格 — the two four-grade scales name the same ranks.
  { name: '优良 vs 合格 at full score (合格 is the third rank)', edits: [row(17, '优良', '合格')], findings: [[17, 'indicator-score-mismatch']], recomputed: { 17: '6.00' } },
  { name: '优良 vs 良好', edits: [row(17, '优良', '良好')], findings: [] },
  { name: '良好 vs 良 (one rank, two spellings)', edits: [row(17, '良好', '良')], findings: [] },
  { name: '良 vs 合格 at full score', edits: [row(17, '良', '合格')], findings: [[17, 'indicator-score-mismatch']] },
  { name: '合格 vs 优', edits: [row(17, '合格', '优')], findings: [] },
  // Words shared in front and behind are set aside: the grades are what differ.
  { name: '服务质量达到优秀 vs 服务质量良好 at full score', edits: [row(17, '服务质量达到优秀', '服务质量良好')], findings: [[17, 'indicator-score-mismatch']] },
  { name: '显著提高 vs 较显著提高 at full score', edits: [row(19, '显著提高', '较显著提高')], findings: [[19, 'indicator-score-mismatch']] },
  { name: '较显著提高 vs 显著提高', edits: [row(19, '较显著提高', '显著提高')], findings: [] },

  // Deadlines without a year are in the form's year (its title says 2023).
  { name: '12月底前 vs 2023年12月20日', edits: [row(15, '12月底前', '2023年12月20日')], findings: [] },
  { name: '12月底前 vs 2024年1月完成 at full score (done the next year)', edits: [row(15, '12月底前', '2024年1月完成')], findings: [[15, 'indicator-score-mismatch']], recomputed: { 15: '6.00' } },
  { name: '2023年12月底前 vs 11月20日', edits: [row(15, '2023年12月底前', '11月20日')], findings: [] },
  // Dates written in figures are dates: 2024.1.5 is in the year after the form's 2023, so late.
  { name: '2023年12月31日前 vs 2023-12-20', edits: [row(15, '2023年12月31日前', '2023-12-20')], findings: [] },
  { name: '12月底前 vs 2023/12/20', edits: [row(15, '12月底前', '2023/12/20')], findings: [] },
  { name: '12月底前 vs 2024.1.5 at full score (done the next year)', edits: [row(15, '12月底前', '2024.1.5')], findings: [[15, 'indicator-score-mismatch']], recomputed: { 15: '6.00' } },
  { name: '2023年12月31日前 vs 2024-01 at full score', edits: [row(15, '2023年12月31日前', '2024-01')], findings: [[15, 'indicator-score-mismatch']] },
  // Without a year in the title, the year the other rows' dated actuals share.
  {
    name: 'untitled year: 12月底前 vs 2024年1月完成 where another row was done 2023年11月',
    edits: [[1, '项目支出绩效自评表'], row(14, '年底前', '2023年11月20日'), row(15, '12月底前', '2024年1月完成')],
    findings: [[15, 'indicator-score-mismatch']],
  },
  {
    name: 'untitled year: 12月底前 vs 2024年1月完成 alone is not read in its own year',
    edits: [[1, '项目支出绩效自评表'], row(15, '12月底前', '2024年1月完成')],
    findings: [[15, 'unverifiable-indicator']],
  },

  // An actual restating its target.
  { name: '2023年12月完成 vs 2023年12月完成', edits: [row(15, '2023年12月完成', '2023年12月完成')], findings: [] },
  { name: '2023年12月完成 vs 2024年3月完成 at full score', edits: [row(15, '2023年12月完成', '2024年3月完成')], findings: [[15, 'indicator-score-mismatch']] },
  { name: '较好 vs 较好 (a hedged word, restated)', edits: [row(17, '较好', '较好')], findings: [] },

  // A blank actual with a score.
  { name: 'a blank actual scored 10', edits: [row(13, '≥95%', '')], findings: [[13, 'missing-actual']], recomputed: { 13: null } },
  { name: 'an actual of — scored 10', edits: [row(13, '≥95%', '—')], findings: [[13, 'missing-actual']], recomputed: { 13: null } },
  { name: 'an actual of / scored 10', edits: [row(13, '≥95%', '/')], findings: [[13, 'missing-actual']], recomputed: { 13: null } },
  // §4 practice: the 实际完成值 is required; only the evaluation framework's common indicators (项目决策, 项目过程, 项目管理) have neither.
  { name: 'an output row with neither target nor actual, scored 10', edits: [row(13, '', '')], findings: [[13, 'missing-actual']] },
  {
    name: 'a row with neither target nor actual under 项目管理 (a common indicator), scored',
    edits: [[20, '\t项目管理（10分）\t资金管理\t资金使用合规性\t\t\t10\t10\t']],
    findings: [[20, 'unverifiable-indicator']],
  },
  { name: 'a blank actual scored 0, with a reason', edits: [row(13, '≥95%', '', '10', '0', '未开展验收')], findings: [[13, 'unverifiable-indicator']] },

  // Quantitative rules of §4: a reverse target met at 0 is full marks (never ÷ 0); a target of 0 is met by 0 only; operator words.
  { name: '≤1% vs 0%', edits: [row(18, '≤1%', '0%')], findings: [], recomputed: { 18: '10.00' } },
  { name: '0 vs 0', edits: [row(18, '0', '0')], findings: [], recomputed: { 18: '10.00' } },
  { name: '0 vs 1 scored 0', edits: [row(18, '0', '1', '10', '0', '发生1起')], findings: [], recomputed: { 18: '0.00' } },
  { name: '0 vs 1 at full score', edits: [row(18, '0', '1')], findings: [[18, 'indicator-score-mismatch'], [TOTAL_LINE, 'grade-mismatch']], recomputed: { 18: '0.00' } },
  { name: '不低于95% vs 90% scored 9.47', edits: [row(13, '不低于95%', '90%', '10', '9.47', '部分未验收')], findings: [], recomputed: { 13: '9.47' } },
  { name: '控制在10万元以内 vs 9万元', edits: [row(16, '控制在10万元以内', '9万元')], findings: [], recomputed: { 16: '10.00' } },

  // One fact, one finding: a score above its weight where the rule gives the full weight is told once, as score-exceeds-weight.
  { name: '≥100台 vs 120台 scored 10.5 of 10', edits: [row(12, '≥100台', '120台', '10', '10.5')], findings: [[12, 'score-exceeds-weight']] },
  { name: '达标 vs 达标 scored 10.5 of 10', edits: [row(17, '达标', '达标', '10', '10.5')], findings: [[17, 'score-exceeds-weight']] },
  { name: '≥100台 vs 80台 scored 10.5 of 10: above the weight and above the 8 the rule gives', edits: [row(12, '≥100台', '80台', '10', '10.5', '供货不足')], findings: [[12, 'score-exceeds-weight'], [12, 'indicator-score-mismatch']] },

  // Qualitative bands [MoF][vendor]: achieved 80–100 % (80 included), partly 60–80 %; 湖北 80/50 [Hubei].
  { name: '达标 vs 达标 scored 8 (80 % is in the achieved band)', edits: [row(17, '达标', '达标', '10', '8', '个别服务延迟')], findings: [] },
  { name: '达标 vs 部分达成…并具有一定效果 scored 7', edits: [row(17, '达标', '部分达成预期指标并具有一定效果', '10', '7', '部分未完成')], findings: [] },
  { name: '达标 vs 部分达成…并具有一定效果 scored 5.5', edits: [row(17, '达标', '部分达成预期指标并具有一定效果', '10', '5.5', '部分未完成')], findings: [[17, 'indicator-score-mismatch']], recomputed: { 17: '6.00' } },
  { name: 'hubei: 达标 vs 部分达成…并具有一定效果 scored 5.5 (partly from 50 %)', profile: 'hubei', edits: [row(17, '达标', '部分达成预期指标并具有一定效果', '10', '5.5', '部分未完成')], findings: [[12, 'nonstandard-layout']], recomputed: { 17: '5.50' } },

  // A target far exceeded asks for an explanation [MoF]: given in 偏差原因, nothing to say; 无 is none.
  { name: '≥100台 vs 250台 explained in 偏差原因', edits: [row(12, '≥100台', '250台', '10', '10', '群众需求增加，超额完成')], findings: [] },
  { name: '≥100台 vs 250台 with 无 as the explanation', edits: [row(12, '≥100台', '250台', '10', '10', '无')], findings: [[12, 'large-over-achievement']] },

  // 无, /, — are no reason.
  { name: 'a shortfall explained', edits: [row(12, '≥100台', '90台', '10', '9', '供货延迟')], findings: [] },
  { name: 'a shortfall with 无 as its reason', edits: [row(12, '≥100台', '90台', '10', '9', '无')], findings: [[12, 'missing-deviation-reason']] },
  { name: 'a shortfall with / as its reason', edits: [row(12, '≥100台', '90台', '10', '9', '/')], findings: [[12, 'missing-deviation-reason']] },
  { name: 'a shortfall with — as its reason', edits: [row(12, '≥100台', '90台', '10', '9', '—')], findings: [[12, 'missing-deviation-reason']] },
  { name: 'a shortfall with N/A as its reason', edits: [row(12, '≥100台', '90台', '10', '9', 'N/A')], findings: [[12, 'missing-deviation-reason']] },

  // A grade printed on the form.
  { name: '优 printed beside a total of 99.50', edits: [[TOTAL_LINE, '总分\t\t\t\t\t100\t99.50\t优\t']], findings: [] },
  { name: '良 printed beside a total of 99.50', edits: [[TOTAL_LINE, '总分\t\t\t\t\t100\t99.50\t良\t']], findings: [[TOTAL_LINE, 'printed-grade-mismatch']] },
  { name: '评价等级 | 良 in a row of its own after a total of 99.50', edits: [], appended: ['评价等级\t良'], findings: [[TOTAL_LINE + 1, 'printed-grade-mismatch']] },
  { name: '评价等级 | 优 in a row of its own after a total of 99.50', edits: [], appended: ['评价等级\t优'], findings: [] },
  { name: '评价等次 | 良 in a row of its own after a total of 99.50', edits: [], appended: ['评价等次\t良'], findings: [[TOTAL_LINE + 1, 'printed-grade-mismatch']] },
  { name: '自评结论：良好 after a total of 99.50', edits: [], appended: ['自评结论：良好'], findings: [[TOTAL_LINE + 1, 'printed-grade-mismatch']] },
  { name: '自评等级 | 良 in the header block, a total of 99.50', edits: [[3, '主管部门\t测试局\t\t\t实施单位\t测试中心\t自评等级\t良\t']], findings: [[3, 'printed-grade-mismatch']] },
  { name: '自评等级 | 优 in the header block, a total of 99.50', edits: [[3, '主管部门\t测试局\t\t\t实施单位\t测试中心\t自评等级\t优\t']], findings: [] },
  { name: '自评等级：良 in a cell of the header block', edits: [[3, '主管部门\t测试局\t\t\t实施单位\t测试中心\t自评等级：良\t\t']], findings: [[3, 'printed-grade-mismatch']] },

  // 四川: the form's own reason for a low execution rate.
  {
    name: 'sichuan: 85 % with a reason in the form',
    profile: 'sichuan',
    edits: [[5, '\t年度资金总额\t100.00\t100.00\t85.00\t10\t85.00%\t8.50\t偏差原因：项目延期，资金未全部支付'], funds(6, '其中：当年财政拨款', '100.00', '85.00', '85.00%')],
    findings: [],
  },
  {
    name: 'sichuan: 85 % with 无 as the reason',
    profile: 'sichuan',
    edits: [[5, '\t年度资金总额\t100.00\t100.00\t85.00\t10\t85.00%\t8.50\t偏差原因：无'], funds(6, '其中：当年财政拨款', '100.00', '85.00', '85.00%')],
    findings: [[5, 'execution-reason-required']],
  },

  {
    // 四川 requires a reason below 90 % [Sichuan]; 无 in the form's own 原因分析 column is no reason (§4 practice).
    name: 'sichuan: 85 % with 无 under a 原因分析 column of the funds header',
    profile: 'sichuan',
    edits: [[4, `${BASE[3]}原因分析`], [5, '\t年度资金总额\t100.00\t100.00\t85.00\t10\t85.00%\t8.50\t无'], funds(6, '其中：当年财政拨款', '100.00', '85.00', '85.00%')],
    findings: [[5, 'execution-reason-required']],
  },
  {
    name: 'sichuan: 85 % with a reason under a 原因分析 column of the funds header',
    profile: 'sichuan',
    edits: [[4, `${BASE[3]}原因分析`], [5, '\t年度资金总额\t100.00\t100.00\t85.00\t10\t85.00%\t8.50\t项目延期，资金未全部支付'], funds(6, '其中：当年财政拨款', '100.00', '85.00', '85.00%')],
    findings: [],
  },
  {
    // The rate the form prints, 90.00 %, is at the threshold: nothing to explain although 89.996 % is below it.
    name: 'sichuan: 89.996 % printed 90.00 %',
    profile: 'sichuan',
    edits: [funds(5, '年度资金总额', '100.000', '89.996', '90.00%', '9.00'), funds(6, '其中：当年财政拨款', '100.000', '89.996', '90.00%')],
    findings: [],
  },
  {
    name: 'sichuan: 89.90 % printed 89.90 %',
    profile: 'sichuan',
    edits: [funds(5, '年度资金总额', '100.00', '89.90', '89.90%', '8.99'), funds(6, '其中：当年财政拨款', '100.00', '89.90', '89.90%')],
    findings: [[5, 'execution-reason-required']],
  },
  {
    name: 'sichuan: 85 % with 原因分析：… on a line of its own in the funds block',
    profile: 'sichuan',
    edits: [funds(5, '年度资金总额', '100.00', '85.00', '85.00%', '8.50'), funds(6, '其中：当年财政拨款', '100.00', '85.00', '85.00%')],
    inserted: ['原因分析：项目延期，资金未全部支付'],
    findings: [],
  },
  {
    name: 'sichuan: 85 % with a short 原因分析：… on a line of its own in the funds block',
    profile: 'sichuan',
    edits: [funds(5, '年度资金总额', '100.00', '85.00', '85.00%', '8.50'), funds(6, '其中：当年财政拨款', '100.00', '85.00', '85.00%')],
    inserted: ['原因分析：项目延期'],
    findings: [],
  },
  {
    name: 'sichuan: 85 % with 原因分析：无 on a line of its own in the funds block',
    profile: 'sichuan',
    edits: [funds(5, '年度资金总额', '100.00', '85.00', '85.00%', '8.50'), funds(6, '其中：当年财政拨款', '100.00', '85.00', '85.00%')],
    inserted: ['原因分析：无'],
    findings: [[5, 'execution-reason-required']],
  },
  {
    // Words after the row's last figure are the form's own note, not a lost figure: the rate is still checked.
    name: 'a wrong total rate with a note after the funds figures',
    edits: [[5, '\t年度资金总额\t100.00\t100.00\t95.00\t10\t96.00%\t9.50\t项目延期'], funds(6, '其中：当年财政拨款', '100.00', '95.00', '95.00%')],
    findings: [[5, 'execution-rate-mismatch']],
  },

  // One fact, one finding; sums follow nesting.
  {
    name: 'a total rate wrong, its single source the same: told once',
    edits: [funds(5, '年度资金总额', '100.00', '95.00', '96.00%', '9.50'), funds(6, '其中：当年财政拨款', '100.00', '95.00', '96.00%')],
    findings: [[5, 'execution-rate-mismatch']],
  },
  {
    name: 'a total rate wrong, its single source the same rate written to fewer decimals: told once',
    edits: [funds(5, '年度资金总额', '100.00', '95.00', '96.00%', '9.50'), funds(6, '其中：当年财政拨款', '100.00', '95.00', '96%')],
    findings: [[5, 'execution-rate-mismatch']],
  },
  {
    name: 'a single source whose own rate is wrong where the total is right',
    edits: [funds(6, '其中：当年财政拨款', '100.00', '95.00', '96%')],
    findings: [[6, 'component-rate-mismatch']],
  },
  {
    // Money spent against a zero budget on a source of its own: told on that row, the total itself is within its budget.
    name: '上年结转资金 spent against a budget of 0, the total within its budget',
    edits: [funds(6, '其中：当年财政拨款', '100.00', '90.00', '90.00%'), funds(7, '上年结转资金', '0.00', '5.00', '0.00%')],
    findings: [[7, 'zero-budget-spent']],
  },
  {
    name: 'a source of its own with a wrong rate',
    edits: [funds(5, '年度资金总额', '100.00', '95.00', '95.00%', '9.50'), funds(6, '其中：当年财政拨款', '60.00', '57.00', '96.00%'), funds(7, '上年结转资金', '40.00', '38.00', '95.00%')],
    findings: [[6, 'component-rate-mismatch']],
  },
  {
    name: '其中：财政拨款 then 其中：当年财政拨款 holding the same money: not summed twice',
    edits: [funds(6, '其中：财政拨款', '100.00', '95.00', '95.00%')],
    inserted: ['\t其中：当年财政拨款\t100.00\t100.00\t95.00\t—\t95.00%\t—\t'],
    findings: [],
  },
  {
    name: 'a 其中 row broken down into two parts that add up to it',
    edits: [funds(6, '其中：财政拨款', '100.00', '95.00', '95.00%')],
    inserted: ['\t其中：当年财政拨款\t70.00\t70.00\t70.00\t—\t100.00%\t—\t', '\t上年结转资金\t30.00\t30.00\t25.00\t—\t83.33%\t—\t'],
    findings: [],
  },
  {
    name: 'a 其中 row whose two parts do not add up to it',
    edits: [funds(6, '其中：财政拨款', '100.00', '95.00', '95.00%')],
    inserted: ['\t其中：当年财政拨款\t70.00\t70.00\t70.00\t—\t100.00%\t—\t', '\t上年结转资金\t20.00\t20.00\t20.00\t—\t100.00%\t—\t'],
    findings: [[6, 'funds-sum-mismatch'], [6, 'funds-sum-mismatch'], [6, 'funds-sum-mismatch']],
  },
  {
    // Two 其中 rows side by side: each a source of the total, not the second a part of the first.
    name: '其中：中央资金 and 其中：省级资金 side by side, adding up to the total',
    edits: [funds(6, '其中：中央资金', '60.00', '57.00', '95.00%'), funds(7, '其中：省级资金', '40.00', '38.00', '95.00%')],
    findings: [],
  },
  {
    name: '其中：中央资金 and 其中：省级资金 side by side, 10.00 short of the total',
    edits: [funds(6, '其中：中央资金', '60.00', '57.00', '95.00%'), funds(7, '其中：省级资金', '30.00', '28.50', '95.00%')],
    findings: [[5, 'funds-sum-mismatch'], [5, 'funds-sum-mismatch'], [5, 'funds-sum-mismatch']],
    expected: { 5: ['90.00', '90.00', '85.50'] },
  },
  {
    name: 'sources that do not add up to the total',
    edits: [funds(7, '上年结转资金', '10.00', '0.00', '0.00%')],
    findings: [[5, 'funds-sum-mismatch'], [5, 'funds-sum-mismatch']],
  },

  // Never a finding from a figure the reader was unsure of.
  {
    name: 'a wrong score on a row with an unplaced figure: unverifiable, not an error',
    edits: [[12, '\t产出指标（50分）\t数量指标\t设备购置数量\t≥100台\t80台\t10\t10\t\t\t7']],
    findings: [[12, 'unverifiable']],
    recomputed: { 12: null },
  },
  {
    name: 'a wrong rate on a funds row with a figure no column takes: unverifiable, not a warning',
    edits: [[5, '\t年度资金总额\t100.00\t100.00\t95.00\t10\t96.00%\t9.50\t12']],
    findings: [[5, 'unverifiable'], [TOTAL_LINE, 'unverifiable']],
  },
  {
    name: 'a 总分 row whose one figure 100 stands under 得分 (a weight by the sums): unverifiable, no grade',
    edits: [row(12, '≥100台', '80台'), [TOTAL_LINE, '总分\t\t\t\t\t\t\t100\t']],
    findings: [[12, 'indicator-score-mismatch'], [TOTAL_LINE, 'unverifiable']],
  },
  {
    // A weight that is no number (十): the 一级 and 总分 weights it belongs to are unknown, so neither sum is judged.
    name: 'a 分值 of 十: its 一级 and the 总分 weight unverifiable, not mismatched',
    edits: [row(12, '≥100台', '120台', '十', '10'), [TOTAL_LINE, '总分\t\t\t\t\t100\t99.50\t—\t']],
    findings: [[12, 'unverifiable-indicator'], [12, 'unverifiable'], [TOTAL_LINE, 'unverifiable']],
  },
  {
    // A score that is no number (5.0.0): the row is still recomputed from its target and actual; the declared sum is unknown.
    name: 'a 得分 of 5.0.0: the 总分 score unverifiable, the row recomputed',
    edits: [row(12, '≥100台', '120台', '10', '5.0.0'), [TOTAL_LINE, '总分\t\t\t\t\t100\t99.50\t—\t']],
    findings: [[TOTAL_LINE, 'unverifiable']],
    recomputed: { 12: '10.00' },
  },
  { name: 'the same wrong score on a clean row: an error', edits: [row(12, '≥100台', '80台')], findings: [[12, 'indicator-score-mismatch']], recomputed: { 12: '8.00' } },
  { name: 'no declared 总分 weight: nothing said of a sum of jixiao’s own', edits: [row(13, '≥95%', '98%', '5', '5'), [TOTAL_LINE, '总分\t\t\t\t\t—\t94.50\t—\t']], findings: [[12, 'level1-weight-mismatch']] },
  {
    // The layout reads the lone 94.50 as the score: it is the sum of the scores (Σ weights is 95), so nothing is in doubt.
    name: 'a 总分 row whose one figure stands under 分值 beside a filler, the sum of the scores: read as the score, nothing said of the weight',
    edits: [row(13, '≥95%', '98%', '5', '5'), [TOTAL_LINE, '总分\t\t\t\t\t\t94.50\t—\t']],
    findings: [[12, 'level1-weight-mismatch']],
  },
  {
    name: 'a funds total row the reader did not recognise: nothing said of the totals it would feed',
    edits: [[5, '\t年度財(cái)政資金總額\t100.00\t100.00\t95.00\t10\t95.00%\t9.50\t']],
    findings: [[TOTAL_LINE, 'unverifiable']],
  },
  // One fact, one finding: a weight of 90 where the parts make 100 is told as the mismatch, which names 100.
  { name: 'a declared 总分 weight of 90 where funds and rows make 100: told once', edits: [[TOTAL_LINE, '总分\t\t\t\t\t90\t99.50\t—\t']], findings: [[TOTAL_LINE, 'total-weight-mismatch']] },
  {
    name: 'a declared 总分 weight of 90 where funds and rows make 95: two facts',
    edits: [row(13, '≥95%', '98%', '5', '5'), [TOTAL_LINE, '总分\t\t\t\t\t90\t94.50\t—\t']],
    findings: [[12, 'level1-weight-mismatch'], [TOTAL_LINE, 'total-weight-mismatch'], [TOTAL_LINE, 'total-weight-not-100']],
  },
  { name: 'a declared 总分 weight of 95', edits: [row(13, '≥95%', '98%', '5', '5')], findings: [[12, 'level1-weight-mismatch'], [TOTAL_LINE, 'total-weight-not-100']] },

  // 二级 points printed on the label (`时效指标（20分）`): the group's weights add up to them [vendor].
  { name: '时效指标（20分） over rows of 10 + 10', edits: [[14, BASE[13].replace('时效指标', '时效指标（20分）')]], findings: [] },
  { name: '数量指标(10分) over its one row of 10', edits: [[12, BASE[11].replace('数量指标', '数量指标(10分)')]], findings: [] },
  {
    name: '时效指标（15分） over rows of 10 + 10',
    edits: [[14, BASE[13].replace('时效指标', '时效指标（15分）')]],
    findings: [[14, 'level2-weight-mismatch']],
    expected: { 14: ['20'] },
  },
  {
    // The 产出 sum (45) and the 总分 weight (95) are facts of their own; the 二级 whose rows make 5 against 10 is another.
    name: '质量指标（10分） over a row of 5',
    edits: [[13, BASE[12].replace('质量指标', '质量指标（10分）').replace('\t10\t10\t', '\t5\t5\t')]],
    findings: [[12, 'level1-weight-mismatch'], [13, 'level2-weight-mismatch'], [TOTAL_LINE, 'total-weight-not-100']],
    expected: { 13: ['5'] },
  },
  {
    name: '时效指标（15分） over a row placed with a diagnostic: unverifiable, not a warning',
    edits: [[14, BASE[13].replace('时效指标', '时效指标（15分）')], [15, `${BASE[14]}\t12`]],
    findings: [[14, 'unverifiable']],
  },
  {
    name: '时效指标（20分） over rows that are all 不适用 at 0: nothing to add up',
    edits: [[14, BASE[13].replace('时效指标', '时效指标（20分）').replace('及时\t及时\t10\t10', '不适用\t不适用\t0\t0')], row(15, '不适用', '不适用', '0', '0'), [12, BASE[11].replace('产出指标（50分）', '产出指标（30分）')], [TOTAL_LINE, '总分\t\t\t\t\t80\t79.50\t—\t']],
    findings: [[TOTAL_LINE, 'total-weight-not-100']],
  },
];

describe('findings an auditor can trust: one edit per case, every finding expected', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const form = checked(c.edits, c.profile, c.inserted, c.appended);
    expect(pairs(form), JSON.stringify(form.findings.map((finding) => [finding.line, finding.code, finding.message.en]), null, 1)).toEqual(c.findings);
    for (const [line, score] of Object.entries(c.recomputed ?? {})) expect(recomputedAt(form, Number(line)), `line ${line}`).toBe(score);
    for (const [line, figures] of Object.entries(c.expected ?? {})) {
      expect(form.findings.filter((finding) => finding.line === Number(line)).map((finding) => finding.expected), `line ${line}`).toEqual(figures);
    }
  });
});

describe('二级 points', () => {
  it('are read from the label into every row of its group, and absent where not printed', () => {
    const form = checked([[14, BASE[13].replace('时效指标', '时效指标（20分）')]]);
    expect(form.indicators.map((indicator) => [indicator.line, indicator.level2, indicator.level2Points ?? null])).toEqual([
      [12, '数量指标', null],
      [13, '质量指标', null],
      [14, '时效指标', '20'],
      [15, '时效指标', '20'],
      [16, '成本指标', null],
      [17, '社会效益指标', null],
      [18, '社会效益指标', null],
      [19, '可持续影响指标', null],
      [20, '服务对象满意度指标', null],
    ]);
    expect(form.indicators.filter((indicator) => 'level2Points' in indicator).map((indicator) => indicator.line)).toEqual([14, 15]);
  });

  /** A form of the given indicator rows under 产出指标（50分）, 效益 40 and funds 10 making the 100. */
  const levels = (rows: readonly string[]) => {
    const head = BASE.slice(0, 11);
    const text = [...head, ...rows, '\t效益指标（40分）\t社会效益指标\t服务达标情况\t达标\t达标\t40\t40\t', '总分\t\t\t\t\t100\t99.50\t—\t'].join('\n');
    const form = check(parse(text)).forms[0];
    return {
      points: form.indicators.map((indicator) => [indicator.line, indicator.level2, indicator.level2Points ?? null]),
      findings: pairs(form).filter(([, code]) => code === 'level2-weight-mismatch'),
    };
  };

  it('a centred label gives its points to the rows above and below it', () => {
    const read = levels([
      '\t\t\t设备购置数量\t≥100台\t120台\t10\t10\t',
      '\t产出指标（50分）\t数量指标（30分）\t培训人数\t≥100人\t120人\t10\t10\t',
      '\t\t\t培训场次\t≥10场\t12场\t10\t10\t',
      '\t\t质量指标（20分）\t验收合格率\t≥95%\t98%\t20\t20\t',
    ]);
    expect(read.points).toEqual([[12, '数量指标', '30'], [13, '数量指标', '30'], [14, '数量指标', '30'], [15, '质量指标', '20'], [16, '社会效益指标', null]]);
    expect(read.findings).toEqual([]);
  });

  it('the same 二级 in two groups apart: each group its own points, and its own sum', () => {
    const read = levels([
      '\t产出指标（50分）\t数量指标（10分）\t设备购置数量\t≥100台\t120台\t10\t10\t',
      '\t\t质量指标（20分）\t验收合格率\t≥95%\t98%\t20\t20\t',
      '\t\t数量指标（15分）\t培训人数\t≥100人\t120人\t10\t10\t',
      '\t\t\t培训场次\t≥10场\t12场\t10\t10\t',
    ]);
    expect(read.points).toEqual([[12, '数量指标', '10'], [13, '质量指标', '20'], [14, '数量指标', '15'], [15, '数量指标', '15'], [16, '社会效益指标', null]]);
    expect(read.findings).toEqual([[14, 'level2-weight-mismatch']]);
  });

  it('two labels of one 二级 on adjacent rows: which rows each covers is not known, so no points and no finding', () => {
    const read = levels([
      '\t产出指标（50分）\t数量指标（10分）\t设备购置数量\t≥100台\t120台\t10\t10\t',
      '\t\t数量指标（25分）\t培训人数\t≥100人\t120人\t10\t10\t',
      '\t\t\t培训场次\t≥10场\t12场\t10\t10\t',
      '\t\t质量指标（20分）\t验收合格率\t≥95%\t98%\t20\t20\t',
    ]);
    expect(read.points.slice(0, 3)).toEqual([[12, '数量指标', null], [13, '数量指标', null], [14, '数量指标', null]]);
    expect(read.findings).toEqual([]);
  });

  it('a mismatch names the 二级, its points and the sum, with the rule and its source', () => {
    const form = checked([[14, BASE[13].replace('时效指标', '时效指标（15分）')]]);
    const finding = form.findings.find((one) => one.code === 'level2-weight-mismatch')!;
    expect(finding).toMatchObject({ severity: 'warning', line: 14, field: 'level2Points', declared: '15', expected: '20' });
    expect(finding.message).toEqual({ zh: '时效指标标注 15 分，各指标分值之和为 20', en: '时效指标 declares 15 points; its weights add up to 20' });
    expect(finding.rule.zh).toBe('二级指标下各指标分值之和 = 其标注分值');
    expect(finding.rule.source.map((source) => source.tag)).toEqual(['[vendor]']);
  });
});

describe('one note where one note does: grading', () => {
  const resultsOnly = (): Form => {
    const edits: Edit[] = INDICATOR_LINES.map((line) => {
      const cells = BASE[line - 1].split('\t');
      cells.splice(6, 2, '', '');
      return [line, cells.join('\t')];
    });
    edits.push([11, '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t偏差原因分析及改进措施']);
    edits.push([TOTAL_LINE, '总分\t\t\t\t\t\t\t\t']);
    return checked(edits);
  };

  it('gives a form without a 分值 column one note, and no grade', () => {
    const form = resultsOnly();
    expect(form.findings.filter((finding) => finding.code === 'no-weight-column')).toHaveLength(1);
    expect(form.findings.filter((finding) => finding.code === 'unverifiable-indicator')).toEqual([]);
    expect(form.summary).toMatchObject({ declaredGrade: null, recomputedGrade: null, grading: { status: 'ungradable', reason: 'no-weights', gradeChanged: false } });
  });

  it('says nothing of the 总分 weight of a form that prints scores but no 分值 column: the weights are unknown, not 0', () => {
    const edits: Edit[] = INDICATOR_LINES.map((line) => {
      const cells = BASE[line - 1].split('\t');
      cells.splice(6, 1);
      return [line, cells.join('\t')];
    });
    edits.push([11, '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t得分\t偏差原因分析及改进措施']);
    edits.push([TOTAL_LINE, '总分\t\t\t\t\t\t100\t99.50\t']);
    const form = checked(edits);
    expect(form.indicators.map((indicator) => indicator.weight)).toEqual(INDICATOR_LINES.map(() => null));
    expect(pairs(form)).toEqual([[12, 'no-weight-column']]);
    // The scores still add up to the declared total: that sum is checked.
    edits[edits.length - 1] = [TOTAL_LINE, '总分\t\t\t\t\t\t100\t95\t'];
    expect(pairs(checked(edits))).toEqual([[12, 'no-weight-column'], [TOTAL_LINE, 'total-score-mismatch']]);
  });

  it('calls a form without a declared total ungradable, never a grade change', () => {
    const form = checked([row(12, '≥100台', '0台'), [TOTAL_LINE, '总分\t\t\t\t\t100\t\t—\t']]);
    expect(form.summary).toMatchObject({ declaredTotal: null, declaredGrade: null, recomputedGrade: null, grading: { status: 'ungradable', reason: 'no-declared-total', gradeChanged: false } });
    expect(form.findings.map((finding) => finding.code)).not.toContain('grade-mismatch');
  });

  it('marks a grade change only where both grades exist', () => {
    const form = checked([row(12, '≥100台', '0台')]);
    expect(form.summary).toMatchObject({ declaredGrade: '优', recomputedGrade: '良', grading: { status: 'graded', reason: null, gradeChanged: true } });
    expect(checked([]).summary?.grading).toEqual({ status: 'graded', reason: null, gradeChanged: false });
  });
});

describe('never a finding on a guessed hierarchy', () => {
  /** 产出 declared 40 over rows of 50, 效益 declared 40 over rows of 30: line 16 (weight 10) read as 产出 or as 效益. */
  const edits: Edit[] = [
    [12, BASE[11].replace('产出指标（50分）', '产出指标（40分）')],
    [17, BASE[16].replace('效益指标（30分）', '效益指标（40分）')],
  ];
  const withDoubt = (alternativeLevel1: string): Form => {
    const form = check(parse(formText(edits))).forms[0];
    const doubt = diagnostic('ambiguous-hierarchy', { line: 16, column: 1 }, {
      chosen: { level1: '产出指标', level2: '成本指标' },
      alternative: { level1: alternativeLevel1, level2: '社会效益指标' },
    });
    return checkForm({ ...form, diagnostics: [...form.diagnostics, doubt] });
  };

  it('withholds a 一级 sum that another reading of the row would make add up', () => {
    const plain = check(parse(formText(edits))).forms[0];
    expect(pairs(plain)).toEqual([[12, 'level1-weight-mismatch'], [17, 'level1-weight-mismatch']]);
    const form = withDoubt('效益指标');
    expect(pairs(form)).toEqual([[12, 'unverifiable'], [17, 'unverifiable']]);
    const note = form.findings.find((finding) => finding.code === 'unverifiable' && finding.line === 12)!;
    expect(note).toMatchObject({ severity: 'info', detail: { diagnostics: ['ambiguous-hierarchy'], withheld: ['level1-weight-mismatch'] } });
    expect(note.message.zh).toContain('产出指标');
  });

  it('keeps a 一级 sum that no reading makes add up', () => {
    // Read as 产出 / 质量指标 instead, the row stays in 产出: neither sum changes.
    const form = withDoubt('产出指标');
    expect(pairs(form)).toEqual([[12, 'level1-weight-mismatch'], [17, 'level1-weight-mismatch']]);
  });
});

describe('the rule shown where it is used', () => {
  it('gives every finding its rule: code, Chinese and English statement, and the documents it comes from', () => {
    const form = checked([row(12, '≥100台', '0台'), row(13, '优秀', '合格'), row(14, '及时', '', '10', '5'), [TOTAL_LINE, '总分\t\t\t\t\t100\t99.50\t良\t']]);
    expect(form.findings.length).toBeGreaterThan(3);
    for (const finding of form.findings) {
      expect(finding.rule.code).toBe(finding.code);
      expect(finding.rule.zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(finding.rule.en).not.toBe('');
      expect(finding.rule.source.length, finding.code).toBeGreaterThan(0);
      for (const source of finding.rule.source) expect(source.zh).toMatch(/[\u4e00-\u9fa5]/);
    }
    const ranked = form.findings.find((finding) => finding.line === 13)!;
    expect(ranked.rule.zh).toContain('优秀>良好>合格>不合格');
    expect(ranked.rule.source.map((source) => source.tag)).toEqual(['[practice]']);
    const positive = form.findings.find((finding) => finding.line === 12 && finding.code === 'indicator-score-mismatch')!;
    expect(positive.rule.source.map((source) => source.tag)).toEqual(['[MoF]', '[legacy]', '[vendor]']);
    expect(positive.rule.source[0]).toMatchObject({ zh: expect.stringContaining('财预〔2020〕10号'), article: expect.stringContaining('第十七条') });
  });

  it('says a total rescaled to the applicable weights is that, not a plain sum', () => {
    // 不适用 row of weight 10: (9.50 + 80) ÷ 90 × 100 = 99.44 [legacy]; the form declares 89.50, the plain sum.
    const text = formText([row(17, '不适用', '不适用', '10', '0'), [TOTAL_LINE, '总分\t\t\t\t\t100\t89.50\t—\t']]);
    const form = check(parse(text), { profile: { extends: 'default', name: 'rescaled', notApplicable: 'renormalize' } }).forms[0];
    const finding = form.findings.find((one) => one.code === 'total-score-mismatch')!;
    expect([finding.declared, finding.expected]).toEqual(['89.50', '99.44']);
    expect(finding.message.zh).toContain('折算');
    expect(finding.rule.zh).toContain('÷');
  });

  it('names a document for every source tag of the catalogue', () => {
    for (const rule of RULES) {
      const tags = rule.source.match(/\[[^\]]+\]/g) ?? [];
      expect(tags.length, rule.code).toBeGreaterThan(0);
      expect(ruleSources(rule.source).map((source) => source.tag), rule.code).toEqual(tags);
    }
  });
});
