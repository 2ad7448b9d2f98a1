/**
 * A structured form drawn into an export with a chosen mess, and fast-check
 * arbitraries for both. The mess is what real exports do to the layout
 * (domain primer §2): merged labels printed on the top, middle or bottom row
 * of their group, rows drifted left, an extra empty column, page lines and a
 * repeated indicator header, repeated titles, several forms in one file,
 * `满意度指标` in column 0. The renderer records the line of every indicator
 * row, so a test can compare what the parser read with what was drawn.
 *
 * Written independently of src/render.ts on purpose: it is the oracle.
 */
import fc from 'fast-check';

// ---- the structured form ------------------------------------------------------------

export type Framework = '2020' | '2021';
export type Alignment = 'top' | 'middle' | 'bottom';

export interface IndicatorSpec {
  name: string;
  target: string;
  /** 性质 · 值 · 单位 as a split-target table prints them; their join is `target`. */
  targetParts?: [string, string, string];
  actual: string;
  weight: string;
  score: string;
  deviation: string | null;
}

export interface Level2Spec {
  /** null: the 一级 group has no 二级 column (satisfaction in the older layout). As it reads back: written, points dropped. */
  level2: string | null;
  /** How the label is printed when not as `level2` (`数量指标(10分)`). */
  label?: string;
  indicators: IndicatorSpec[];
}

export interface Level1Spec {
  level1: string;
  points: string | null;
  /** How the label is written, e.g. `产出指标（50分）`. */
  label: string;
  groups: Level2Spec[];
}

export interface FundsRowSpec {
  label: string;
  values: [string, string, string, string, string, string];
}

/**
 * The indicator table's columns: the canonical nine; the target split into
 * 指标性质 · 指标值 · 度量单位 (Sichuan); targets and results only (no 分值, 得分).
 */
export type Columns = 'standard' | 'split' | 'resultsOnly';

export interface FormSpec {
  title: string | null;
  /** Absent: 'standard'. */
  columns?: Columns;
  project: { name: string; amount: string; department: string; implementer: string };
  funds: { unit: '元' | '万元'; rows: FundsRowSpec[] };
  goals: { expected: string; actual: string };
  framework: Framework;
  level1: Level1Spec[];
  total: { weight: string; score: string };
}

export interface Mess {
  /** Where a merged 一级 or 二级 label lands in its group (both levels alike, as one sheet style gives). */
  alignment: Alignment;
  /** Per indicator row (cycled): how many empty cells before the name are dropped (0 = none). */
  drift: number[];
  /** Column at which an empty column is inserted in every row of the form, or null. */
  extraColumn: number | null;
  /** Indicator rows (by index) after which a page break is drawn, and how. */
  pageBreaks: { after: number; line: 'page' | 'dash' | 'none'; header: boolean }[];
  repeatTitle: boolean;
  /** A flat satisfaction label is written in column 0 instead of the 一级 column. */
  satisfactionInColumn0: boolean;
  lineEnd: '\n' | '\r\n';
  /** How cells are separated (absent: tabs); space-aligned text has no empty cells, so no drift either. */
  layout?: Layout;
}

export type Layout = 'tab' | 'pipe' | 'spaces';

export const CLEAN: Mess = {
  alignment: 'top',
  drift: [0],
  extraColumn: null,
  pageBreaks: [],
  repeatTitle: false,
  satisfactionInColumn0: false,
  lineEnd: '\n',
};

/** What an indicator of the form should read back as. */
export interface ExpectedIndicator {
  line: number;
  level1: string;
  level1Points: string | null;
  level2: string | null;
  name: string;
  /** Null where the table has no such column. */
  weight: string | null;
  score: string | null;
  target: string;
  actual: string;
  deviation: string | null;
}

export interface Rendered {
  text: string;
  /** One entry per form, in order. */
  forms: { startLine: number; indicators: ExpectedIndicator[] }[];
}

// ---- drawing ----------------------------------------------------------------------

const WIDTH = 9;

