/**
 * The audit report's view model: what the page shows of each checked form,
 * with every finding placed on the cell it disputes. Pure; every figure the
 * page shows of a form that the form does not state (sums per 一级, the
 * budget-execution score, rates, totals, differences, grades) is the
 * checker's, read from the form's summary, so that neither this model nor the
 * page's script computes one; only what spans forms (Σ difference by 主管部门)
 * is added up here, with decimals.
 */
import { placePrefix } from '../io/grid.js';
import type { Diagnostic, Document, Figure, Finding, Form, FundsRow, Indicator, Level1Sum, Severity } from '../contract/schema.js';
import { SEVERITY_RANK } from '../contract/severity.js';
import { Dec, parseDecimal, toFixedString } from '../contract/decimal.js';
import { reportStrings, type ReportLang, type ReportStrings } from './strings.js';
import { findingRuleText, ruleText, ungradableReason } from '../catalogue/messages.js';

export interface FindingView {
  code: string;
  severity: Severity;
  line: number;
  field: string | null;
  declared: string | null;
  expected: string | null;
  zh: string;
  en: string;
  rule: string;
  /** The rule the finding applies, in the report's language, and where that rule is written. */
  ruleStatement: string;
  ruleSource: string;
  /** Stable within its form: the finding's code, line and field, the key its review decision is kept by. */
  key: string;
}

export interface DiagnosticView {
  code: string;
  severity: Severity;
  line: number;
  column: number;
  zh: string;
  en: string;
  /** The cell in a workbook, Word document or page (`Sheet1!C12`, `T2!R5C3`), shown in place of the column. */
  cell?: string;
}

/** A figure as the form writes it: its raw text (null when the cell is absent). */
export type Written = string | null;

export interface FundsRowView {
  label: string;
  kind: FundsRow['kind'];
  line: number;
  initialBudget: Written;
  adjustedBudget: Written;
  executed: Written;
  weight: Written;
  rate: Written;
  score: Written;
}

export interface IndicatorView {
  line: number;
  name: string | null;
  target: Written;
  actual: Written;
  weight: Written;
  score: Written;
  recomputed: string | null;
  deviation: string | null;
}

export interface Level2View {
  label: string | null;
  rows: IndicatorView[];
}

/** One 一级 as the form states it, with the checker's sums of its rows (null for a form the checker has not summed). */
export interface Level1View {
  label: string | null;
  points: string | null;
  /** The line its points cell answers to: the first row that states the points, else its first row. */
  line: number;
  weight: string | null;
  declared: string | null;
  recomputed: string | null;
  groups: Level2View[];
}

/** One bar group of a form's chart: a 一级 (or the budget-execution part) with its weight and scores. */
export interface ChartPart {
  label: string;
  weight: string | null;
  declared: string | null;
  recomputed: string | null;
}

export interface FormView {
  id: number;
  file: string | null;
  startLine: number;
  /** `Sheet1!` or `T2!` before the row numbers of a form read from a workbook, Word document or page; empty for a text export. */
  place: string;
  endLine: number;
  encoding: string;
  name: string | null;
  department: string | null;
  implementer: string | null;
  amount: Written;
  declaredTotal: string | null;
  recomputedTotal: string | null;
  /** 申报 − 复核: declared total minus recomputed total, as the checker's summary gives it. */
  difference: string | null;
  declaredGrade: string | null;
  recomputedGrade: string | null;
  /** Which grades the checker gives: a grade it does not give is 无法评级. */
  gradable: { declared: boolean; recomputed: boolean };
  /** Why the checker could not grade the form (无法评级), in the report's language; null when it could. */
  ungradableReason: string | null;
  /** Both grades exist and differ. */
  gradeChanged: boolean;
  /** Ids of the other forms with the same project, department and figures: the same form submitted again. */
  duplicates: number[];
  /** The key review decisions on this form's findings are kept by: a hash of its file, place, project and figures. */
  reviewKey: string;
  errors: number;
  warnings: number;
  infos: number;
  /** Form diagnostics of severity error: figures the parser could not read (`一百`, `5.0.0`). */
  parseErrors: number;
  /** Position of the form in the worst-first order (0 = worst). */
  rank: number;
  funds: { unit: string; line: number; rows: FundsRowView[] } | null;
  tree: Level1View[];
  total: { line: number; weight: Written; score: Written } | null;
  findings: FindingView[];
  /** `line|field` of a cell → indices into `findings` of the findings that dispute it. */
  marks: Record<string, number[]>;
  /** Findings that name no cell shown on the page (a missing section, a line-0 finding). */
  unplaced: number[];
  diagnostics: DiagnosticView[];
  /** `line|field` of a cell → indices into `diagnostics` of the diagnostics raised on that cell's text. */
  diagnosticMarks: Record<string, number[]>;
  rate: { declared: string | null; computed: string | null };
  chart: ChartPart[];
}

