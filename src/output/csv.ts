/**
 * Flat tables of a document for spreadsheets and data tools: one row per
 * form, per indicator, per funds row, per finding or diagnostic, each with the
 * file and the form's place in it (its key). The same columns in every
 * format: CSV, the XLSX sheets, Parquet, NDJSON rows. RFC 4180 quoting, CRLF
 * line ends; the byte order mark that makes Excel read UTF-8 is added by the
 * writer of the whole file, not here.
 */
import { rowReference } from '../io/grid.js';
import { findingRuleText, SEVERITY_WORD, type Lang } from '../catalogue/messages.js';
import { profileLabel } from '../tables/profile-names.js';
import {
  CHECKED_FIELD_ZH,
  FIELD_ZH,
  FUNDS_COLUMN_ZH,
  FUNDS_KIND_ZH,
  INDICATOR_COLUMN_ZH,
  LEVEL_ZH,
  PROJECT_FIELD_ZH,
  ROW_KIND_ZH,
} from '../tables/finding-words.js';
import type { Diagnostic, Document, Figure, Finding, Form, Measure, Severity } from '../contract/schema.js';

export type CsvTable = 'forms' | 'indicators' | 'funds' | 'findings';
export const CSV_TABLES: readonly CsvTable[] = ['forms', 'indicators', 'funds', 'findings'];

export type Cell = string | number | null | undefined;

const COLUMNS: Record<CsvTable, readonly string[]> = {
  forms: [
    'file', 'form', 'project', 'department', 'declared_total', 'recomputed_total', 'difference_declared_minus_recomputed',
    'declared_grade', 'recomputed_grade', 'errors', 'warnings', 'info', 'diagnostics', 'line', 'end_line',
  ],
  indicators: [
    'file', 'form', 'project', 'department', 'level1', 'level1_points', 'level2', 'level2_points', 'indicator',
    'target', 'target_op', 'target_value', 'target_unit',
    'actual', 'actual_op', 'actual_value', 'actual_unit',
    'weight', 'score', 'recomputed_score', 'finding_codes', 'deviation', 'line', 'cell',
  ],
  funds: [
    'file', 'form', 'project', 'department', 'unit', 'label', 'kind',
    'initial_budget', 'adjusted_budget', 'received', 'executed', 'weight', 'rate', 'score', 'reason', 'line', 'cell',
  ],
  findings: [
    'file', 'form', 'project', 'department', 'kind', 'severity', 'code', 'line', 'column', 'field',
    'declared', 'expected', 'rule', 'rule_source', 'profile', 'message', 'message_en', 'cell',
  ],
};

/** Column names in Chinese, for `--lang zh` (a field's name from the table of field names); the English names stay the default, for the pipelines that read them. */
const COLUMNS_ZH: Record<CsvTable, readonly string[]> = {
  forms: [
    '文件', '表序号', PROJECT_FIELD_ZH.name, PROJECT_FIELD_ZH.department, CHECKED_FIELD_ZH.declaredTotal, CHECKED_FIELD_ZH.recomputedTotal, '差额（申报－复核）',
    CHECKED_FIELD_ZH.declaredGrade, CHECKED_FIELD_ZH.recomputedGrade, '错误', '警告', '提示', '读取问题', '起始行号', '结束行号',
  ],
  indicators: [
    '文件', '表序号', PROJECT_FIELD_ZH.name, PROJECT_FIELD_ZH.department, LEVEL_ZH.level1, FIELD_ZH.level1Points, LEVEL_ZH.level2, FIELD_ZH.level2Points, INDICATOR_COLUMN_ZH.name,
    '指标值', '指标值比较符', '指标值数值', '指标值单位',
    INDICATOR_COLUMN_ZH.actual, '实际值比较符', '实际值数值', '实际值单位',
    INDICATOR_COLUMN_ZH.weight, INDICATOR_COLUMN_ZH.score, CHECKED_FIELD_ZH.recomputedScore, '问题代码', INDICATOR_COLUMN_ZH.deviation, '行号', '单元格',
  ],
  funds: [
    '文件', '表序号', PROJECT_FIELD_ZH.name, PROJECT_FIELD_ZH.department, '金额单位', '资金项目', '类别',
    FUNDS_COLUMN_ZH.initialBudget, FUNDS_COLUMN_ZH.adjustedBudget, FUNDS_COLUMN_ZH.received, FUNDS_COLUMN_ZH.executed,
    FUNDS_COLUMN_ZH.weight, FUNDS_COLUMN_ZH.rate, FUNDS_COLUMN_ZH.score, FIELD_ZH['funds.reason'], '行号', '单元格',
  ],
  findings: [
    '文件', '表序号', PROJECT_FIELD_ZH.name, PROJECT_FIELD_ZH.department, '类型', '级别', '代码', '行号', '列号', '字段',
    '申报值', '复核值', '规则', '依据', '评分口径', '说明', '说明（英文）', '单元格',
  ],
};