/** Row of the merged label in a group of n rows. */
export function labelRow(alignment: Alignment, n: number): number {
  if (alignment === 'top') return 0;
  if (alignment === 'bottom') return n - 1;
  return Math.floor((n - 1) / 2);
}

function cells(entries: Record<number, string>): string[] {
  const row = new Array<string>(WIDTH).fill('');
  for (const [i, v] of Object.entries(entries)) row[Number(i)] = v;
  return row;
}

function withExtraColumn(row: string[], at: number | null): string[] {
  if (at === null || row.length <= 1) return row;
  const copy = [...row];
  copy.splice(Math.min(at, copy.length), 0, '');
  return copy;
}

/** Drops `count` of the empty cells that come before the first of the row's data cells (from `from` on). */
function drifted(row: string[], count: number, from: number): string[] {
  if (count <= 0) return row;
  const copy = [...row];
  let dropped = 0;
  for (let i = from - 1; i >= 0 && dropped < count; i--) {
    if (copy[i] === '') {
      copy.splice(i, 1);
      dropped++;
    }
  }
  return copy;
}

interface Drawn {
  cells: string[];
  /** Set on indicator rows: what the row should read back as. */
  expect?: Omit<ExpectedIndicator, 'line'>;
}

/** Where each field of an indicator row stands, per column set. */
const COLUMN_AT: Readonly<Record<Columns, { width: number; name: number; actual: number; weight: number | null; score: number | null; deviation: number }>> = {
  standard: { width: 9, name: 3, actual: 5, weight: 6, score: 7, deviation: 8 },
  split: { width: 11, name: 3, actual: 7, weight: 8, score: 9, deviation: 10 },
  resultsOnly: { width: 7, name: 3, actual: 5, weight: null, score: null, deviation: 6 },
};

function indicatorCells(ind: IndicatorSpec, columns: Columns): string[] {
  const at = COLUMN_AT[columns];
  const row = new Array<string>(at.width).fill('');
  row[at.name] = ind.name;
  if (columns === 'split') [row[4], row[5], row[6]] = ind.targetParts ?? ['', ind.target, ''];
  else row[4] = ind.target;
  row[at.actual] = ind.actual;
  if (at.weight !== null) row[at.weight] = ind.weight;
  if (at.score !== null) row[at.score] = ind.score;
  row[at.deviation] = ind.deviation ?? '';
  return row;
}

function indicatorRows(form: FormSpec, mess: Mess): Drawn[] {
  const columns = form.columns ?? 'standard';
  const rows: Drawn[] = [];
  for (const l1 of form.level1) {
    const l1Size = l1.groups.reduce((n, g) => n + g.indicators.length, 0);
    const l1At = labelRow(mess.alignment, l1Size);
    let inL1 = 0;
    const flat = l1.groups.every((g) => g.level2 === null);
    for (const g of l1.groups) {
      const l2At = labelRow(mess.alignment, g.indicators.length);
      g.indicators.forEach((ind, k) => {
        const row = indicatorCells(ind, columns);
        if (inL1 === l1At) {
          if (flat && mess.satisfactionInColumn0) row[0] = l1.label;
          else row[1] = l1.label;
        }
        if (g.level2 !== null && k === l2At) row[2] = g.label ?? g.level2;
        const withColumns = columns !== 'resultsOnly';
        rows.push({
          cells: row,
          expect: {
            level1: l1.level1,
            level1Points: l1.points,
            level2: g.level2,
            name: ind.name,
            weight: withColumns ? ind.weight : null,
            score: withColumns ? ind.score : null,
            target: ind.target,
            actual: ind.actual,
            deviation: ind.deviation,
          },
        });
        inL1++;
      });
    }
  }
  return rows;
}