/** A bar of the overall chart of the largest differences. */
export interface DifferenceBar {
  id: number;
  name: string | null;
  difference: string;
}

/** How often a rule (or, for parse errors, a diagnostic code) fired over all forms. */
export interface CodeCount {
  code: string;
  severity: Severity;
  /** True for a form diagnostic (a figure the parser could not read), false for a checker finding. */
  parse: boolean;
  count: number;
  forms: number;
  /** The rule's statement in the report's language; empty for a parse error. */
  statement: string;
}

export interface ReportModel {
  lang: ReportLang;
  title: string;
  /** Forms in input order; `rank` gives the worst-first order. */
  forms: FormView[];
  diagnostics: Array<DiagnosticView & { file: string | null }>;
  /** Up to TOP_DIFFERENCES forms with a non-zero difference, largest |difference| first. */
  topDifferences: DifferenceBar[];
  /** Forms whose totals cannot be compared (no difference). */
  withoutDifference: number;
  codeCounts: CodeCount[];
}

/** What the page's script needs of a form: sort keys, the search text, and the figures of its charts. */
export interface ClientForm {
  id: number;
  rank: number;
  file: string | null;
  startLine: number;
  /** `Sheet1!` or `T2!` before the row numbers of a form read from a workbook, Word document or page; empty for a text export. */
  place: string;
  name: string | null;
  declaredTotal: string | null;
  recomputedTotal: string | null;
  difference: string | null;
  declaredGrade: string | null;
  recomputedGrade: string | null;
  errors: number;
  parseErrors: number;
  warnings: number;
  infos: number;
  department: string | null;
  gradeChanged: boolean;
  duplicate: boolean;
  reviewKey: string;
  /** Lower-cased text the search box matches: file, names, codes and messages. */
  search: string;
  chart: ChartPart[];
  rate: FormView['rate'];
}

export interface ClientData {
  lang: ReportLang;
  forms: ClientForm[];
}

export function clientData(model: ReportModel): ClientData {
  return { lang: model.lang, forms: model.forms.map((form) => clientForm(form)) };
}

/** What the page's script needs of one form; `search`: its search text when the view no longer holds its findings' texts. */
export function clientForm(form: FormView, search: string = searchText(form)): ClientForm {
  return {
    id: form.id,
    rank: form.rank,
    file: form.file,
    startLine: form.startLine,
    place: form.place,
    name: form.name,
    declaredTotal: form.declaredTotal,
    recomputedTotal: form.recomputedTotal,
    difference: form.difference,
    declaredGrade: form.declaredGrade,
    recomputedGrade: form.recomputedGrade,
    errors: form.errors,
    parseErrors: form.parseErrors,
    warnings: form.warnings,
    infos: form.infos,
    department: form.department,
    gradeChanged: form.gradeChanged,
    duplicate: form.duplicates.length > 0,
    reviewKey: form.reviewKey,
    search,
    chart: form.chart,
    rate: form.rate,
  };
}

/** Lower-cased text the search box matches: file, names, codes and messages. */
export function searchText(form: FormView): string {
  return [
    form.file,
    form.name,
    form.department,
    form.implementer,
    String(form.id + 1),
    ...form.findings.flatMap((finding) => [finding.code, finding.zh, finding.en, finding.ruleStatement]),
    ...form.diagnostics.flatMap((diagnostic) => [diagnostic.code, diagnostic.zh, diagnostic.en]),
  ]
    .filter((part) => part != null)
    .join('\n')
    .toLowerCase();
}

export interface ReportOptions {
  title?: string;
  lang?: ReportLang;
  /**
   * Hold each form's full section in a <template> (read by the browser, never
   * laid out) until it is opened or printed: for a page whose script always
   * runs, such as the offline page's. Without a script the sections are then
   * not shown, so `jixiao report` never sets it.
   */
  holdForms?: boolean;
}

export const TOP_DIFFERENCES = 10;

const SCORE_DECIMALS = 2;

export function cellKey(line: number, field: string): string {
  return `${line}|${field}`;
}

