/**
 * A generator of templates, not of variants: every trait a department's
 * export can vary by (shared/templates.md, domain primer §2) is drawn on its
 * own, from a seed, and the form is drawn from the combination. It returns
 * the export (text and bytes in the drawn encoding) and the drawn truth:
 * every field the reader should give, with the line it stands on, and the
 * cells drawn on each line (for the provenance invariant).
 *
 * Written independently of src/ on purpose: it is the oracle. The content
 * words (indicator names, targets) come from render-mess.ts.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { labelRow, NAMES, TARGETS, familyOf, type Alignment, type Family } from './render-mess.js';

// ---- traits -------------------------------------------------------------------------

/** Every trait and its values; a form draws one value of each, independently. */
export const TRAIT_VALUES = {
  /** The 一级/二级 framework: the four of templates.md, and labels no table knows. */
  framework: ['mof2020', 'mof2021', 'evaluation', 'effect', 'invented'],
  /** Where a merged 一级 label is printed in its group of rows. */
  align1: ['top', 'middle', 'bottom'],
  /** Where a merged 二级 label is printed in its group of rows. */
  align2: ['top', 'middle', 'bottom'],
  /** Points declared on the 一级 labels (`产出指标(50分)`). */
  level1Points: ['declared', 'none'],
  /** Points declared on the 二级 labels (`数量指标(10分)`). */
  level2Points: ['none', 'declared'],
  /**
   * How labels are spelt: as the tables write them, without 指标, with 等, traditional script (every fixed word of
   * the form: title, captions, funds row labels, 一级/二级 labels, 总分, page line), full-width points, numbered.
   */
  spelling: ['canonical', 'short', 'etc', 'traditional', 'fullwidth', 'numbered'],
  /** The funds columns: the canonical six; Hebei's 预算数·到位数·执行数; no 年初预算数; 执行率 before 分值. */
  fundsColumns: ['standard', 'hebei', 'noInitial', 'rateFirst'],
  /** Where the funds row labels stand: the seed's column 1 (under a blank header cell) or column 0. */
  fundsLabelColumn: ['column1', 'column0'],
  /**
   * The funds header against its figures, in cell-separated text: aligned; captions one column left of their
   * figures (shifted); a blank column after the first figure column, in the header and every row, as a merged
   * column leaves (gapped). Space-aligned text places each caption over its figures whatever the cells were, so
   * there all three are drawn aligned.
   */
  fundsHeader: ['aligned', 'shifted', 'gapped'],
  /** The first figure column (年初预算数, 预算数 or 全年预算数) blank on every row. */
  blankLeading: ['no', 'yes'],
  /** 其中 rows below 年度资金总额: none, one level, two levels (其中：财政拨款 → 其中：中央/省级/市县). */
  nesting: ['none', 'one', 'two'],
  /** What stands in the 分值 and 得分 cells of component rows. */
  filler: ['—', '/', '-', 'blank'],
  /** The indicator columns: canonical; target split into 性质·值·单位; no 分值/得分; 分值 before 实际完成值; no 偏差原因. */
  indicatorColumns: ['standard', 'split', 'resultsOnly', 'weightFirst', 'noDeviation'],
  /** A leading 年度绩效指标 column (blank on indicator rows), or the header starting at 一级指标. */
  leadColumn: ['yes', 'no'],
  /**
   * The 总分 row: weight and score; score only; score beside a filler; figures one column left of their header;
   * labelled 合计; the score alone, under 分值 (only the form's arithmetic tells it from the weight).
   */
  total: ['weightScore', 'scoreOnly', 'scoreBesideFiller', 'shiftedLeft', 'heji', 'loneScore'],
  /** A page break drawn inside a 二级 group. */
  pageBreak: ['none', 'page', 'dash'],
  /** The indicator header repeated inside a group (after the page break, if any). */
  repeatedHeader: ['no', 'yes'],
  /** Indicator names longer than their column (in space layout they push the next cells right). */
  overflow: ['no', 'yes'],
  separator: ['tab', 'pipe', 'spaces'],
  encoding: ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'],
  lineEnd: ['lf', 'crlf'],
  /**
   * The funds and indicator columns: as the template of fundsColumns and indicatorColumns has them, or drawn
   * column by column (a subset of the funds fields and caption spellings, 分值 · 执行率 · 得分 in any order; the
   * indicator columns' subset and the order of 实际完成值 · 分值 · 得分), overriding both.
   */
  columnSet: ['template', 'drawn'],
} as const;

/**
 * Traits drawn from a stream of their own (see generateTemplate), so that adding one leaves every form drawn
 * before it as it was, seed for seed.
 */
const OWN_STREAM: ReadonlySet<TraitName> = new Set<TraitName>(['columnSet']);

export type TraitName = keyof typeof TRAIT_VALUES;
export type Traits = { -readonly [K in TraitName]: (typeof TRAIT_VALUES)[K][number] };
export const TRAIT_NAMES = Object.keys(TRAIT_VALUES) as TraitName[];

// ---- a seeded PRNG --------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence for a seed everywhere. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A non-empty subset, in order. */
  subset<T>(items: readonly T[], min = 1): T[] {
    for (;;) {
      const chosen = items.filter(() => this.chance(0.6));
      if (chosen.length >= min) return chosen;
    }
  }
  /** `total` split into `parts` positive integers. */
  split(total: number, parts: number): number[] {
    const cuts = new Set<number>();
    while (cuts.size < parts - 1) cuts.add(this.int(1, total - 1));
    const sorted = [0, ...[...cuts].sort((a, b) => a - b), total];
    return sorted.slice(1).map((c, i) => c - sorted[i]);
  }
}

