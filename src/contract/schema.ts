/**
 * The output contract. Every type the library exports is inferred from these
 * schemas; `jixiao schema` prints their JSON Schema.
 */
import { z } from 'zod';
import { DIAGNOSTIC_CODES, FINDING_CODES } from './codes.js';

/** A decimal in plain notation, as written or recomputed: "10380629.85", "0.00", "-3". */
export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/);

export const Severity = z.enum(['error', 'warning', 'info']);

/** A problem with the input itself (not with its arithmetic): stable code, position. */
export const Diagnostic = z.object({
  code: z.enum(DIAGNOSTIC_CODES),
  severity: Severity,
  message: z.string(),
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  file: z.string().nullable().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

/** A numeric cell: the figure as a decimal string (null when the cell holds a marker such as "—" or "/"). */
export const Figure = z.object({
  raw: z.string(),
  value: DecimalString.nullable(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
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
});

/** A free-text cell; `text` has HTML remnants removed, `raw` is the cell as written. */
export const TextCell = z.object({
  text: z.string(),
  raw: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
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

export const Finding = z.object({
  code: z.enum(FINDING_CODES),
  severity: Severity,
  message: z.object({ zh: z.string(), en: z.string() }),
  line: z.number().int().nonnegative(),
  field: z.string().nullable(),
  declared: DecimalString.nullable(),
  expected: DecimalString.nullable(),
  rule: z.string(),
  profile: z.string(),
  /** The finding's parameters (ratio, threshold, likely reading …), so that its message can be written again in any language. */
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const Grade = z.enum(['优', '良', '中', '差']);

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
export type Grade = z.infer<typeof Grade>;
export type Summary = z.infer<typeof Summary>;
export type Separator = z.infer<typeof Separator>;
export type Form = z.infer<typeof Form>;
export type Document = z.infer<typeof Document>;