/**
 * What a column holds, by its English name (a name means the same in every
 * table): `decimal` a figure as the exact decimal text the source prints
 * (`46876170.49`, `1.5`: the scale varies from row to row, so no fixed-scale
 * type holds them all), `integer` a count or position, `text` the rest
 * (codes and texts stay text: department `0402009`, target `1-3`).
 */
export type ColumnKind = 'text' | 'integer' | 'decimal';

const DECIMAL_COLUMNS: ReadonlySet<string> = new Set([
  'level1_points', 'level2_points', 'target_value', 'actual_value', 'weight', 'score', 'recomputed_score',
  'initial_budget', 'adjusted_budget', 'received', 'executed', 'rate',
  'declared', 'expected',
  'declared_total', 'recomputed_total', 'difference_declared_minus_recomputed',
]);
const INTEGER_COLUMNS: ReadonlySet<string> = new Set(['form', 'line', 'end_line', 'column', 'errors', 'warnings', 'info', 'diagnostics']);

export function columnKind(name: string): ColumnKind {
  return DECIMAL_COLUMNS.has(name) ? 'decimal' : INTEGER_COLUMNS.has(name) ? 'integer' : 'text';
}

/** The column names of a table, in English (default) or Chinese. */
export function tableColumns(table: CsvTable, lang: Lang = 'en'): readonly string[] {
  return (lang === 'zh' ? COLUMNS_ZH : COLUMNS)[table];
}

/** The header line of a table. */
export function csvHeader(table: CsvTable, lang: Lang = 'en'): string {
  return csvLine(tableColumns(table, lang));
}

/**
 * The rows of one table for one document, without header; `file` names the
 * input in the `file` column. `firstForm` is the index of the document's first
 * form in its file, so that a file written form by form numbers its forms as
 * the whole document would. `lang` is the language of the words among the
 * values (severity, kind, field, rule); English keeps the codes a pipeline reads.
 */
export function csvRows(table: CsvTable, document: Document, file: string, firstForm = 0, lang: Lang = 'en'): string {
  let text = '';
  for (const row of tableRows(table, document, file, firstForm, lang)) text += csvLine(row);
  return text;
}

/** The cells of a table's rows: decimal figures as their strings, positions as numbers. */
export function tableRows(table: CsvTable, document: Document, file: string, firstForm = 0, lang: Lang = 'en'): Cell[][] {
  switch (table) {
    case 'forms':
      return formRows(document, file, firstForm, lang);
    case 'indicators':
      return indicatorRows(document, file, firstForm);
    case 'funds':
      return fundsRows(document, file, firstForm, lang);
    case 'findings':
      return findingRows(document, file, firstForm, lang);
  }
}

/** A grade that cannot be given (no declared total, nothing to recompute from) is said so in Chinese, left empty in English. */
const UNGRADED: Record<Lang, string | null> = { zh: '无法评级', en: null };

/** A form's totals as the checker gives them (empty for a parsed, unchecked form), its counts and its lines. */
function formRows(document: Document, file: string, firstForm: number, lang: Lang): Cell[][] {
  return document.forms.map((form, at) => {
    const s = form.summary;
    return [
      ...formKeys(form, firstForm + at, file),
      s?.declaredTotal,
      s?.recomputedTotal,
      s?.difference,
      s?.declaredGrade ?? UNGRADED[lang],
      s?.recomputedGrade ?? UNGRADED[lang],
      s?.counts.error,
      s?.counts.warning,
      s?.counts.info,
      form.diagnostics.length,
      form.source.startLine,
      form.source.endLine,
    ];
  });
}

/** The words among a table's values, in a language. */
interface ValueWords {
  kind(kind: 'finding' | 'diagnostic'): string;
  severity(severity: Severity): string;
  field(field: string | null): string | null;
  rule(finding: Finding): string;
  /** Where the rule is written (依据): its documents and articles. */
  ruleSource(finding: Finding): string;
  profile(profile: string): string;
  fundsKind(kind: string): string;
}