function written(figure: Figure | null | undefined): Written {
  return figure == null ? null : figure.raw;
}

function fundsRowView(row: FundsRow): FundsRowView {
  return {
    label: row.label,
    kind: row.kind,
    line: row.line,
    initialBudget: written(row.initialBudget),
    adjustedBudget: written(row.adjustedBudget),
    executed: written(row.executed),
    weight: written(row.weight),
    rate: written(row.rate),
    score: written(row.score),
  };
}

function indicatorView(indicator: Indicator): IndicatorView {
  return {
    line: indicator.line,
    name: indicator.name,
    target: indicator.target?.raw ?? null,
    actual: indicator.actual?.raw ?? null,
    weight: written(indicator.weight),
    score: written(indicator.score),
    recomputed: indicator.recomputedScore,
    deviation: indicator.deviation,
  };
}

/**
 * The rows of each 一级, in the order the 一级 first appear (as the checker's
 * summary lists them), then runs of one 二级 within it, each in the form's
 * order; with the 一级's points, line and sums as the checker's summary gives
 * them. A form without those sums (unchecked, or checked before they were
 * added) shows its points as its first row that prints them, and no sums.
 */
export function indicatorTree(indicators: readonly Indicator[], sums: readonly Level1Sum[] = []): Level1View[] {
  const byLabel = new Map<string | null, Indicator[]>();
  for (const indicator of indicators) {
    const rows = byLabel.get(indicator.level1);
    if (rows === undefined) byLabel.set(indicator.level1, [indicator]);
    else rows.push(indicator);
  }
  const summed = new Map(sums.map((sum) => [sum.label, sum]));
  const tree: Level1View[] = [];
  for (const [label, rows] of byLabel) {
    const groups: Level2View[] = [];
    for (const row of rows) {
      const group = groups[groups.length - 1];
      if (group && group.label === row.level2) group.rows.push(indicatorView(row));
      else groups.push({ label: row.level2, rows: [indicatorView(row)] });
    }
    const sum = summed.get(label);
    const stating = sum === undefined ? rows.find((row) => parseDecimal(row.level1Points) !== null) : undefined;
    tree.push({
      label,
      points: sum !== undefined ? sum.points : (stating?.level1Points?.trim() ?? null),
      line: sum !== undefined ? sum.line : (stating ?? rows[0]).line,
      weight: sum?.weight ?? null,
      declared: sum?.declared ?? null,
      recomputed: sum?.recomputed ?? null,
      groups,
    });
  }
  return tree;
}

const FUNDS_FIELDS = ['initialBudget', 'adjustedBudget', 'executed', 'weight', 'rate', 'score'] as const;
const INDICATOR_FIELDS = ['name', 'target', 'actual', 'weight', 'score', 'deviation'] as const;

/** Every cell the page shows that a finding can name, as `line|field` keys. */
function cellKeys(form: Form, tree: readonly Level1View[]): Set<string> {
  const keys = new Set<string>();
  for (const row of form.funds?.rows ?? []) for (const field of FUNDS_FIELDS) keys.add(cellKey(row.line, `funds.${field}`));
  for (const indicator of form.indicators ?? []) for (const field of INDICATOR_FIELDS) keys.add(cellKey(indicator.line, field));
  for (const level1 of tree) keys.add(cellKey(level1.line, 'level1Points'));
  if (form.total) {
    keys.add(cellKey(form.total.line, 'total.weight'));
    keys.add(cellKey(form.total.line, 'total.score'));
  }
  return keys;
}

/**
 * The cell a finding disputes. Its line names the row and its field the
 * figure; a 一级's points finding may name any row of that 一级, and is
 * placed on the group's points cell.
 */
export function findingCell(finding: Pick<Finding, 'line' | 'field'>, tree: readonly Level1View[], keys: ReadonlySet<string>): string | null {
  if (finding.field == null || finding.line <= 0) return null;
  if (finding.field === 'level1Points') {
    const level1 = tree.find((group) => group.line === finding.line || group.groups.some((g) => g.rows.some((row) => row.line === finding.line)));
    return level1 ? cellKey(level1.line, 'level1Points') : null;
  }
  const key = cellKey(finding.line, finding.field);
  return keys.has(key) ? key : null;
}

