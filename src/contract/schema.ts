/**
 * The output contract. Every type the library exports is inferred from these
 * schemas; `jixiao schema` prints their JSON Schema.
 */
import { z } from 'zod';
import { DIAGNOSTIC_CODES, FINDING_CODES } from './codes.js';

/** A decimal in plain notation, as written or recomputed: "10380629.85", "0.00", "-3". */
export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/);

export const Severity = z.enum(['error', 'warning', 'info']);

/** What a reader is told, in Chinese and in English. */
export const Message = z.object({ zh: z.string(), en: z.string() });

/** A problem with the input itself (not with its arithmetic): stable code, position. */
export const Diagnostic = z.object({
  code: z.enum(DIAGNOSTIC_CODES),
  severity: Severity,
  message: Message,
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  file: z.string().nullable().optional(),
  /** In a workbook, Word document or web page: the cell it concerns (`Sheet1!C12`, `T2!R5C3`); `line` is then the row, `column` the source's column. */
  cell: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Where a cell of a workbook, Word document or web page is, in the source's
 * own terms: `Sheet1!C12` (sheet and cell, quoted as Excel quotes a sheet
 * name), `T2!R5C3` (table 2, row 5, column 3). Absent for a text export.
 */
export const CellReference = z.string();

/** A numeric cell: the figure as a decimal string (null when the cell holds a marker such as "—" or "/"). */
export const Figure = z.object({
  raw: z.string(),
  value: DecimalString.nullable(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  cell: CellReference.optional(),
});

export const Comparator = z.enum(['>=', '<=', '>', '<', '=']);

export const MeasureKind = z.enum(['number', 'percent', 'quantity', 'deadline', 'text', 'notApplicable', 'marker']);

/**
 * A target or actual value: `≥95%` → {op: ">=", value: "95", unit: "%"}; qualitative text keeps value null.
 * A deadline or date: `12月底前` → {kind: "deadline", op: "<=", value: "12.31", unit: "日期"} (month.day; a month
 * alone is "12"; 次年3月 is "15"); `5个工作日内` → {op: "<=", value: "5", unit: "工作日"}.
 */
export const Measure = z.object({
  raw: z.string(),
  text: z.string(),
  kind: MeasureKind,
  op: Comparator.nullable(),
  value: DecimalString.nullable(),
  unit: z.string().nullable(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  cell: CellReference.optional(),
});

/** A free-text cell; `text` has HTML remnants removed, `raw` is the cell as written. */
export const TextCell = z.object({
  text: z.string(),
  raw: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  cell: CellReference.optional(),
});

export const FundsRow = z.object({
  label: z.string(),
  kind: z.enum(['total', 'fiscal', 'carryover', 'other', 'unknown']),
  initialBudget: Figure.nullable(),
  adjustedBudget: Figure.nullable(),
  /** 到位数: the money received (Hebei's 预算数 · 到位数 · 执行数); null where the form has no such column. Always present in parsed output. */
  received: Figure.nullable().optional(),
  executed: Figure.nullable(),
  weight: Figure.nullable(),
  rate: Figure.nullable(),
  score: Figure.nullable(),
  line: z.number().int().positive(),
  /**
   * The line of the funds row this row is a part of, one level down from a
   * source of the total (`其中:中央财政资金` under `财政拨款`): its figures add up
   * into that row's, not into the total's. Absent for the total and its sources.
   */
  parentLine: z.number().int().positive().optional(),
  /**
   * The reason the row gives for its execution, as written: the cell under a
   * 偏差原因 / 原因说明 column of the funds header, or after such a caption in
   * the row (a filler `—` included). Absent when the row gives none.
   */
  reason: TextCell.optional(),
});

export const Funds = z.object({
  unit: z.enum(['元', '万元', '亿元']),
  line: z.number().int().positive(),
  rows: z.array(FundsRow),
});

export const Indicator = z.object({
  level1: z.string().nullable(),
  level1Points: DecimalString.nullable(),
  level2: z.string().nullable(),
  /** The points the row's 二级 declares where the form prints them (`数量指标(10分)`); absent when it does not. */
  level2Points: DecimalString.optional(),
  name: z.string().nullable(),
  target: Measure.nullable(),
  actual: Measure.nullable(),
  weight: Figure.nullable(),
  score: Figure.nullable(),
  deviation: z.string().nullable(),
  line: z.number().int().positive(),
  /** Filled by the checker: the score the profile's rules give, null when it cannot be recomputed. */
  recomputedScore: DecimalString.nullable(),
});

export const Total = z.object({
  weight: Figure.nullable(),
  score: Figure.nullable(),
  line: z.number().int().positive(),
});

/** One document a rule comes from (src/tables/rule-sources.ts): its source tag, its name, the article where one can be named. */
export const RuleSource = z.object({
  tag: z.string(),
  zh: z.string(),
  en: z.string(),
  article: z.string().nullable(),
  articleEn: z.string().nullable(),
  /** The article is cited from memory, not from a retrieved copy: look it up before quoting it. */
  fromMemory: z.boolean(),
});

/** A finding's rule: the code of the catalogue, the statement as applied, and its sources. */
export const RuleReference = z.object({
  code: z.enum(FINDING_CODES),
  zh: z.string(),
  en: z.string(),
  source: z.array(RuleSource),
});

export const Finding = z.object({
  code: z.enum(FINDING_CODES),
  severity: Severity,
  message: Message,
  line: z.number().int().nonnegative(),
  field: z.string().nullable(),
  declared: DecimalString.nullable(),
  expected: DecimalString.nullable(),
  /** The rule the finding applies: its statement (the profile's variant) in Chinese and English, and the documents it comes from. */
  rule: RuleReference,
  profile: z.string(),
  /** The finding's parameters (ratio, threshold, likely reading …), so that its message can be written again in any language. */
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const Grade = z.enum(['优', '良', '中', '差']);

/**
 * One 一级 of a checked form, its rows added up: every row whose 一级 is this
 * label (a row without one under `null`), in the order the labels first
 * appear. `line` is the first row that prints the 一级's points (its
 * `points`, as written), else its first row; a sum counts a row without the
 * figure as 0.
 */
export const Level1Sum = z.object({
  label: z.string().nullable(),
  line: z.number().int().positive(),
  points: DecimalString.nullable(),
  /** Σ 分值 of the rows. */
  weight: DecimalString,
  /** Σ 得分 of the rows as declared. */
  declared: DecimalString,
  /** Σ of the rows' scores as counted in the recomputed total: each row's `recomputedScore`, else its declared score; to the profile's score decimals. */
  recomputed: DecimalString,
});

/**
 * The budget-execution part of a checked form (its 年度资金总额 row) as the
 * totals count it: the row's line, its 分值 and 得分 as written, and the 得分
 * recomputed from its execution rate, to the profile's score decimals (the
 * declared one where none can be recomputed; null where the part is not
 * counted).
 */
export const ExecutionPart = z.object({
  line: z.number().int().positive(),
  weight: DecimalString.nullable(),
  declared: DecimalString.nullable(),
  recomputed: DecimalString.nullable(),
});

export const Summary = z.object({
  declaredTotal: DecimalString.nullable(),
  recomputedTotal: DecimalString.nullable(),
  difference: DecimalString.nullable(),
  declaredGrade: Grade.nullable(),
  recomputedGrade: Grade.nullable(),
  /**
   * 全年执行数 ÷ 全年预算数 of the 年度资金总额 row, in percent to 2 decimals
   * (rounded half up): "99.93"; null without both figures or with a zero
   * budget. Absent from documents checked before it was added.
   */
  executionRate: DecimalString.nullable().optional(),
  /**
   * Whether the form could be graded (无法评级 otherwise) and why not: `suspended` (every row 不适用), `no-weights`
   * (no 分值 column), `no-declared-total`, `no-recomputed-total` (no total recomputed, or none of the form's 得分 cells
   * holds a figure). An ungradable form has no grades and never a grade
   * change; `gradeChanged` is true only where both grades exist and differ. Always present in checked output.
   */
  grading: z
    .object({
      status: z.enum(['graded', 'ungradable']),
      reason: z.enum(['suspended', 'no-weights', 'no-declared-total', 'no-recomputed-total']).nullable(),
      gradeChanged: z.boolean(),
    })
    .optional(),
  /** The budget-execution part (ExecutionPart); null for a form without a 年度资金总额 row. Absent from documents checked before it was added. */
  execution: ExecutionPart.nullable().optional(),
  /** Each 一级's sums (Level1Sum), in the form's order. Absent from documents checked before it was added. */
  level1: z.array(Level1Sum).optional(),
  counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
});

export const Separator = z.enum(['tab', 'pipe', 'spaces']);

export const Form = z.object({
  title: z.string().nullable(),
  source: z.object({
    file: z.string().nullable(),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
    encoding: z.string(),
    separator: Separator,
    /** The document the form was read from when it is not a text export; `startLine`/`endLine` are then rows of the sheet or table. */
    format: z.enum(['xlsx', 'docx', 'html']).optional(),
    /** The workbook sheet holding the form. */
    sheet: z.string().optional(),
    /** The number (1-based, in document order) of the Word or page table holding the form. */
    table: z.number().int().positive().optional(),
  }),
  project: z.object({
    name: z.string().nullable(),
    amount: Figure.nullable(),
    department: z.string().nullable(),
    implementer: z.string().nullable(),
  }),
  funds: Funds.nullable(),
  goals: z.object({ expected: TextCell.nullable(), actual: TextCell.nullable() }),
  indicators: z.array(Indicator),
  total: Total.nullable(),
  diagnostics: z.array(Diagnostic),
  findings: z.array(Finding),
  summary: Summary.nullable(),
});

export const Document = z.object({
  forms: z.array(Form),
  diagnostics: z.array(Diagnostic),
});

export type Severity = z.infer<typeof Severity>;
export type Diagnostic = z.infer<typeof Diagnostic>;
export type Figure = z.infer<typeof Figure>;
export type Comparator = z.infer<typeof Comparator>;
export type MeasureKind = z.infer<typeof MeasureKind>;
export type Measure = z.infer<typeof Measure>;
export type TextCell = z.infer<typeof TextCell>;
export type FundsRow = z.infer<typeof FundsRow>;
export type Funds = z.infer<typeof Funds>;
export type Indicator = z.infer<typeof Indicator>;
export type Total = z.infer<typeof Total>;
export type Finding = z.infer<typeof Finding>;
export type RuleReference = z.infer<typeof RuleReference>;
export type RuleSource = z.infer<typeof RuleSource>;
export type Grade = z.infer<typeof Grade>;
export type Level1Sum = z.infer<typeof Level1Sum>;
export type ExecutionPart = z.infer<typeof ExecutionPart>;
export type Summary = z.infer<typeof Summary>;
export type Separator = z.infer<typeof Separator>;
export type Form = z.infer<typeof Form>;
export type Document = z.infer<typeof Document>;