const VALUE_WORDS: Readonly<Record<Lang, ValueWords>> = {
  en: { kind: (k) => k, severity: (s) => s, field: (f) => f, rule: (f) => f.rule.en, ruleSource: (f) => findingRuleText(f, 'en').source, profile: (p) => p, fundsKind: (k) => k },
  zh: {
    kind: (k) => ROW_KIND_ZH[k],
    severity: (s) => SEVERITY_WORD.zh[s],
    field: (f) => (f === null ? null : (FIELD_ZH[f] ?? f)),
    rule: (f) => f.rule.zh,
    ruleSource: (f) => findingRuleText(f, 'zh').source,
    profile: (p) => profileLabel(p, 'zh'),
    fundsKind: (k) => FUNDS_KIND_ZH[k] ?? k,
  },
};

function formKeys(form: Form, index: number, file: string): Cell[] {
  return [form.source.file ?? file, index + 1, form.project.name, form.project.department];
}

function indicatorRows(document: Document, file: string, firstForm: number): Cell[][] {
  return document.forms.flatMap((form, at) => {
    const index = firstForm + at;
    const codesByLine = findingCodesByLine(form);
    return form.indicators.map((indicator) => [
      ...formKeys(form, index, file),
      indicator.level1,
      indicator.level1Points,
      indicator.level2,
      indicator.level2Points,
      indicator.name,
      ...measureCells(indicator.target),
      ...measureCells(indicator.actual),
      figure(indicator.weight),
      figure(indicator.score),
      indicator.recomputedScore,
      codesByLine.get(indicator.line)?.join(' '),
      indicator.deviation,
      indicator.line,
      rowReference(form.source, indicator.line),
    ]);
  });
}

function fundsRows(document: Document, file: string, firstForm: number, lang: Lang): Cell[][] {
  return document.forms.flatMap((form, at) => {
    const index = firstForm + at;
    const funds = form.funds;
    if (funds === null) return [];
    return funds.rows.map((row) => [
      ...formKeys(form, index, file),
      funds.unit,
      row.label,
      VALUE_WORDS[lang].fundsKind(row.kind),
      figure(row.initialBudget),
      figure(row.adjustedBudget),
      figure(row.received ?? null),
      figure(row.executed),
      figure(row.weight),
      figure(row.rate),
      figure(row.score),
      row.reason?.text,
      row.line,
      rowReference(form.source, row.line),
    ]);
  });
}

/** Findings of the checker and diagnostics of the parser, form by form, then those of the file itself. */
function findingRows(document: Document, file: string, firstForm: number, lang: Lang): Cell[][] {
  const words = VALUE_WORDS[lang];
  const rows: Cell[][] = [];
  document.forms.forEach((form, at) => {
    const index = firstForm + at;
    for (const d of form.diagnostics) rows.push([...formKeys(form, index, file), ...diagnosticCells(d, words)]);
    for (const f of form.findings) {
      rows.push([...formKeys(form, index, file), words.kind('finding'), words.severity(f.severity), f.code, f.line, null, words.field(f.field), f.declared, f.expected, words.rule(f), words.ruleSource(f), words.profile(f.profile), f.message.zh, f.message.en, rowReference(form.source, f.line)]);
    }
  });
  for (const d of document.diagnostics) rows.push([d.file ?? file, null, null, null, ...diagnosticCells(d, words)]);
  return rows;
}

/** A diagnostic's cells from `kind` on: its message in Chinese and in English, as a finding's. A file's own notice has no position. */
function diagnosticCells(d: Diagnostic, words: ValueWords): Cell[] {
  const placed = d.line > 0;
  return [words.kind('diagnostic'), words.severity(d.severity), d.code, placed ? d.line : null, placed ? d.column : null, null, null, null, null, null, null, d.message.zh, d.message.en, d.cell ?? null];
}

function findingCodesByLine(form: Form): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  for (const finding of form.findings) {
    const codes = byLine.get(finding.line) ?? [];
    if (!codes.includes(finding.code)) codes.push(finding.code);
    byLine.set(finding.line, codes);
  }
  return byLine;
}

function measureCells(measure: Measure | null): Cell[] {
  return measure ? [measure.text, measure.op, measure.value, measure.unit] : [null, null, null, null];
}

/** A figure's decimal value, empty for a marker such as `—` or `/` (the JSON keeps the cell as written). */
function figure(cell: Figure | null): Cell {
  return cell?.value;
}

function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/**
 * One field, quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) gets a leading
 * apostrophe unless it is a plain number: exports come from outside.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?%?$/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
}
