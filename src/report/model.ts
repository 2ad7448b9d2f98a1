/**
 * The audit report's view model: what the page shows of each checked form,
 * with every finding placed on the cell it disputes. Pure; every figure the
 * page shows that the form does not state (sums, rates, differences) is
 * computed here with decimals, so the page's script only lays figures out.
 */
import type { Diagnostic, Document, Figure, Finding, Form, FundsRow, Indicator, Severity } from '../schema.js';
import { executionRate, figureValue, parseDecimal, toFixedString, toPlainString } from '../score.js';
import { Dec } from '../units.js';

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
}

export interface DiagnosticView {
  code: string;
  severity: Severity;
  line: number;
  message: string;
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

/** One 一级 group as the form states it, with its sums. */
export interface Level1View {
  label: string | null;
  points: string | null;
  /** The line its points cell answers to: the first row that states the points, else its first row. */
  line: number;
  weight: string;
  declared: string;
  recomputed: string;
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
  endLine: number;
  encoding: string;
  name: string | null;
  department: string | null;
  implementer: string | null;
  amount: Written;
  declaredTotal: string | null;
  recomputedTotal: string | null;
  /** 复核 − 申报: recomputed total minus declared total. */
  difference: string | null;
  declaredGrade: string | null;
  recomputedGrade: string | null;
  errors: number;
  warnings: number;
  infos: number;
  funds: { unit: string; line: number; rows: FundsRowView[] } | null;
  tree: Level1View[];
  total: { line: number; weight: Written; score: Written } | null;
  findings: FindingView[];
  /** `line|field` of a cell → indices into `findings` of the findings that dispute it. */
  marks: Record<string, number[]>;
  /** Findings that name no cell shown on the page (a missing section, a line-0 finding). */
  unplaced: number[];
  diagnostics: DiagnosticView[];
  rate: { declared: string | null; computed: string | null };
  chart: ChartPart[];
}

export interface ReportModel {
  title: string;
  forms: FormView[];
  diagnostics: Array<DiagnosticView & { file: string | null }>;
}

export const DEFAULT_TITLE = '项目支出绩效自评表 审核报告';

const SCORE_DECIMALS = 2;

export function cellKey(line: number, field: string): string {
  return `${line}|${field}`;
}

function written(figure: Figure | null | undefined): Written {
  return figure == null ? null : figure.raw;
}

function sumOf(values: readonly (Dec | null)[]): Dec {
  return values.reduce<Dec>((total, value) => (value === null ? total : total.plus(value)), new Dec(0));
}

/** 复核 − 申报 from the checker's difference (申报 − 复核), keeping its decimals; never "-0.00". */
export function recomputedMinusDeclared(difference: string | null | undefined): string | null {
  const value = parseDecimal(difference);
  if (value === null) return null;
  const decimals = difference!.includes('.') ? difference!.length - difference!.indexOf('.') - 1 : 0;
  return value.isZero() ? value.abs().toFixed(decimals) : value.neg().toFixed(decimals);
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

/** The score an indicator is counted with in the recomputed total: the recomputed one, else the declared one. */
function countedScore(indicator: Indicator): Dec | null {
  return parseDecimal(indicator.recomputedScore) ?? figureValue(indicator.score);
}

/** Consecutive rows of one 一级, then of one 二级 within it: the tree in the form's own order. */
export function indicatorTree(indicators: readonly Indicator[]): Level1View[] {
  const tree: Level1View[] = [];
  const runs: Indicator[][] = [];
  for (const indicator of indicators) {
    const run = runs[runs.length - 1];
    if (run && run[0].level1 === indicator.level1) run.push(indicator);
    else runs.push([indicator]);
  }
  for (const rows of runs) {
    const stating = rows.find((row) => parseDecimal(row.level1Points) !== null);
    const groups: Level2View[] = [];
    for (const row of rows) {
      const group = groups[groups.length - 1];
      if (group && group.label === row.level2) group.rows.push(indicatorView(row));
      else groups.push({ label: row.level2, rows: [indicatorView(row)] });
    }
    tree.push({
      label: rows[0].level1,
      points: stating?.level1Points?.trim() ?? null,
      line: (stating ?? rows[0]).line,
      weight: toPlainString(sumOf(rows.map((row) => figureValue(row.weight)))),
      declared: toPlainString(sumOf(rows.map((row) => figureValue(row.score)))),
      recomputed: toFixedString(sumOf(rows.map(countedScore)), SCORE_DECIMALS),
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

function findingView(finding: Finding): FindingView {
  return {
    code: finding.code,
    severity: finding.severity,
    line: finding.line,
    field: finding.field,
    declared: finding.declared,
    expected: finding.expected,
    zh: finding.message?.zh ?? '',
    en: finding.message?.en ?? '',
    rule: finding.rule,
  };
}

function diagnosticView(diagnostic: Diagnostic): DiagnosticView {
  return { code: diagnostic.code, severity: diagnostic.severity, line: diagnostic.line, message: diagnostic.message };
}

/** The recomputed figure of a cell: the expected value of the finding that disputes it, else the declared one. */
function recomputedFigure(declared: Figure | null | undefined, findings: readonly Finding[], line: number, field: string): string | null {
  const disputed = findings.find((finding) => finding.line === line && finding.field === field && finding.expected !== null);
  return disputed ? disputed.expected : (declared?.value ?? null);
}

function fundsTotalRow(form: Form): FundsRow | null {
  return form.funds?.rows?.find((row) => row?.kind === 'total') ?? null;
}

function executionRates(totalRow: FundsRow | null): FormView['rate'] {
  if (!totalRow) return { declared: null, computed: null };
  const budget = figureValue(totalRow.adjustedBudget);
  const executed = figureValue(totalRow.executed);
  const rate = budget !== null && executed !== null ? executionRate(executed, budget) : null;
  return { declared: totalRow.rate?.value ?? null, computed: rate === null ? null : toFixedString(rate, SCORE_DECIMALS) };
}

function chartParts(form: Form, tree: readonly Level1View[]): ChartPart[] {
  const parts: ChartPart[] = [];
  const totalRow = fundsTotalRow(form);
  if (totalRow) {
    parts.push({
      label: '预算执行',
      weight: totalRow.weight?.value ?? null,
      declared: totalRow.score?.value ?? null,
      recomputed: recomputedFigure(totalRow.score, form.findings ?? [], totalRow.line, 'funds.score'),
    });
  }
  // A 一级 split into several runs (a misplaced merged label) is one bar.
  const byLabel = new Map<string, { weight: Dec; declared: Dec; recomputed: Dec }>();
  for (const level1 of tree) {
    const label = level1.label ?? '（未归类）';
    const bar = byLabel.get(label) ?? { weight: new Dec(0), declared: new Dec(0), recomputed: new Dec(0) };
    byLabel.set(label, {
      weight: bar.weight.plus(level1.weight),
      declared: bar.declared.plus(level1.declared),
      recomputed: bar.recomputed.plus(level1.recomputed),
    });
  }
  for (const [label, bar] of byLabel) {
    parts.push({ label, weight: toPlainString(bar.weight), declared: toPlainString(bar.declared), recomputed: toFixedString(bar.recomputed, SCORE_DECIMALS) });
  }
  return parts;
}

export function formView(form: Form, id: number): FormView {
  const indicators = (form.indicators ?? []).filter((indicator): indicator is Indicator => indicator != null);
  const tree = indicatorTree(indicators);
  const findings = form.findings ?? [];
  const keys = cellKeys({ ...form, indicators }, tree);
  const marks: Record<string, number[]> = {};
  const unplaced: number[] = [];
  findings.forEach((finding, index) => {
    const key = findingCell(finding, tree, keys);
    if (key === null) unplaced.push(index);
    else (marks[key] ??= []).push(index);
  });
  const summary = form.summary;
  const counts = summary?.counts ?? { error: 0, warning: 0, info: 0 };
  return {
    id,
    file: form.source?.file ?? null,
    startLine: form.source?.startLine ?? 0,
    endLine: form.source?.endLine ?? 0,
    encoding: form.source?.encoding ?? '',
    name: form.project?.name ?? null,
    department: form.project?.department ?? null,
    implementer: form.project?.implementer ?? null,
    amount: written(form.project?.amount),
    declaredTotal: summary?.declaredTotal ?? null,
    recomputedTotal: summary?.recomputedTotal ?? null,
    difference: recomputedMinusDeclared(summary?.difference),
    declaredGrade: summary?.declaredGrade ?? null,
    recomputedGrade: summary?.recomputedGrade ?? null,
    errors: counts.error,
    warnings: counts.warning,
    infos: counts.info,
    funds: form.funds ? { unit: form.funds.unit, line: form.funds.line, rows: form.funds.rows.filter((row) => row != null).map(fundsRowView) } : null,
    tree,
    total: form.total ? { line: form.total.line, weight: written(form.total.weight), score: written(form.total.score) } : null,
    findings: findings.map(findingView),
    marks,
    unplaced,
    diagnostics: (form.diagnostics ?? []).map(diagnosticView),
    rate: executionRates(fundsTotalRow(form)),
    chart: chartParts(form, tree),
  };
}

export function reportModel(documents: readonly Document[], options: { title?: string } = {}): ReportModel {
  const forms: FormView[] = [];
  const diagnostics: ReportModel['diagnostics'] = [];
  for (const document of documents) {
    for (const form of document.forms ?? []) forms.push(formView(form, forms.length));
    for (const diagnostic of document.diagnostics ?? []) {
      diagnostics.push({ ...diagnosticView(diagnostic), file: diagnostic.file ?? document.forms?.[0]?.source?.file ?? null });
    }
  }
  return { title: options.title ?? DEFAULT_TITLE, forms, diagnostics };
}
