/**
 * The templates of a self-evaluation form, as data: for each section, the
 * captions its header may print and the field each names, the spellings of
 * its row labels, and the shape of a caption (points and unit suffixes). A
 * template the project has not seen is a new row here (and a fixture), not
 * new code: the layout stage (src/layout/) reads every section through these
 * tables. The 一级/二级 frameworks and their spellings are in taxonomy.ts.
 */
import { foldLexical, lexicalUnit } from './width.js';
import { textKeyed } from './text-keyed.js';

/** Captions shared by the funds and indicator headers; they decide no row kind by themselves. */
export const SHARED_COLUMNS: readonly string[] = ['分值', '得分', '权重'];

export type FundsField = 'initialBudget' | 'adjustedBudget' | 'received' | 'executed' | 'weight' | 'rate' | 'score';

/** Funds header captions → the field their column holds. */
export const FUNDS_COLUMNS: Readonly<Record<string, FundsField>> = textKeyed({
  年初预算数: 'initialBudget',
  年初预算: 'initialBudget',
  全年预算数: 'adjustedBudget',
  全年预算: 'adjustedBudget',
  调整后预算数: 'adjustedBudget',
  调整后预算: 'adjustedBudget',
  年度预算数: 'adjustedBudget',
  // Hebei and Hubei: 预算数 is the year's (adjusted) budget, 到位数 the money received.
  预算数: 'adjustedBudget',
  到位数: 'received',
  资金到位数: 'received',
  实际到位数: 'received',
  全年执行数: 'executed',
  全年执行: 'executed',
  预算执行数: 'executed',
  执行数: 'executed',
  分值: 'weight',
  权重: 'weight',
  执行率: 'rate',
  预算执行率: 'rate',
  得分: 'score',
});

/** What an indicator header column holds; 性质 and 单位 are the parts of a target split over three columns (Sichuan). */
export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'targetOp' | 'target' | 'targetUnit' | 'actual' | 'weight' | 'score' | 'deviation';

/**
 * Captions of a funds row's reason (as `captionKey` spells them): a 偏差原因 or
 * 原因说明 column of the funds header, or a label cell at the end of a funds
 * row with the reason in the cell after it (`偏差原因 | 因项目调整未支付完毕`),
 * or at the head of the reason's own cell (`偏差原因：因项目调整…`).
 */
export const FUNDS_REASON_CAPTIONS: readonly string[] = [
  '偏差原因分析及改进措施',
  '偏差原因及改进措施',
  '偏差原因分析',
  '偏差原因',
  '偏差说明',
  '原因分析',
  '原因说明',
  '未完成原因分析',
  '未完成原因',
  '执行偏差原因',
];

/**
 * A line that gives a reason on its own: a reason caption, then the reason
 * (`偏差原因 | 因项目调整未支付完毕`), no other caption. It is no indicator
 * header, although 偏差原因 is one of its captions; under funds rows it is a
 * line of the funds block.
 */
export function isReasonLine(cells: readonly { kind: string; text: string }[]): boolean {
  if (cells.length < 2 || !isReasonCaption(cells[0].text)) return false;
  for (let i = 1; i < cells.length; i++) if (cells[i].kind === 'label') return false;
  return true;
}

/** Whether a cell's whole text is a reason caption (`偏差原因`, `*原因说明：`). */
export function isReasonCaption(text: string): boolean {
  return mayBeReasonCaption(text) && isReasonCaptionKey(captionKey(text));
}

/** Whether a caption key (`captionKey`) is a reason caption's. */
export function isReasonCaptionKey(key: string): boolean {
  return FUNDS_REASON_CAPTIONS.includes(key);
}

/**
 * The first character of each reason caption, one flag per code unit:
 * captionKey keeps every character of a caption, so a text none of whose
 * characters folds to one is none.
 */
const REASON_OPENINGS = new Uint8Array(0x10000);
for (const caption of FUNDS_REASON_CAPTIONS) REASON_OPENINGS[caption.charCodeAt(0)] = 1;

/** Whether a text may be a reason caption, told without folding it: every row's first cell is asked. */
export function mayBeReasonCaption(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (REASON_OPENINGS[lexicalUnit(text.charCodeAt(i))] === 1) return true;
  return false;
}

/** Indicator header captions (as `captionKey` spells them) → the field their column holds. */
export const INDICATOR_COLUMNS: Readonly<Record<string, IndicatorColumn>> = textKeyed({
  一级指标: 'level1',
  一级: 'level1',
  二级指标: 'level2',
  二级: 'level2',
  三级指标: 'name',
  三级: 'name',
  指标名称: 'name',
  年度指标值: 'target',
  指标值: 'target',
  目标值: 'target',
  年度目标值: 'target',
  预期指标值: 'target',
  指标性质: 'targetOp',
  指标方向: 'targetOp',
  度量单位: 'targetUnit',
  计量单位: 'targetUnit',
  单位: 'targetUnit',
  实际完成值: 'actual',
  全年实际完成值: 'actual',
  实际值: 'actual',
  完成值: 'actual',
  实际完成指标值: 'actual',
  分值: 'weight',
  权重: 'weight',
  指标分值: 'weight',
  得分: 'score',
  自评得分: 'score',
  评分: 'score',
  偏差原因分析及改进措施: 'deviation',
  偏差原因分析: 'deviation',
  未完成原因分析: 'deviation',
  偏差原因: 'deviation',
  偏差原因及改进措施: 'deviation',
  未完成原因及改进措施: 'deviation',
  备注: 'deviation',
});