const INDICATOR_HEADER = ['年度绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '*实际完成值', '*分值', '*得分', '偏差原因分析及改进措施'];
const INDICATOR_HEADERS: Readonly<Record<Columns, string[]>> = {
  standard: INDICATOR_HEADER,
  split: ['年度绩效指标', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  resultsOnly: ['年度绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因分析及改进措施'],
};

function formRows(form: FormSpec, mess: Mess): Drawn[] {
  const out: Drawn[] = [];
  const push = (row: string[]) => out.push({ cells: withExtraColumn(row, mess.extraColumn) });
  if (form.title !== null) {
    out.push({ cells: [form.title] });
    if (mess.repeatTitle) out.push({ cells: [form.title] });
  }
  const p = form.project;
  push(cells({ 0: '项目名称', 1: p.name, 4: '项目金额', 5: p.amount }));
  push(cells({ 0: '主管部门', 1: p.department, 4: '实施单位', 5: p.implementer }));
  push(cells({ 0: `项目资金（${form.funds.unit}）`, 2: '年初预算数', 3: '全年预算数', 4: '全年执行数', 5: '分值', 6: '执行率', 7: '得分' }));
  for (const r of form.funds.rows) push(cells({ 1: r.label, ...Object.fromEntries(r.values.map((v, i) => [i + 2, v])) }));
  push(cells({ 0: '年度总体目标', 1: '预期目标', 4: '*实际完成情况' }));
  push(cells({ 1: form.goals.expected, 4: form.goals.actual }));
  const header = INDICATOR_HEADERS[form.columns ?? 'standard'];
  push(header);
  const rows = indicatorRows(form, mess);
  rows.forEach((drawn, i) => {
    const drift = (mess.layout ?? 'tab') === 'spaces' ? 0 : mess.drift[i % mess.drift.length];
    out.push({ cells: withExtraColumn(drifted(drawn.cells, drift, 3), mess.extraColumn), expect: drawn.expect });
    for (const brk of mess.pageBreaks) {
      if (brk.after !== i || i === rows.length - 1) continue;
      if (brk.line === 'page') out.push({ cells: [`第 ${i + 2} 页`] });
      if (brk.line === 'dash') out.push({ cells: [`- ${i + 2} -`] });
      if (brk.header) push(header);
    }
  });
  if ((form.columns ?? 'standard') === 'resultsOnly') push(cells({ 0: '总分' }));
  else push(cells({ 0: '总分', 6: form.total.weight, 7: form.total.score, 8: '—' }));
  return out;
}

/** Draws forms into one export, a blank line between forms. */
export function renderForms(forms: readonly FormSpec[], messes: readonly Mess[]): Rendered {
  const lines: string[] = [];
  const result: Rendered['forms'] = [];
  let physical = 0;
  const push = (line: string) => {
    lines.push(line);
    physical += 1 + (line.match(/\n/g)?.length ?? 0);
  };
  forms.forEach((form, f) => {
    const mess = messes[f % messes.length];
    if (f > 0) push('');
    const startLine = physical + 1;
    const indicators: ExpectedIndicator[] = [];
    const drawnRows = formRows(form, mess);
    const texts = drawLines(
      drawnRows.map((d) => d.cells),
      mess.layout ?? 'tab',
    );
    drawnRows.forEach((drawn, r) => {
      push(texts[r]);
      if (drawn.expect) indicators.push({ line: physical, ...drawn.expect });
    });
    result.push({ startLine, indicators });
  });
  const lineEnd = messes[0]?.lineEnd ?? '\n';
  return { text: lines.join(lineEnd) + lineEnd, forms: result };
}

export function renderForm(form: FormSpec, mess: Mess = CLEAN): Rendered {
  return renderForms([form], [mess]);
}

/** The rows of one form as lines of text in a layout. */
function drawLines(grid: string[][], layout: Layout): string[] {
  if (layout === 'tab') return grid.map((cells) => cells.map(quoteCell).join('\t'));
  // Pipes and spaces carry no quoting: a line break inside a cell becomes a space.
  const flat = grid.map((cells) => cells.map((c) => c.replace(/\s*\n\s*/g, ' ')));
  if (layout === 'pipe') {
    return flat.map((cells) => {
      if (cells.length === 1) return cells[0];
      const kept = [...cells];
      while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
      return `| ${kept.join(' | ')} |`;
    });
  }
  return drawSpaces(flat);
}

/** Display width: CJK and full-width characters take two columns. */
function widthOf(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/**
 * Space-aligned, as a PDF converter draws a table: each cell at its column's
 * start, columns as wide as their widest single-column cell, at least two
 * spaces between cells; a cell followed by empty ones spans them.
 */
export function drawSpaces(grid: string[][]): string[] {
  const columns = Math.max(...grid.map((cells) => cells.length));
  const spans = grid.map((cells) => {
    if (cells.length === 1) return [];
    const filled = cells.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
    return filled.map((from, k) => ({ from, to: k + 1 < filled.length ? filled[k + 1] - 1 : columns - 1, text: cells[from] }));
  });
  const widths = new Array<number>(columns).fill(0);
  for (const row of spans) for (const span of row) if (span.from === span.to) widths[span.from] = Math.max(widths[span.from], widthOf(span.text));
  for (const row of spans) {
    for (const span of row) {
      const room = widths.slice(span.from, span.to + 1).reduce((a, b) => a + b, 0) + 2 * (span.to - span.from);
      if (room < widthOf(span.text)) widths[span.to] += widthOf(span.text) - room;
    }
  }
  const start = (column: number) => widths.slice(0, column).reduce((a, b) => a + b, 0) + 2 * column;
  return grid.map((cells, r) => {
    if (cells.length === 1) return cells[0];
    let line = '';
    for (const span of spans[r]) line += ' '.repeat(Math.max(start(span.from) - widthOf(line), line ? 2 : 0)) + span.text;
    return line;
  });
}

function quoteCell(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---- arbitraries ------------------------------------------------------------------

/**
 * Names and targets are drawn to fit their group, as in real forms: from the
 * words of the group's family (a 及时率 under 时效, a `≤30万元` ceiling under
 * 成本, a count in 台 under 数量, a 满意度 under satisfaction) or from neutral
 * ones that say nothing about the group (完成率, 有效, ≥95%). Written by hand
 * from what published forms put in each group, not from the parser's cue table.
 */
export type Family = 'quantity' | 'quality' | 'timeliness' | 'cost' | 'economic' | 'sustainable' | 'satisfaction' | 'neutral';

export const NAMES: Readonly<Record<Family, readonly string[]>> = {
  quantity: ['服务电话数量', '采购服装数量', '全年接待批次', '乡村道路建设养护里程', '受益农户数', '开展运动种类'],
  quality: ['采购台式电脑验收合格率', '项目(工程)验收合格率', '排水工程质量达标率', '房屋维修验收通过情况'],
  timeliness: ['公共服务平台建设完成及时率', '防疫物资验收完成及时性', '资金拨付及时率', '按时完成维修任务'],
  cost: ['预算控制数', '人工成本', '单位建设成本'],
  economic: ['带动农户增收', '村集体经济收入'],
  sustainable: ['促进人口与经济、社会、资源、环境协调和可持续发展'],
  satisfaction: ['群众满意度', '受益脱贫(监测)户满意度', '工作人员满意度', '参与培训人员满意度', '周围群众满意度'],
  neutral: [
    '大厅WiFi线路租赁工作完成率', '培训工作完成率', '会议工作开展完成率', '基层党建工作完成率', '劳务派遣人员工资发放完成率',
    '系统维护工作完成率', '防疫物资购置完成率', '清扫保洁覆盖率', '新增和改善排水达标面积', '种植作物成活率', '资金拨付到位情况',
    '受益人口数量', '提高办公效率', '保障机构正常运转', '降低潜在病例进一步传染的风险', '打造高品质综合政务服务环境',
    '“e站通”综合服务中心运营宣传完成率', '丰富办事事项,压缩办事材料,优化办事流程', '保障期限', '办事群众投诉量', '接待过程差错率', '不适用',
  ],
};

export const TARGETS: Readonly<Record<Family, readonly string[]>> = {
  quantity: ['100台', '≥2批次', '1350套', '10人', '≥12次'],
  quality: [],
  timeliness: ['及时', '2023年12月底前', '30个工作日内'],
  cost: ['≤30万元', '≤620万元', '≤845万元'],
  economic: [],
  sustainable: [],
  satisfaction: [],
  neutral: ['≥95%', '有效', '0', '≥85%', '100%', '≤1%', '有效保障', '≥500亩', '不适用', '明显增强'],
};

/** A group's family, by its 二级 (or, without one, its 一级) as drawn, in any spelling. */
export function familyOf(group: string): Family {
  const core = group.replace(/等$/, '').replace(/[(（]\d+分[)）]$/, '').replace(/指标$/, '');
  const families: Readonly<Record<string, Family>> = {
    数量: 'quantity', 产出数量: 'quantity',
    质量: 'quality', 产出质量: 'quality',
    时效: 'timeliness', 产出时效: 'timeliness',
    成本: 'cost', 产出成本: 'cost', 经济成本: 'cost', 社会成本: 'cost', 生态环境成本: 'cost',
    经济效益: 'economic',
    可持续影响: 'sustainable',
    服务对象满意度: 'satisfaction', 满意度: 'satisfaction',
  };
  return families[core] ?? 'neutral';
}

/** What an indicator of a group of this family may be named and aim at: the family's words or neutral ones. */
const fitting = <T>(table: Readonly<Record<Family, readonly T[]>>, family: Family): T[] => [...table[family], ...(family === 'neutral' ? [] : table.neutral)];

const ACTUALS = ['100%', '144', '及时', '373714元', '98.02%', '有效', '39', '21', '99.23%', '1172', '0%', '有效保障', '520亩', '不适用', '/', '5人', '基本达成'];
const DEVIATIONS = ['项目停用', '改进措施: 加强培训', '资金未全部拨付', '受疫情影响,部分工作延期'];

const decimalString = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0').replace(/0$/, '')}`),
);

/** An indicator of a group of the given family; `only` draws from the family's own words, never neutral ones. */
export const indicatorArb = (family: Family, only = false): fc.Arbitrary<IndicatorSpec> => fc.record({
  name: fc.constantFrom(...(only ? NAMES[family] : fitting(NAMES, family))),
  target: fc.constantFrom(...(only && TARGETS[family].length > 0 ? TARGETS[family] : fitting(TARGETS, family))),
  actual: fc.constantFrom(...ACTUALS),
  weight: decimalString,
  score: decimalString,
  deviation: fc.option(fc.constantFrom(...DEVIATIONS), { freq: 3 }),
});

/** A group of 1 to 5 indicators; `family` is that of its 二级, or of its 一级 where it has none. */
const groupArb = (level2: string | null, family: Family = level2 === null ? 'neutral' : familyOf(level2)) =>
  fc.array(indicatorArb(family), { minLength: 1, maxLength: 5 }).map((indicators): Level2Spec => ({ level2, indicators }));

/** The 二级 groups of a 一级: a non-empty ordered subset of its 二级 names. */
const groupsArb = (names: readonly string[]) =>
  fc
    .subarray([...names], { minLength: 1 })
    .chain((chosen) => fc.tuple(...chosen.map((n) => groupArb(n))))
    .map((groups) => groups as Level2Spec[]);

/** `产出指标 (50分)` in the spellings exports use. */
const labelArb = (level1: string, points: string | null) =>
  points === null
    ? fc.constant(level1)
    : fc.constantFrom(`${level1} (${points}分)`, `${level1}（${points}分）`, `${level1}(${points}分)`, `${level1}（${points}分)`, `${level1} （${points} 分）`);

const level1Arb = (level1: string, groups: fc.Arbitrary<Level2Spec[]>, points: fc.Arbitrary<string | null>) =>
  fc
    .tuple(points, groups)
    .chain(([p, g]) => labelArb(level1, p).map((label): Level1Spec => ({ level1, points: p, label, groups: g })));

const pointsArb = fc.option(fc.constantFrom('50', '40', '30', '20', '10', '12.5'), { freq: 4 });

/** Satisfaction: a flat group (no 二级, the seed's layout) or one 服务对象满意度指标 group. */
const satisfactionArb = level1Arb(
  '满意度指标',
  fc.oneof(groupArb(null, 'satisfaction').map((g) => [g]), groupArb('服务对象满意度指标').map((g) => [g])),
  pointsArb,
);

const framework2020 = fc
  .tuple(
    level1Arb('产出指标', groupsArb(['数量指标', '质量指标', '时效指标', '成本指标']), pointsArb),
    level1Arb('效益指标', groupsArb(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']), pointsArb),
    fc.option(satisfactionArb, { freq: 5 }),
  )
  .map(([a, b, c]) => (c ? [a, b, c] : [a, b]));

const framework2021 = fc
  .tuple(
    level1Arb('产出指标', groupsArb(['数量指标', '质量指标', '时效指标']), pointsArb),
    level1Arb('成本指标', groupsArb(['经济成本指标', '社会成本指标', '生态环境成本指标']), fc.option(fc.constantFrom('20', '10'), { freq: 3 })),
    level1Arb('效益指标', groupsArb(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']), pointsArb),
    fc.option(satisfactionArb, { freq: 5 }),
  )
  .map(([a, b, c, d]) => (d ? [a, b, c, d] : [a, b, c]));

const PROJECTS = ['一般管理事务', '购置费', '专项业务', '疫情防控', '预算准备金', '农村公路养护', '全民健身中心建设'];
const TITLES = ['项目支出绩效自评表', '2022年度项目支出绩效自评表', '项目支出绩效自评表（2021年度）'];

const fundsArb = fc.constantFrom<FundsRowSpec[]>(
  [
    { label: '年度资金总额', values: ['4607500.00', '4567500.00', '4028825.00', '10', '88.21%', '8.82'] },
    { label: '其中：当年财政拨款', values: ['4607500.00', '4567500.00', '4028825.00', '—', '88.21%', '—'] },
    { label: '上年结转资金', values: ['0.00', '0.00', '0.00', '—', '0.00%', '—'] },
    { label: '其他资金', values: ['0.00', '0.00', '0.00', '—', '0.00%', '—'] },
  ],
  [
    { label: '年度资金总额', values: ['0', '60', '47.59', '10', '79.31%', '7.93'] },
    { label: '本年财政拨款', values: ['0', '60', '47.59', '—', '79.31%', '—'] },
  ],
);

export const formArb: fc.Arbitrary<FormSpec> = fc.record({
  title: fc.option(fc.constantFrom(...TITLES), { freq: 8 }),
  project: fc.record({
    name: fc.constantFrom(...PROJECTS),
    amount: fc.constantFrom('60000', '32457398.51', '0', '973714'),
    department: fc.constantFrom('0402009', '区政务服务数据管理局'),
    implementer: fc.constantFrom('', '区行政服务大厅'),
  }),
  funds: fc.record({ unit: fc.constantFrom<'元' | '万元'>('元', '万元'), rows: fundsArb }),
  goals: fc.record({
    expected: fc.constantFrom('通过本项目的实施，保障本年度机关办公室正常工作开展。', '<p>完成政府采购工作</p>'),
    actual: fc.constantFrom('不适用', '完成了政府采购工作,提高了中心工作效率。', '第一行\n第二行'),
  }),
  framework: fc.constantFrom<Framework>('2020', '2021'),
  level1: fc.constant([] as Level1Spec[]),
  total: fc.record({ weight: fc.constantFrom('100', '10'), score: decimalString }),
}).chain((form) => (form.framework === '2020' ? framework2020 : framework2021).map((level1) => ({ ...form, level1 })));

export const messArb = (options: { alignment?: fc.Arbitrary<Alignment> } = {}): fc.Arbitrary<Mess> =>
  fc.record({
    alignment: options.alignment ?? fc.constantFrom<Alignment>('top', 'middle', 'bottom'),
    drift: fc.oneof(fc.constant([0]), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 })),
    extraColumn: fc.option(fc.integer({ min: 1, max: 8 }), { freq: 3 }),
    pageBreaks: fc.array(
      fc.record({ after: fc.nat({ max: 20 }), line: fc.constantFrom<'page' | 'dash' | 'none'>('page', 'dash', 'none'), header: fc.boolean() }),
      { maxLength: 2 },
    ),
    repeatTitle: fc.boolean(),
    satisfactionInColumn0: fc.boolean(),
    lineEnd: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
  });

// ---- templates of other provinces (shared/templates.md, indicator block) ---------------------------

/** How a 二级 label is printed in other templates → it reads back as written, points dropped. */
const LEVEL2_PRINTS: Readonly<Record<string, readonly { label: string; level2: string }[]>> = Object.fromEntries(
  Object.entries({
    数量指标: ['数量', '数量指标(10分)', '数量指标（10分）'],
    质量指标: ['质量'],
    时效指标: ['时效'],
    成本指标: ['成本'],
    经济效益指标: ['经济效益'],
    社会效益指标: ['社会效益'],
    生态效益指标: ['生态效益'],
    可持续影响指标: ['可持续影响'],
    服务对象满意度指标: ['服务对象满意度指标等'],
  }).map(([level2, prints]) => [
    level2,
    [{ label: level2, level2 }, ...prints.map((label) => ({ label, level2: label.replace(/[(（]\d+分[)）]$/, '') }))],
  ]),
);

const printedGroupArb = (level2: string) =>
  fc.tuple(groupArb(level2), fc.constantFrom(...(LEVEL2_PRINTS[level2] ?? [{ label: level2, level2 }]))).map(([g, p]): Level2Spec => ({ ...g, level2: p.level2, label: p.label }));

/** The 二级 groups of a 一级, printed in any spelling; a group may come back after another (non-contiguous). */
const printedGroupsArb = (names: readonly string[]) =>
  fc
    .subarray([...names], { minLength: 1 })
    .chain((chosen) => fc.tuple(fc.tuple(...chosen.map((n) => printedGroupArb(n))), fc.boolean()))
    .chain(([groups, again]) =>
      again && groups.length >= 2 ? groupArb(groups[0].level2).map((g) => [...groups, { ...g, level2: groups[0].level2, label: groups[0].label }]) : fc.constant(groups),
    )
    .map((groups) => groups as Level2Spec[]);

/** Names of other templates, by family: the seed's (but 不适用) and a few more. */
const TEMPLATE_NAMES: Readonly<Record<Family, readonly string[]>> = {
  ...NAMES,
  satisfaction: [...NAMES.satisfaction, '服务对象满意度'],
  neutral: [...NAMES.neutral.filter((n) => n !== '不适用'), '预算执行率', '资金到位率'],
};

/** Targets as a split-target table prints them, and their join, by family. */
const SPLIT_TARGETS: Readonly<Record<Family, readonly [[string, string, string], string][]>> = {
  quantity: [
    [['≥', '200', '人次'], '≥200人次'],
    [['', '100', '台'], '100台'],
  ],
  quality: [],
  timeliness: [[['', '及时', ''], '及时']],
  cost: [[['≤', '30', '万元'], '≤30万元']],
  economic: [],
  sustainable: [],
  satisfaction: [],
  neutral: [
    [['≥', '95', '%'], '≥95%'],
    [['=', '100', '%'], '=100%'],
    [['定性', '有效', ''], '有效'],
    [['正向', '90', '%'], '≥90%'],
    [['反向', '1', '%'], '≤1%'],
  ],
};

const templateIndicatorArb = (columns: Columns, family: Family): fc.Arbitrary<IndicatorSpec> =>
  fc
    .tuple(indicatorArb(family), fc.constantFrom(...fitting(TEMPLATE_NAMES, family)), fc.constantFrom(...fitting(SPLIT_TARGETS, family)))
    .map(([ind, name, [parts, joined]]) => (columns === 'split' ? { ...ind, name, target: joined, targetParts: parts } : { ...ind, name }));

/** Every indicator of a form redrawn for its column set, each fitting its group. */
function withColumns(level1: Level1Spec[], columns: Columns): fc.Arbitrary<Level1Spec[]> {
  const all = level1.flatMap((l1) => l1.groups.flatMap((g) => g.indicators.map(() => familyOf(g.level2 ?? l1.level1))));
  return fc.tuple(...all.map((family) => templateIndicatorArb(columns, family))).map((drawn) => {
    let k = 0;
    return level1.map((l1) => ({ ...l1, groups: l1.groups.map((g) => ({ ...g, indicators: g.indicators.map(() => drawn[k++]) })) }));
  });
}

export type TemplateFramework = '2020' | '2021' | 'evaluation' | 'effect' | 'satisfactionInBenefit';

const templateLevel1Arb: Readonly<Record<TemplateFramework, fc.Arbitrary<Level1Spec[]>>> = {
  '2020': fc
    .tuple(
      level1Arb('产出指标', printedGroupsArb(['数量指标', '质量指标', '时效指标', '成本指标']), pointsArb),
      level1Arb('效益指标', printedGroupsArb(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']), pointsArb),
      level1Arb('满意度指标', printedGroupsArb(['服务对象满意度指标']), pointsArb),
    )
    .map((l) => [...l]),
  '2021': fc
    .tuple(
      level1Arb('产出指标', printedGroupsArb(['数量指标', '质量指标', '时效指标']), pointsArb),
      level1Arb('成本指标', groupsArb(['经济成本指标', '社会成本指标', '生态环境成本指标']), fc.constantFrom('20', '10')),
      level1Arb('效益指标', printedGroupsArb(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']), pointsArb),
      level1Arb('满意度指标', printedGroupsArb(['服务对象满意度指标']), pointsArb),
    )
    .map((l) => [...l]),
  evaluation: fc
    .tuple(
      level1Arb('项目决策', groupsArb(['项目目标', '决策过程', '资金投入']), pointsArb),
      fc.constantFrom('项目过程', '项目管理').chain((name) => level1Arb(name, groupsArb(['资金管理', '组织实施']), pointsArb)),
      level1Arb('项目产出', groupsArb(['产出数量', '产出质量', '产出时效', '产出成本']), pointsArb),
      level1Arb('项目效益', groupsArb(['经济效益', '社会效益', '可持续影响', '服务对象满意度']), pointsArb),
    )
    .map((l) => [...l]),
  effect: fc
    .tuple(
      level1Arb('产出指标', printedGroupsArb(['数量指标', '质量指标', '时效指标', '成本指标']), pointsArb),
      level1Arb('效果指标', printedGroupsArb(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']), pointsArb),
      level1Arb('满意度指标', printedGroupsArb(['服务对象满意度指标']), pointsArb),
    )
    .map((l) => [...l]),
  satisfactionInBenefit: fc
    .tuple(
      level1Arb('产出指标', printedGroupsArb(['数量指标', '质量指标', '时效指标']), pointsArb),
      level1Arb('效益指标', groupsArb(['社会效益指标', '服务对象满意度指标']), pointsArb),
    )
    .map((l) => [...l]),
};

/** A form of one of the templates other provinces print, with its column set. */
export const templateFormArb = (options: { framework?: fc.Arbitrary<TemplateFramework>; columns?: fc.Arbitrary<Columns> } = {}): fc.Arbitrary<FormSpec & { template: TemplateFramework }> =>
  fc
    .tuple(
      formArb,
      options.framework ?? fc.constantFrom<TemplateFramework>('2020', '2021', 'evaluation', 'effect', 'satisfactionInBenefit'),
      options.columns ?? fc.constantFrom<Columns>('standard', 'split', 'resultsOnly'),
    )
    .chain(([form, template, columns]) =>
      templateLevel1Arb[template].chain((level1) => withColumns(level1, columns)).map((level1) => ({ ...form, level1, columns, template })),
    );

/** The mess of `messArb`, drawn in any of the three layouts. */
export const templateMessArb = (options: { alignment?: fc.Arbitrary<Alignment>; layout?: fc.Arbitrary<Layout> } = {}): fc.Arbitrary<Mess> =>
  fc
    .tuple(messArb({ alignment: options.alignment }), options.layout ?? fc.constantFrom<Layout>('tab', 'pipe', 'spaces'))
    .map(([mess, layout]) => ({ ...mess, layout, extraColumn: layout === 'spaces' ? null : mess.extraColumn }));