/** Draws the traits: each from its allowed values (all by default), independently; those of OWN_STREAM from `own`. */
export function drawTraits(random: Random, allowed: Partial<Record<TraitName, readonly string[]>> = {}, own: Random = random): Traits {
  const traits = {} as Record<TraitName, string>;
  for (const name of TRAIT_NAMES) traits[name] = (OWN_STREAM.has(name) ? own : random).pick(allowed[name] ?? TRAIT_VALUES[name]);
  return traits as Traits;
}

/** A shuffled copy (Fisher–Yates). */
function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---- the truth --------------------------------------------------------------------------

/** How a field compares: labels without whitespace, texts with it collapsed, figures as decimals, points as decimals. */
export type FieldKind = 'label' | 'text' | 'figure' | 'points';

export interface TruthField {
  /** `indicator.level1`, `funds.adjustedBudget`, `total.score` … */
  field: string;
  section: 'project' | 'funds' | 'indicator' | 'total';
  kind: FieldKind;
  /** The line the field is read from: the row's line (a merged label belongs to every row of its group). */
  line: number;
  /** As it should read back; null where the form has none. */
  value: string | null;
}

export interface Truth {
  traits: Traits;
  seed: number;
  fields: TruthField[];
  /** Indicator rows: their line and the indexes of their fields in `fields`. */
  indicatorRows: { line: number; fields: number[] }[];
  fundsLines: number[];
  totalLine: number;
  /** The lines of the indicator table, header to last row (labels cite them). */
  indicatorLines: [number, number];
  /** The cells drawn on each line (index = line − 1). */
  cells: string[][];
}

export interface Generated {
  text: string;
  bytes: Uint8Array;
  truth: Truth;
}

// ---- words --------------------------------------------------------------------------------

interface Level1Def {
  name: string;
  groups: readonly string[];
}

const EVALUATION_PROCESS = ['项目过程', '项目管理'];