function findingView(finding: Finding, lang: ReportLang): FindingView {
  const rule = findingRuleText(finding, lang);
  return {
    code: finding.code,
    severity: finding.severity,
    line: finding.line,
    field: finding.field,
    declared: finding.declared,
    expected: finding.expected,
    zh: finding.message?.zh ?? '',
    en: finding.message?.en ?? '',
    rule: rule.statement,
    ruleStatement: rule.statement,
    ruleSource: rule.source,
    key: `${finding.code}@${finding.line}|${finding.field ?? ''}`,
  };
}

export function diagnosticView(diagnostic: Diagnostic): DiagnosticView {
  // A document written before diagnostics had both languages holds one English string.
  const message: unknown = diagnostic.message;
  const { zh, en } = typeof message === 'string' ? { zh: message, en: message } : diagnostic.message;
  const view: DiagnosticView = { code: diagnostic.code, severity: diagnostic.severity, line: diagnostic.line, column: diagnostic.column, zh, en };
  if (diagnostic.cell !== undefined) view.cell = diagnostic.cell;
  return view;
}

function position(line: number, column: number): string {
  return `${line}:${column}`;
}

/** Where each shown figure's text starts (`line:column`) → its cell key: a diagnostic raised at that position is about that cell. */
function figurePositions(form: Form, indicators: readonly Indicator[]): Map<string, string> {
  const positions = new Map<string, string>();
  const add = (cell: { line: number; column: number } | null | undefined, line: number, field: string): void => {
    if (cell) positions.set(position(cell.line, cell.column), cellKey(line, field));
  };
  for (const row of form.funds?.rows ?? []) {
    if (row) for (const field of FUNDS_FIGURES) add(row[field], row.line, `funds.${field}`);
  }
  for (const indicator of indicators) for (const field of INDICATOR_FIGURES) add(indicator[field], indicator.line, field);
  if (form.total) {
    add(form.total.weight, form.total.line, 'total.weight');
    add(form.total.score, form.total.line, 'total.score');
  }
  return positions;
}

const FUNDS_FIGURES = ['initialBudget', 'adjustedBudget', 'executed', 'weight', 'rate', 'score'] as const;
const INDICATOR_FIGURES = ['target', 'actual', 'weight', 'score'] as const;

function fundsTotalRow(form: Form): FundsRow | null {
  return form.funds?.rows?.find((row) => row?.kind === 'total') ?? null;
}

/** The declared rate as written, the computed one as the checker's summary gives it. */
function executionRates(form: Form): FormView['rate'] {
  return { declared: fundsTotalRow(form)?.rate?.value ?? null, computed: form.summary?.executionRate ?? null };
}

function chartParts(form: Form, strings: ReportStrings): ChartPart[] {
  const parts: ChartPart[] = [];
  const execution = form.summary?.execution;
  if (execution) parts.push({ label: strings.budgetExecution, weight: execution.weight, declared: execution.declared, recomputed: execution.recomputed });
  // One bar per 一级, its rows wherever they stand (a misplaced merged label splits none).
  for (const sum of form.summary?.level1 ?? []) {
    parts.push({ label: sum.label ?? strings.unclassified, weight: sum.weight, declared: sum.declared, recomputed: sum.recomputed });
  }
  return parts;
}