/** Words of a 指标性质 column → the comparator they give the joined target (正向 ≥, 反向 ≤; 定性 none). */
export const TARGET_NATURE_WORDS: Readonly<Record<string, '>=' | '<=' | '>' | '<' | '=' | null>> = textKeyed({
  正向: '>=',
  正向指标: '>=',
  反向: '<=',
  反向指标: '<=',
  定性: null,
  定量: null,
});

/**
 * Funds rows the lexer leaves as text (a word too common to be a label
 * anywhere in a form), known by their whole label inside the funds block.
 */
export const FUNDS_ROW_TEXT_KIND: Readonly<Record<string, 'total' | 'fiscal' | 'carryover' | 'other'>> = textKeyed({
  其他: 'other',
  其它: 'other',
});

/**
 * Words that say a row's own label names money (`2、政府性基金`, `(一)财政拨款小计`,
 * `自治区补助`, `单位资金`): inside the funds block, such a label followed by
 * figures alone is one more funds row, however few figures it carries.
 */
export const FUNDS_ROW_WORDS = /资金|拨款|预算|收入|补助|基金|小计|经费|总额|结转|结余/;

/**
 * Labels of a 合计/总计 row: inside the funds block it is the block's total
 * row (kind total when the block has no 年度资金总额), after it the form's 总分.
 */
export const SUM_ROW_LABELS: ReadonlySet<string> = new Set(['合计', '总计']);

/** Total-row labels whose single figure is the declared score (a 自评得分 printed in the header block). */
export const SCORE_ONLY_TOTAL_LABELS: ReadonlySet<string> = new Set(['自评得分', '自评总分', '总得分']);

const CAPTION_NOISE = /[*\s:]/g;
const CAPTION_SUFFIX = /(?:\((?:\d+(?:\.\d+)?分|亿元|万元|元|%)\))+$/;

/**
 * A caption as the column tables spell it: width-folded, traditional characters
 * simplified (script.ts), without `*`, spaces,
 * colon or a points/unit suffix (`*分值`, `年度预算数（万元）` → `年度预算数`).
 */
export function captionKey(text: string): string {
  return foldLexical(text).replace(CAPTION_NOISE, '').replace(CAPTION_SUFFIX, '');
}

/** The points a caption declares: `预算执行情况（万元）（20分）` → `20`. */
export function captionPointsOf(text: string): string | null {
  const match = /\((\d+(?:\.\d+)?)分\)/.exec(foldLexical(text).replace(CAPTION_NOISE, ''));
  return match ? match[1] : null;
}

/** The unit a funds caption names: `项目资金（万元）`, `年度预算数(万元)` → 万元. */
export function fundsUnitOf(text: string): '元' | '万元' | '亿元' | null {
  const match = /\((亿元|万元|元)\)/.exec(foldLexical(text).replace(CAPTION_NOISE, ''));
  return match ? (match[1] as '元' | '万元' | '亿元') : null;
}

/** The funds captions the lexer reads as labels: every one of FUNDS_COLUMNS but the shared 分值 · 权重 · 得分. */
export const FUNDS_COLUMN_LABELS: readonly string[] = Object.keys(FUNDS_COLUMNS).filter((caption) => !SHARED_COLUMNS.includes(caption));

/**
 * Row labels of the funds block, by the row's kind: the block's total and the
 * sources that add up to it. The lexer reads each as a label (with spaces, a
 * leading `*`, a colon and a `(万元)` tolerated).
 */
export const FUNDS_ROW_LABELS = {
  total: ['年度资金总额', '年度财政资金总额', '财政资金总额', '当年资金总额', '资金总额', '总额'],
  fiscal: ['其中:当年财政拨款', '其中:本年财政拨款', '其中:财政拨款', '其中:财政资金', '当年财政拨款', '本年财政拨款', '财政拨款', '财政资金'],
  carryover: ['上年结转资金', '上年结转', '上年结余结转'],
  other: ['其他资金', '其它资金', '上级补助资金', '上级补助'],
} as const satisfies Readonly<Record<'total' | 'fiscal' | 'carryover' | 'other', readonly string[]>>;

/**
 * Labels of a share of public money by the government that gives it (`其中:中央财政资金`,
 * `省级财政资金`, `市县资金`, `自治区补助`), as captionKey spells them with 其中 dropped.
 * Under a 财政拨款 row such a row is a part of it, one level down (its parentLine);
 * with no 财政拨款 above it, it is itself a fiscal source of the total.
 */
export const FUNDS_GOVERNMENT_SHARES: ReadonlySet<string> = new Set(
  ['中央', '省级', '省', '市县', '市级', '市', '县级', '县', '区级', '区', '地方', '自治区', '本级'].flatMap((government) =>
    ['财政资金', '财政拨款', '资金', '补助', '补助资金'].map((money) => government + money),
  ),
);

/** `其中:中央财政资金` → `中央财政资金`: a funds row label without the 其中 that nests it. */
export function withoutPartMark(label: string): string {
  return captionKey(label).replace(/^其中/, '');
}