function frameworkOf(framework: Traits['framework'], random: Random): { level1: Level1Def[]; points: number[] } {
  switch (framework) {
    case 'mof2020':
      return {
        level1: [
          { name: '产出指标', groups: ['数量指标', '质量指标', '时效指标', '成本指标'] },
          { name: '效益指标', groups: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
          { name: '满意度指标', groups: ['服务对象满意度指标'] },
        ],
        points: random.pick([[50, 30, 10], [40, 40, 10], [50, 20, 20]]),
      };
    case 'mof2021':
      return {
        level1: [
          { name: '产出指标', groups: ['数量指标', '质量指标', '时效指标'] },
          { name: '成本指标', groups: ['经济成本指标', '社会成本指标', '生态环境成本指标'] },
          { name: '效益指标', groups: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
          { name: '满意度指标', groups: ['服务对象满意度指标'] },
        ],
        points: random.pick([[30, 20, 30, 10], [40, 10, 30, 10]]),
      };
    case 'evaluation':
      return {
        level1: [
          { name: '项目决策', groups: ['项目目标', '决策过程', '资金投入'] },
          { name: random.pick(EVALUATION_PROCESS), groups: ['资金管理', '组织实施'] },
          { name: '项目产出', groups: ['产出数量', '产出质量', '产出时效', '产出成本'] },
          { name: '项目效益', groups: ['经济效益', '社会效益', '可持续影响', '服务对象满意度'] },
        ],
        points: random.pick([[10, 20, 40, 20], [15, 15, 30, 30]]),
      };
    case 'effect':
      return {
        level1: [
          { name: '产出指标', groups: ['数量指标', '质量指标', '时效指标', '成本指标'] },
          { name: '效果指标', groups: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
          { name: '满意度指标', groups: ['服务对象满意度指标'] },
        ],
        points: random.pick([[50, 30, 10], [40, 40, 10]]),
      };
    case 'invented': {
      const names = random.subset(INVENTED_LEVEL1, 2).slice(0, 4);
      const level1 = names.map((name) => ({ name, groups: random.subset(INVENTED_LEVEL2, 1).slice(0, 3) }));
      const points = random.split(18, level1.length).map((p) => p * 5);
      return { level1, points };
    }
  }
}

/** 一级 and 二级 labels no table of the reader knows (checked against src/tables when written). */
const INVENTED_LEVEL1 = ['履职效能指标', '工作任务指标', '运行保障指标', '综合管理指标', '服务提升指标'];
const INVENTED_LEVEL2 = ['任务完成', '工作质量', '服务保障', '运行管理', '履职成效', '制度建设', '安全生产', '宣传推广'];

/** Simplified → traditional, for the characters of the labels drawn here. */
const TRADITIONAL: Readonly<Record<string, string>> = Object.fromEntries(
  [...'产產标標数數质質时時经經济濟态態满滿务務对對续續响響项項决決过過资資组組织織实實业業环環总總额額当當拨撥结結转轉级級财財补補预預执執设設运運护護宣宣传傳称稱门門际際况況体體评評页頁万萬权權进進计計绩績单單调調'].reduce<string[][]>(
    (pairs, ch, i, all) => (i % 2 === 0 ? [...pairs, [ch, all[i + 1]]] : pairs),
    [],
  ),
);
const toTraditional = (text: string) => [...text].map((ch) => TRADITIONAL[ch] ?? ch).join('');
/** A fixed word of the form (a title, a caption, 总分, a page line) as the drawn spelling prints it. */
const fixedWord = (traits: Traits, word: string) => (traits.spelling === 'traditional' ? toTraditional(word) : word);
const FULL_DIGITS = '０１２３４５６７８９';
const fullWidthDigits = (text: string) => text.replace(/\d/g, (d) => FULL_DIGITS[Number(d)]);
const NUMERALS = ['一', '二', '三', '四', '五', '六'];

/** A label as printed, and the label it should read back as (points dropped, text as written). */
function spellLabel(name: string, level: 1 | 2, index: number, points: number | null, spelling: Traits['spelling'], random: Random): { printed: string; reads: string } {
  let text = name;
  if (spelling === 'short' && level === 2 && text.endsWith('指标')) text = text.slice(0, -2);
  if (spelling === 'etc' && level === 2) text += '等';
  if (spelling === 'traditional') text = toTraditional(text);
  if (spelling === 'numbered') text = level === 1 ? `${NUMERALS[index % NUMERALS.length]}、${text}` : `${index + 1}.${text}`;
  if (points === null) return { printed: text, reads: text };
  const suffix =
    spelling === 'fullwidth'
      ? `（${fullWidthDigits(String(points))}分）`
      : random.pick([`(${points}分)`, `（${points}分）`, ` (${points}分)`, `（${points} 分）`]);
  return { printed: text + suffix, reads: text };
}

const FAMILY_OF_EVALUATION: Readonly<Record<string, Family>> = {
  产出数量: 'quantity',
  产出质量: 'quality',
  产出时效: 'timeliness',
  产出成本: 'cost',
  经济效益: 'economic',
  可持续影响: 'sustainable',
  服务对象满意度: 'satisfaction',
};
const familyOfGroup = (group: string): Family => FAMILY_OF_EVALUATION[group] ?? familyOf(group);

/** Names that read like a label or a marker are left out: the row would be another trait. */
const nameChoices = (family: Family) => [...NAMES[family], ...(family === 'neutral' ? [] : NAMES.neutral)].filter((n) => n !== '不适用');
const targetChoices = (family: Family) => [...TARGETS[family], ...(family === 'neutral' ? [] : TARGETS.neutral)].filter((t) => t !== '不适用');
const LONG_NAMES = ['农村劳动力转移就业技能培训合格证书发放人数', '基层医疗卫生机构标准化建设达标村卫生室数量', '城乡居民基本医疗保险参保缴费完成率'];
const ACTUALS = ['100%', '144', '及时', '373714元', '98.02%', '有效', '39', '21', '99.23%', '1172', '0%', '有效保障', '520亩', '5人', '基本达成', '96%'];
const DEVIATIONS = ['项目停用', '改进措施：加强培训', '资金未全部拨付', '受疫情影响，部分工作延期'];

/**
 * A target in the three cells of a split-target table (性质 · 值 · 单位); their join is the target. A target
 * that is no figure with a unit (a date, `2023年12月底前`) is printed whole under 指标值, as such forms print it.
 */
function splitTarget(target: string): [string, string, string] {
  const m = /^(≥|≤|=|>|<)?(\d+(?:\.\d+)?)(\D*)$/.exec(target);
  return m ? [m[1] ?? '', m[2], m[3]] : ['', target, ''];
}

// ---- numbers ------------------------------------------------------------------------------

/** Hundredths as the shortest decimal: 950 → "9.5", 1000 → "10". */
const hundredths = (h: number) => {
  const whole = Math.floor(h / 100);
  const frac = h % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
};
/** Hundredths with two decimals always: 12000 → "120.00". */
const money = (h: number) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
const rateOf = (executed: number, budget: number) => (budget === 0 ? 0 : Math.round((executed * 10000) / budget));

// ---- the form ------------------------------------------------------------------------------

type FundsField = 'initialBudget' | 'adjustedBudget' | 'received' | 'executed' | 'weight' | 'rate' | 'score';

const FUNDS_COLUMNS: Readonly<Record<Traits['fundsColumns'], readonly { field: FundsField; caption: string }[]>> = {
  standard: [
    { field: 'initialBudget', caption: '年初预算数' },
    { field: 'adjustedBudget', caption: '全年预算数' },
    { field: 'executed', caption: '全年执行数' },
    { field: 'weight', caption: '分值' },
    { field: 'rate', caption: '执行率' },
    { field: 'score', caption: '得分' },
  ],
  hebei: [
    { field: 'adjustedBudget', caption: '预算数' },
    { field: 'received', caption: '到位数' },
    { field: 'executed', caption: '执行数' },
    { field: 'weight', caption: '分值' },
    { field: 'rate', caption: '执行率' },
    { field: 'score', caption: '得分' },
  ],
  noInitial: [
    { field: 'adjustedBudget', caption: '全年预算数' },
    { field: 'executed', caption: '全年执行数' },
    { field: 'weight', caption: '分值' },
    { field: 'rate', caption: '执行率' },
    { field: 'score', caption: '得分' },
  ],
  rateFirst: [
    { field: 'initialBudget', caption: '年初预算数' },
    { field: 'adjustedBudget', caption: '全年预算数' },
    { field: 'executed', caption: '全年执行数' },
    { field: 'rate', caption: '执行率' },
    { field: 'weight', caption: '分值' },
    { field: 'score', caption: '得分' },
  ],
};

type IndicatorColumn = 'lead' | 'level1' | 'level2' | 'name' | 'target' | 'nature' | 'value' | 'unit' | 'actual' | 'weight' | 'score' | 'deviation';

const INDICATOR_COLUMNS: Readonly<Record<Traits['indicatorColumns'], readonly IndicatorColumn[]>> = {
  standard: ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'deviation'],
  split: ['level1', 'level2', 'name', 'nature', 'value', 'unit', 'actual', 'weight', 'score', 'deviation'],
  resultsOnly: ['level1', 'level2', 'name', 'target', 'actual', 'deviation'],
  weightFirst: ['level1', 'level2', 'name', 'target', 'weight', 'actual', 'score', 'deviation'],
  noDeviation: ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score'],
};

/** Captions of each funds field, as templates spell them. */
const FUNDS_CAPTIONS: Readonly<Record<FundsField, readonly string[]>> = {
  initialBudget: ['年初预算数', '年初预算'],
  adjustedBudget: ['全年预算数', '调整后预算数', '年度预算数'],
  received: ['到位数', '资金到位数'],
  executed: ['全年执行数', '执行数', '预算执行数'],
  weight: ['分值', '权重'],
  rate: ['执行率', '预算执行率'],
  score: ['得分'],
};

/** Funds columns drawn one by one: the year's budget and what was spent always, 年初预算数 and 到位数 or not, then 分值 · 执行率 · 得分 (a subset) in any order. */
function drawnFundsColumns(random: Random): { field: FundsField; caption: string }[] {
  const amounts: FundsField[] = ['initialBudget', 'adjustedBudget', 'received', 'executed'].filter(
    (f) => f === 'adjustedBudget' || f === 'executed' || random.chance(0.5),
  ) as FundsField[];
  const points = shuffled(random, random.subset<FundsField>(['weight', 'rate', 'score']));
  return [...amounts, ...points].map((field) => ({ field, caption: random.pick(FUNDS_CAPTIONS[field]) }));
}

/** Indicator columns drawn one by one: the target whole or split, 分值 and 得分 or neither, 偏差原因 or not, and 实际完成值 before, between or after 分值 · 得分. */
function drawnIndicatorColumns(random: Random): IndicatorColumn[] {
  const target: IndicatorColumn[] = random.chance(0.25) ? ['nature', 'value', 'unit'] : ['target'];
  const figures = random.chance(0.8);
  const tail: IndicatorColumn[] = figures ? random.pick<IndicatorColumn[]>([['actual', 'weight', 'score'], ['weight', 'actual', 'score'], ['weight', 'score', 'actual']]) : ['actual'];
  return ['level1', 'level2', 'name', ...target, ...tail, ...(random.chance(0.7) ? (['deviation'] as const) : [])];
}

function indicatorCaption(column: IndicatorColumn, random: Random): string {
  switch (column) {
    case 'lead': return random.pick(['年度绩效指标', '绩效指标']);
    case 'level1': return '一级指标';
    case 'level2': return '二级指标';
    case 'name': return '三级指标';
    case 'target': return '年度指标值';
    case 'nature': return '指标性质';
    case 'value': return '指标值';
    case 'unit': return '度量单位';
    case 'actual': return random.pick(['实际完成值', '*实际完成值']);
    case 'weight': return random.pick(['分值', '*分值', '权重']);
    case 'score': return random.pick(['得分', '*得分']);
    case 'deviation': return '偏差原因分析及改进措施';
  }
}

/** A row of the grid: its cells, and the fields the truth expects on it. */
interface GridRow {
  cells: string[];
  fields?: Omit<TruthField, 'line'>[];
  kind?: 'indicator' | 'funds' | 'total' | 'indicatorHeader';
  /** Cells that may overflow their column in space layout (indexes). */
  overflow?: number[];
  /** In space layout, a cell followed by empty ones spans them (a merged cell: project, goals, the funds caption); else each cell is its column's. */
  spans?: boolean;
}

interface FundsRowDraw {
  label: string;
  budget: number;
  executed: number;
  total: boolean;
}

/** A component: its budget and what was spent of it (at most the budget). */
function component(random: Random, budget: number): { budget: number; executed: number } {
  return { budget, executed: budget - (random.chance(0.5) ? 0 : random.int(0, Math.floor(budget / 4))) };
}

function fundsRows(traits: Traits, random: Random, budget: number): FundsRowDraw[] {
  const spell = (label: string) => (traits.spelling === 'traditional' ? toTraditional(label) : label);
  const totalLabel = spell(random.pick(['年度资金总额', '年度资金总额', '合计', '资金总额']));
  if (traits.nesting === 'none') return [{ label: totalLabel, ...component(random, budget), total: true }];
  // Components add up to the total, column by column.
  const carry = component(random, Math.floor((budget * random.int(0, 3)) / 10));
  const fiscalBudget = budget - carry.budget;
  const fiscalLabel = spell(`其中：${random.pick(['当年财政拨款', '本年财政拨款', '财政拨款'])}`);
  const nested: FundsRowDraw[] = [];
  let fiscal: { budget: number; executed: number };
  if (traits.nesting === 'two') {
    const central = component(random, Math.floor((fiscalBudget * random.int(1, 5)) / 10));
    const province = component(random, Math.floor(((fiscalBudget - central.budget) * random.int(0, 5)) / 10));
    const county = component(random, fiscalBudget - central.budget - province.budget);
    nested.push(
      { label: spell('其中：中央财政资金'), ...central, total: false },
      { label: spell('省级财政资金'), ...province, total: false },
      { label: spell('市县财政资金'), ...county, total: false },
    );
    fiscal = { budget: fiscalBudget, executed: central.executed + province.executed + county.executed };
  } else fiscal = component(random, fiscalBudget);
  // 上级补助 beside the fiscal row, carved out of it.
  const grant = traits.nesting === 'one' && random.chance(0.4) ? component(random, Math.floor(fiscal.budget / 4)) : null;
  if (grant) fiscal = { budget: fiscal.budget - grant.budget, executed: Math.min(fiscal.budget - grant.budget, fiscal.executed) };
  return [
    { label: totalLabel, budget, executed: fiscal.executed + carry.executed + (grant?.executed ?? 0), total: true },
    { label: fiscalLabel, ...fiscal, total: false },
    ...nested,
    ...(grant ? [{ label: spell('上级补助'), ...grant, total: false }] : []),
    { label: spell(random.pick(['上年结转资金', '上年结转'])), ...carry, total: false },
    { label: spell(random.pick(['其他资金', '其他'])), budget: 0, executed: 0, total: false },
  ];
}

/** The funds block: its header and rows, and the funds score (hundredths). */
function fundsBlock(traits: Traits, random: Random, unit: string, layoutRandom: Random): { rows: GridRow[]; score: number } {
  const headerShape = traits.separator === 'spaces' ? 'aligned' : traits.fundsHeader;
  const columns = traits.columnSet === 'drawn' ? drawnFundsColumns(layoutRandom) : FUNDS_COLUMNS[traits.fundsColumns];
  const budget = random.int(1000, 9_999_999) * (unit === '元' ? 100 : 1);
  const rows = fundsRows(traits, random, budget);
  const weight = 10;
  const totalRate = rateOf(rows[0].executed, budget);
  const score = Math.round((weight * totalRate) / 100);
  const labelAt = traits.fundsLabelColumn === 'column1' ? 1 : 0;
  // A shifted header stands one column left of its figures; beside a label in column 0 the figures move right.
  const figuresAt = labelAt + 1 + (headerShape === 'shifted' && labelAt === 0 ? 1 : 0);
  const captionsAt = headerShape === 'shifted' ? figuresAt - 1 : figuresAt;
  const caption = fixedWord(traits, `项目资金（${unit}）`);
  const header: string[] = [caption];
  const captions = columns.map((c) => fixedWord(traits, c.caption));
  if (headerShape === 'gapped') captions.splice(1, 0, '');
  captions.forEach((c, i) => (header[captionsAt + i] = c));
  const grid: GridRow[] = [{ cells: fill(header), spans: true }];
  const filler = traits.filler === 'blank' ? '' : traits.filler;
  // 年初预算数 and 到位数 short of the year's budget by a share of it, so that no column reads right by having another's figure.
  const initialShort = random.int(1, 20);
  const receivedShort = random.int(1, 10);
  const short = (amount: number, percent: number) => amount - Math.floor((amount * percent) / 100);
  for (const row of rows) {
    const cells: string[] = [];
    cells[labelAt] = row.label;
    const rate = rateOf(row.executed, row.budget);
    const figure = (amount: number) => ({ printed: money(amount), value: money(amount) });
    const values: Record<FundsField, { printed: string; value: string | null }> = {
      initialBudget: figure(short(row.budget, initialShort)),
      adjustedBudget: figure(row.budget),
      received: figure(Math.max(row.executed, short(row.budget, receivedShort))),
      executed: figure(row.executed),
      weight: row.total ? { printed: String(weight), value: String(weight) } : { printed: filler, value: null },
      rate: row.budget === 0 ? { printed: filler, value: null } : { printed: `${money(rate)}%`, value: money(rate) },
      score: row.total ? { printed: hundredths(score), value: hundredths(score) } : { printed: filler, value: null },
    };
    const fields: Omit<TruthField, 'line'>[] = [{ field: 'funds.label', section: 'funds', kind: 'text', value: row.label }];
    columns.forEach((column, k) => {
      const blank = k === 0 && traits.blankLeading === 'yes';
      const v = values[column.field];
      cells[figuresAt + k + (headerShape === 'gapped' && k > 0 ? 1 : 0)] = blank ? '' : v.printed;
      fields.push({ field: `funds.${column.field}`, section: 'funds', kind: 'figure', value: blank ? null : v.value });
    });
    grid.push({ cells: fill(cells), fields, kind: 'funds' });
  }
  return { rows: grid, score };
}

const fill = (cells: string[]) => Array.from(cells, (c) => c ?? '');

interface IndicatorDraw {
  level1: { printed: string; reads: string; points: number | null };
  level2: { printed: string; reads: string };
  name: string;
  target: string;
  actual: string;
  weight: number;
  score: number;
  deviation: string | null;
  level1Row: boolean;
  level2Row: boolean;
  longName: boolean;
}

/** The indicator rows of the framework, each with its labels, figures and whether it prints a merged label. */
function indicatorDraws(traits: Traits, random: Random): IndicatorDraw[] {
  const { level1, points } = frameworkOf(traits.framework, random);
  const draws: IndicatorDraw[] = [];
  level1.forEach((l1, i) => {
    const groups = random.subset(l1.groups);
    const l1Points = points[i];
    const sizes = groups.map(() => random.int(1, 4));
    while (sizes.reduce((a, b) => a + b, 0) > l1Points) sizes[sizes.indexOf(Math.max(...sizes))]--;
    const rowCount = sizes.reduce((a, b) => a + b, 0);
    const weights = random.split(l1Points, rowCount);
    const label1 = spellLabel(l1.name, 1, i, traits.level1Points === 'declared' ? l1Points : null, traits.spelling, random);
    const l1At = labelRow(traits.align1 as Alignment, rowCount);
    let k = 0;
    groups.forEach((group, g) => {
      const groupWeights = weights.slice(k, k + sizes[g]);
      const groupPoints = groupWeights.reduce((a, b) => a + b, 0);
      const label2 = spellLabel(group, 2, g, traits.level2Points === 'declared' ? groupPoints : null, traits.spelling, random);
      const l2At = labelRow(traits.align2 as Alignment, sizes[g]);
      const family = familyOfGroup(group);
      for (let r = 0; r < sizes[g]; r++, k++) {
        const weight = groupWeights[r] * 100;
        const score = random.chance(0.7) ? weight : weight - random.int(1, Math.min(weight, 300));
        const longName = traits.overflow === 'yes' && random.chance(0.3);
        draws.push({
          level1: { ...label1, points: traits.level1Points === 'declared' ? l1Points : null },
          level2: label2,
          name: longName ? random.pick(LONG_NAMES) : random.pick(nameChoices(family)),
          target: random.pick(targetChoices(family)),
          actual: random.pick(ACTUALS),
          weight,
          score,
          deviation: score < weight && random.chance(0.7) ? random.pick(DEVIATIONS) : null,
          level1Row: k === l1At,
          level2Row: r === l2At,
          longName,
        });
      }
    });
  });
  return draws;
}

function indicatorBlock(traits: Traits, random: Random, layoutRandom: Random): { header: GridRow; rows: GridRow[]; weight: number; score: number } {
  const drawn = traits.columnSet === 'drawn' ? drawnIndicatorColumns(layoutRandom) : INDICATOR_COLUMNS[traits.indicatorColumns];
  const columns: IndicatorColumn[] = [...(traits.leadColumn === 'yes' ? (['lead'] as const) : []), ...drawn];
  const at = (column: IndicatorColumn) => columns.indexOf(column);
  const header: GridRow = { cells: columns.map((c) => fixedWord(traits, indicatorCaption(c, random))), kind: 'indicatorHeader' };
  const figures = columns.includes('weight');
  const draws = indicatorDraws(traits, random);
  const rows = draws.map((d): GridRow => {
    const cells = columns.map(() => '');
    if (d.level1Row) cells[at('level1')] = d.level1.printed;
    if (d.level2Row) cells[at('level2')] = d.level2.printed;
    cells[at('name')] = d.name;
    if (columns.includes('target')) cells[at('target')] = d.target;
    else [cells[at('nature')], cells[at('value')], cells[at('unit')]] = splitTarget(d.target);
    cells[at('actual')] = d.actual;
    if (figures) {
      cells[at('weight')] = hundredths(d.weight);
      cells[at('score')] = hundredths(d.score);
    }
    if (columns.includes('deviation')) cells[at('deviation')] = d.deviation ?? '';
    const field = (name: string, kind: FieldKind, value: string | null): Omit<TruthField, 'line'> => ({ field: `indicator.${name}`, section: 'indicator', kind, value });
    return {
      cells,
      kind: 'indicator',
      overflow: d.longName ? [at('name')] : undefined,
      fields: [
        field('level1', 'label', d.level1.reads),
        field('level1Points', 'points', d.level1.points === null ? null : String(d.level1.points)),
        field('level2', 'label', d.level2.reads),
        field('name', 'text', d.name),
        field('target', 'text', d.target),
        field('actual', 'text', d.actual),
        field('weight', 'figure', figures ? hundredths(d.weight) : null),
        field('score', 'figure', figures ? hundredths(d.score) : null),
        field('deviation', 'text', columns.includes('deviation') ? d.deviation : null),
      ],
    };
  });
  const weight = draws.reduce((n, d) => n + d.weight, 0);
  const score = draws.reduce((n, d) => n + d.score, 0);
  return { header, rows, weight: figures ? weight : -1, score: figures ? score : -1 };
}

/** Where a page break and a repeated header go: after the first row of a group of two rows or more, else after row 0. */
function breakAfter(rows: GridRow[]): number {
  const l2 = rows.map((r) => r.fields?.find((f) => f.field === 'indicator.level2')?.value ?? null);
  for (let i = 0; i + 1 < rows.length; i++) if (l2[i] === l2[i + 1]) return i;
  return 0;
}

function totalRow(traits: Traits, random: Random, header: GridRow, weight: number, score: number): GridRow {
  const cells = header.cells.map(() => '');
  const label = fixedWord(traits, traits.total === 'heji' ? '合计' : '总分');
  cells[0] = label;
  const w = header.cells.findIndex((c) => /分值|权重|權重/.test(c));
  const s = header.cells.findIndex((c) => /得分/.test(c));
  const fields = (w: string | null, s: string | null): Omit<TruthField, 'line'>[] => [
    { field: 'total.weight', section: 'total', kind: 'figure', value: w },
    { field: 'total.score', section: 'total', kind: 'figure', value: s },
  ];
  if (w < 0 || s < 0 || weight < 0) return { cells, kind: 'total', fields: fields(null, null) };
  const W = hundredths(weight);
  const S = hundredths(score);
  const last = cells.length - 1;
  switch (traits.total) {
    case 'weightScore':
    case 'heji':
      cells[w] = W;
      cells[s] = S;
      if (last > s && random.chance(0.5)) cells[last] = '—';
      return { cells, kind: 'total', fields: fields(W, S) };
    case 'scoreOnly':
      cells[s] = S;
      return { cells, kind: 'total', fields: fields(null, S) };
    case 'scoreBesideFiller':
      cells[w] = random.pick(['—', '/', '-']);
      cells[s] = S;
      return { cells, kind: 'total', fields: fields(null, S) };
    case 'shiftedLeft':
      cells[w - 1] = W;
      cells[s - 1] = S;
      return { cells, kind: 'total', fields: fields(W, S) };
    case 'loneScore':
      cells[w] = S;
      return { cells, kind: 'total', fields: fields(null, S) };
  }
}

const TITLES = ['项目支出绩效自评表', '2022年度项目支出绩效自评表', '项目支出绩效自评表（2023年度）', '部门预算项目支出绩效自评表'];
const PROJECTS = ['一般管理事务', '农村公路养护', '全民健身中心建设', '基层医疗卫生机构能力建设', '高标准农田建设项目', '社区居家养老服务补助'];
const DEPARTMENTS = ['某某县财政局', '某某区卫生健康局', '0402009', '某县农业农村局'];
const IMPLEMENTERS = ['某某县农业农村局', '区行政服务大厅', '某某街道办事处', ''];

/** The form's rows; `layoutRandom` draws what the traits of OWN_STREAM add (the drawn columns). */
function formGrid(traits: Traits, random: Random, layoutRandom: Random): GridRow[] {
  const unit = random.pick(['元', '万元']);
  const funds = fundsBlock(traits, random, unit, layoutRandom);
  const indicators = indicatorBlock(traits, random, layoutRandom);
  const width = Math.max(indicators.header.cells.length, ...funds.rows.map((r) => r.cells.length));
  const widen = (cells: string[]) => [...cells, ...new Array<string>(Math.max(0, width - cells.length)).fill('')];
  const name = random.pick(PROJECTS);
  const amount = money(random.int(1000, 9_999_999));
  const department = random.pick(DEPARTMENTS);
  const implementer = random.pick(IMPLEMENTERS);
  const project = (field: string, kind: FieldKind, value: string | null): Omit<TruthField, 'line'> => ({ field: `project.${field}`, section: 'project', kind, value });
  const grid: GridRow[] = [
    { cells: [fixedWord(traits, random.pick(TITLES))] },
    { cells: widen([fixedWord(traits, '项目名称'), name, '', '', fixedWord(traits, '项目金额'), amount]), spans: true, fields: [project('name', 'text', name), project('amount', 'figure', amount)] },
    {
      cells: widen([fixedWord(traits, '主管部门'), department, '', '', fixedWord(traits, '实施单位'), implementer]),
      spans: true,
      fields: [project('department', 'text', department), project('implementer', 'text', implementer || null)],
    },
    ...funds.rows.map((r) => ({ ...r, cells: widen(r.cells) })),
    { cells: widen([fixedWord(traits, '年度总体目标'), fixedWord(traits, '预期目标'), '', '', fixedWord(traits, '实际完成情况')]), spans: true },
    { cells: widen(['', '完成年度工作任务，保障项目顺利实施。', '', '', '已完成年度工作任务。']), spans: true },
  ];
  const rows = indicators.rows.map((r) => ({ ...r, cells: widen(r.cells) }));
  const header = { ...indicators.header, cells: widen(indicators.header.cells) };
  const breakAt = breakAfter(rows);
  grid.push(header);
  rows.forEach((row, i) => {
    grid.push(row);
    if (i !== breakAt || i === rows.length - 1) return;
    if (traits.pageBreak === 'page') grid.push({ cells: [fixedWord(traits, '第 2 页')] });
    if (traits.pageBreak === 'dash') grid.push({ cells: ['- 2 -'] });
    if (traits.repeatedHeader === 'yes') grid.push(header);
  });
  const fundsWeight = 1000;
  grid.push(totalRow(traits, random, header, indicators.weight < 0 ? -1 : indicators.weight + fundsWeight, indicators.score + funds.score));
  return grid;
}

// ---- drawing ---------------------------------------------------------------------------------

/** Display width: CJK and full-width characters take two columns. */
function widthOf(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/**
 * Space-aligned, as a PDF converter draws a table: each cell at its column's
 * start (a merged cell spans the empty ones after it), columns as wide as
 * their widest cell but for overflowing names, which push the rest of their
 * row right, two spaces at least between cells. Widths as the project's
 * samples count them: CJK and full-width characters two, all else one.
 */
function drawSpaces(grid: GridRow[]): string[] {
  const columns = Math.max(...grid.map((r) => r.cells.length));
  const spansOf = (row: GridRow) => {
    const filled = row.cells.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
    const to = (from: number, k: number) => (!row.spans ? from : k + 1 < filled.length ? filled[k + 1] - 1 : columns - 1);
    return filled.map((from, k) => ({ from, to: to(from, k), text: row.cells[from], overflow: row.overflow?.includes(from) ?? false }));
  };
  const tables = grid.filter((r) => r.cells.length > 1);
  const widths = new Array<number>(columns).fill(0);
  for (const row of tables) for (const s of spansOf(row)) if (s.from === s.to && !s.overflow) widths[s.from] = Math.max(widths[s.from], widthOf(s.text));
  for (const row of tables) {
    for (const s of spansOf(row)) {
      if (s.overflow) continue;
      const room = widths.slice(s.from, s.to + 1).reduce((a, b) => a + b, 0) + 2 * (s.to - s.from);
      if (room < widthOf(s.text)) widths[s.to] += widthOf(s.text) - room;
    }
  }
  const start = (column: number) => widths.slice(0, column).reduce((a, b) => a + b, 0) + 2 * column;
  return grid.map((row) => {
    if (row.cells.length === 1) return row.cells[0];
    let line = '';
    for (const s of spansOf(row)) {
      const at = line ? Math.max(start(s.from), widthOf(line) + 2) : start(s.from);
      line += ' '.repeat(at - widthOf(line)) + s.text;
    }
    return line;
  });
}

function drawLines(grid: GridRow[], separator: Traits['separator']): string[] {
  if (separator === 'tab') return grid.map((r) => r.cells.join('\t'));
  if (separator === 'pipe') {
    return grid.map((r) => {
      if (r.cells.length === 1) return r.cells[0];
      const kept = [...r.cells];
      while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
      return `| ${kept.join(' | ')} |`;
    });
  }
  return drawSpaces(grid);
}

export function encode(text: string, encoding: Traits['encoding']): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'utf-8-bom':
      return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    case 'gb18030':
      return new Uint8Array(iconv.encode(text, 'gb18030'));
    case 'utf-16le':
      return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]));
  }
}