export function formView(form: Form, id: number, strings: ReportStrings = reportStrings('zh')): FormView {
  const indicators = (form.indicators ?? []).filter((indicator): indicator is Indicator => indicator != null);
  const tree = indicatorTree(indicators, form.summary?.level1);
  const findings = form.findings ?? [];
  const keys = cellKeys({ ...form, indicators }, tree);
  const marks: Record<string, number[]> = {};
  const unplaced: number[] = [];
  findings.forEach((finding, index) => {
    const key = findingCell(finding, tree, keys);
    if (key === null) unplaced.push(index);
    else (marks[key] ??= []).push(index);
  });
  const diagnostics = (form.diagnostics ?? []).map(diagnosticView);
  const positions = figurePositions(form, indicators);
  const diagnosticMarks: Record<string, number[]> = {};
  diagnostics.forEach((diagnostic, index) => {
    const key = positions.get(position(diagnostic.line, diagnostic.column));
    if (key !== undefined) (diagnosticMarks[key] ??= []).push(index);
  });
  const summary = form.summary;
  const counts = summary?.counts ?? { error: 0, warning: 0, info: 0 };
  const declaredGrade = summary?.declaredGrade ?? null;
  const recomputedGrade = summary?.recomputedGrade ?? null;
  return {
    id,
    file: form.source?.file ?? null,
    startLine: form.source?.startLine ?? 0,
    place: form.source ? placePrefix(form.source) : '',
    endLine: form.source?.endLine ?? 0,
    encoding: form.source?.encoding ?? '',
    name: form.project?.name ?? null,
    department: form.project?.department ?? null,
    implementer: form.project?.implementer ?? null,
    amount: written(form.project?.amount),
    declaredTotal: summary?.declaredTotal ?? null,
    recomputedTotal: summary?.recomputedTotal ?? null,
    difference: summary?.difference ?? null,
    declaredGrade,
    recomputedGrade,
    gradable: { declared: declaredGrade !== null, recomputed: recomputedGrade !== null },
    ungradableReason: ungradableReason(summary, strings.htmlLang === 'en' ? 'en' : 'zh'),
    gradeChanged: summary?.grading?.gradeChanged ?? (declaredGrade !== null && recomputedGrade !== null && declaredGrade !== recomputedGrade),
    duplicates: [],
    reviewKey: reviewKey(form),
    errors: counts.error,
    warnings: counts.warning,
    infos: counts.info,
    parseErrors: diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
    rank: id,
    funds: form.funds ? { unit: form.funds.unit, line: form.funds.line, rows: form.funds.rows.filter((row) => row != null).map(fundsRowView) } : null,
    tree,
    total: form.total ? { line: form.total.line, weight: written(form.total.weight), score: written(form.total.score) } : null,
    findings: findings.map((finding) => findingView(finding, strings.htmlLang === 'en' ? 'en' : 'zh')),
    marks,
    unplaced,
    diagnostics,
    diagnosticMarks,
    rate: executionRates(form),
    chart: chartParts(form, strings),
  };
}

/** FNV-1a over a text, as 8 hex digits: a short stable key, not a safeguard. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Each form's submission text, made once (the review key and the duplicates both read it). */
const submissions = new WeakMap<Form, string>();

/** What makes two forms the same submission: project, department and every figure they state. */
function submissionText(form: Form): string {
  const known = submissions.get(form);
  if (known !== undefined) return known;
  const figures = [
    ...(form.funds?.rows ?? []).flatMap((row) => [row?.adjustedBudget?.raw, row?.executed?.raw, row?.score?.raw]),
    ...(form.indicators ?? []).flatMap((indicator) => [indicator?.name, indicator?.actual?.raw, indicator?.weight?.raw, indicator?.score?.raw]),
    form.total?.weight?.raw,
    form.total?.score?.raw,
  ];
  const text = JSON.stringify([form.project?.name ?? null, form.project?.department ?? null, figures.map((figure) => figure ?? null)]);
  submissions.set(form, text);
  return text;
}

/** The key a form's review decisions are kept under: its file and place in it with its submission, hashed. */
function reviewKey(form: Form): string {
  return fnv1a(JSON.stringify([form.source?.file ?? null, form.source?.startLine ?? 0])) + fnv1a(submissionText(form));
}

/** What two forms share when they are the same submission; null for a form with no indicator and no total, never a duplicate. */
export function submissionKey(form: Form): string | null {
  return (form.indicators ?? []).length === 0 && form.total == null ? null : submissionText(form);
}

/** Marks each form submitted more than once (the same project, department and figures, in any file), from each form's `submissionKey`. */
export function markDuplicates(keys: ReadonlyArray<string | null>, views: readonly FormView[]): void {
  const byText = new Map<string, number[]>();
  keys.forEach((text, id) => {
    if (text === null) return;
    const ids = byText.get(text);
    if (ids === undefined) byText.set(text, [id]);
    else ids.push(id);
  });
  for (const ids of byText.values()) if (ids.length > 1) for (const id of ids) views[id].duplicates = ids.filter((other) => other !== id);
}

/** One 主管部门's forms, findings by severity, and Σ (declared − recomputed) over its forms with a difference. */
export interface DepartmentTotal {
  department: string | null;
  forms: number;
  errors: number;
  warnings: number;
  infos: number;
  difference: string;
}

/** The forms grouped by 主管部门, in the order departments first appear; forms without one last. */
export function departmentTotals(forms: readonly FormView[]): DepartmentTotal[] {
  const groups = new Map<string | null, { total: DepartmentTotal; sum: Dec }>();
  for (const form of forms) {
    const key = form.department?.trim() || null;
    const group = groups.get(key) ?? { total: { department: key, forms: 0, errors: 0, warnings: 0, infos: 0, difference: '0.00' }, sum: new Dec(0) };
    group.total.forms += 1;
    group.total.errors += form.errors + form.parseErrors;
    group.total.warnings += form.warnings;
    group.total.infos += form.infos;
    group.sum = group.sum.plus(parseDecimal(form.difference) ?? 0);
    group.total.difference = toFixedString(group.sum, SCORE_DECIMALS);
    groups.set(key, group);
  }
  const all = [...groups.values()].map((group) => group.total);
  return [...all.filter((d) => d.department !== null), ...all.filter((d) => d.department === null)];
}