/** The form of a seed: its traits drawn first (from `allowed` where given), then its content. */
export function generateTemplate(seed: number, allowed: Partial<Record<TraitName, readonly string[]>> = {}): Generated {
  const random = new Random(seed);
  // A second stream for the traits of OWN_STREAM and what they draw: the first draws every form as before them.
  const own = new Random((seed ^ 0x2545f491) >>> 0);
  const traits = drawTraits(random, allowed, own);
  const grid = formGrid(traits, random, own);
  const lines = drawLines(grid, traits.separator);
  const text = lines.join(traits.lineEnd === 'crlf' ? '\r\n' : '\n') + (traits.lineEnd === 'crlf' ? '\r\n' : '\n');
  const fields: TruthField[] = [];
  const indicatorRows: Truth['indicatorRows'] = [];
  const fundsLines: number[] = [];
  let totalLine = 0;
  let headerLine = 0;
  grid.forEach((row, i) => {
    const line = i + 1;
    if (row.kind === 'indicatorHeader' && headerLine === 0) headerLine = line;
    if (row.kind === 'funds') fundsLines.push(line);
    if (row.kind === 'total') totalLine = line;
    const first = fields.length;
    for (const f of row.fields ?? []) fields.push({ ...f, line });
    if (row.kind === 'indicator') indicatorRows.push({ line, fields: Array.from({ length: fields.length - first }, (_, k) => first + k) });
  });
  return {
    text,
    bytes: encode(text, traits.encoding),
    truth: {
      traits,
      seed,
      fields,
      indicatorRows,
      fundsLines,
      totalLine,
      indicatorLines: [headerLine, totalLine - 1],
      cells: grid.map((r) => r.cells),
    },
  };
}

/** fast-check: a seed, drawn into a form; the seed is in the counterexample, and `generateTemplate(seed)` draws it again. */
export const templateArb = (allowed: Partial<Record<TraitName, readonly string[]>> = {}): fc.Arbitrary<Generated> =>
  fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => generateTemplate(seed, allowed));

// ---- naming what fails --------------------------------------------------------------------

/** The canonical form: the first value of every trait (the sample's family, in tabs, UTF-8). */
export const BASELINE = Object.fromEntries(TRAIT_NAMES.map((t) => [t, TRAIT_VALUES[t][0]])) as Traits;

/** `allowed` that draws exactly these traits. */
export const exactly = (traits: Partial<Traits>): Partial<Record<TraitName, readonly string[]>> =>
  Object.fromEntries(Object.entries(traits).map(([t, v]) => [t, [v]]));

/** A combination of trait values as written in lists: `fundsHeader=shifted & blankLeading=yes`. */
export const comboName = (traits: Partial<Traits>): string =>
  TRAIT_NAMES.filter((t) => traits[t] !== undefined).map((t) => `${t}=${traits[t]}`).join(' & ');

export function parseCombo(name: string): Partial<Traits> {
  return Object.fromEntries(name.split('&').map((part) => part.trim().split('='))) as Partial<Traits>;
}

/** Whether a form's traits include every member of a combination. */
export const hasCombo = (traits: Traits, combo: Partial<Traits>): boolean =>
  Object.entries(combo).every(([t, v]) => traits[t as TraitName] === v);

/**
 * The traits of a failing form that it needs to fail: each trait away from
 * the baseline is set back to it, one at a time, and kept there when the form
 * (same seed, so the same words) still fails. What remains names the weakness.
 */
export function minimalTraits(seed: number, traits: Traits, fails: (generated: Generated) => boolean): Partial<Traits> {
  const current: Traits = { ...traits };
  for (const t of TRAIT_NAMES) {
    if (current[t] === BASELINE[t]) continue;
    const trial = { ...current, [t]: BASELINE[t] } as Traits;
    if (fails(generateTemplate(seed, exactly(trial)))) Object.assign(current, trial);
  }
  return Object.fromEntries(TRAIT_NAMES.filter((t) => current[t] !== BASELINE[t]).map((t) => [t, current[t]])) as Partial<Traits>;
}