function absoluteDifference(form: FormView): Dec | null {
  const value = parseDecimal(form.difference);
  return value === null ? null : value.abs();
}

/**
 * Worst first: most errors (findings and parse errors together), then the
 * largest |difference| (forms without one after every form with one), then
 * most warnings, most infos, input order.
 */
export function worstFirst(a: FormView, b: FormView): number {
  const errors = b.errors + b.parseErrors - (a.errors + a.parseErrors);
  if (errors !== 0) return errors;
  const x = absoluteDifference(a);
  const y = absoluteDifference(b);
  if (x === null || y === null) {
    if (x !== y) return x === null ? 1 : -1;
  } else if (!x.eq(y)) return y.comparedTo(x);
  return b.warnings - a.warnings || b.infos - a.infos || a.id - b.id;
}

function topDifferences(forms: readonly FormView[]): DifferenceBar[] {
  return forms
    .filter((form) => !(absoluteDifference(form)?.isZero() ?? true))
    .sort((a, b) => absoluteDifference(b)!.comparedTo(absoluteDifference(a)!) || a.id - b.id)
    .slice(0, TOP_DIFFERENCES)
    .map((form) => ({ id: form.id, name: form.name, difference: form.difference! }));
}


/** Findings by rule code and parse errors by diagnostic code over all forms, most frequent first. */
function codeCounts(forms: readonly FormView[], lang: ReportLang): CodeCount[] {
  const counts = new Map<string, CodeCount>();
  const count = (code: string, severity: Severity, parse: boolean, seen: Set<string>): void => {
    const key = `${parse ? 'parse' : 'rule'}|${code}|${severity}`;
    const entry = counts.get(key) ?? { code, severity, parse, count: 0, forms: 0, statement: parse ? '' : ruleText(code, lang).statement };
    entry.count += 1;
    if (!seen.has(key)) {
      seen.add(key);
      entry.forms += 1;
    }
    counts.set(key, entry);
  };
  for (const form of forms) {
    const seen = new Set<string>();
    for (const finding of form.findings) count(finding.code, finding.severity, false, seen);
    for (const diagnostic of form.diagnostics) if (diagnostic.severity === 'error') count(diagnostic.code, 'error', true, seen);
  }
  return [...counts.values()].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

export function reportModel(documents: readonly Document[], options: ReportOptions = {}): ReportModel {
  const lang = options.lang === 'en' ? 'en' : 'zh';
  const strings = reportStrings(lang);
  const forms: FormView[] = [];
  const diagnostics: ReportModel['diagnostics'] = [];
  const keys: Array<string | null> = [];
  for (const document of documents) {
    for (const form of document.forms ?? []) {
      forms.push(formView(form, forms.length, strings));
      keys.push(submissionKey(form));
    }
    for (const diagnostic of document.diagnostics ?? []) {
      diagnostics.push({ ...diagnosticView(diagnostic), file: diagnostic.file ?? document.forms?.[0]?.source?.file ?? null });
    }
  }
  markDuplicates(keys, forms);
  return modelOf(forms, diagnostics, options);
}

/**
 * The model of views already made (duplicates marked): their worst-first
 * ranks, the largest differences and the counts by code. A view need only
 * hold what the overview shows and its findings' and diagnostics' codes and
 * severities; the page asks for each form's whole view when it writes it.
 */
export function modelOf(forms: FormView[], diagnostics: ReportModel['diagnostics'], options: ReportOptions = {}): ReportModel {
  const lang = options.lang === 'en' ? 'en' : 'zh';
  forms
    .slice()
    .sort(worstFirst)
    .forEach((form, rank) => {
      form.rank = rank;
    });
  return {
    lang,
    title: options.title ?? reportStrings(lang).defaultTitle,
    forms,
    diagnostics,
    topDifferences: topDifferences(forms),
    withoutDifference: forms.filter((form) => parseDecimal(form.difference) === null).length,
    codeCounts: codeCounts(forms, lang),
  };
}
