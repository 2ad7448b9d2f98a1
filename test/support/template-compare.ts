/**
 * What a parsed document made of a generated form, field by field, against
 * the drawn truth (template-gen.ts); and the provenance invariant: every
 * label and figure in the output is the text of a cell on its cited line,
 * or that line carries a diagnostic.
 *
 * A line "carries a diagnostic" when a warning or an error of the form (or of
 * the document) stands on it: an info note says a reading was kept, not that
 * it may be wrong.
 */
import type { Document, Figure, Form, Indicator } from '../../src/contract/schema.js';
import type { FieldKind, Truth, TruthField } from './template-gen.js';

/** right; wrong (a value other than the drawn one) or missing (none where one was drawn), each reported on its line or silent. */
export type Verdict = 'right' | 'wrong-reported' | 'wrong-silent' | 'missing-reported' | 'missing-silent';

export interface FieldResult {
  field: string;
  section: TruthField['section'];
  line: number;
  expected: string | null;
  got: string | null;
  verdict: Verdict;
}

export interface Comparison {
  fields: FieldResult[];
  /** Per drawn indicator row: every one of its fields right. */
  indicatorRows: { line: number; right: boolean }[];
  /** Output indicators and funds rows on lines where none was drawn (a silent one counts as a silent-wrong field). */
  extras: FieldResult[];
  provenance: ProvenanceViolation[];
}

export interface ProvenanceViolation {
  line: number;
  field: string;
  value: string;
}

// ---- folding ----------------------------------------------------------------------------

/** Full-width ASCII and the ideographic space to ASCII, one for one. */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}
const labelKey = (text: string) => foldWidth(text).replace(/\s+/g, '');
const textKey = (text: string) => foldWidth(text).replace(/\s+/g, ' ').trim();
/** A decimal without its sign of percent, thousands separators and trailing zeros: "98.30%" → "98.3", "10.00" → "10". */
export function decimalKey(text: string): string {
  let t = foldWidth(text).replace(/[,\s%]/g, '');
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  return t.replace(/^(-?)0+(?=\d)/, '$1');
}
/** A label cell without its declared points: `产出指标（50分）` → `产出指标`. */
const withoutPoints = (text: string) => labelKey(text).replace(/[(]\d+(?:\.\d+)?分[)]$/, '');
const pointsIn = (text: string) => /[(](\d+(?:\.\d+)?)分[)]$/.exec(labelKey(text))?.[1] ?? null;

function same(kind: FieldKind, expected: string | null, got: string | null): boolean {
  if (expected === null || got === null) return expected === got;
  switch (kind) {
    case 'label':
      return labelKey(expected) === labelKey(got);
    case 'text':
      return textKey(expected) === textKey(got);
    case 'figure':
    case 'points':
      return decimalKey(expected) === decimalKey(got);
  }
}

// ---- reading the output -----------------------------------------------------------------

/** A figure as its decimal: a filler (`—`, `/`) reads as no figure. */
const figureValue = (f: Figure | null | undefined): string | null => (f ? f.value : null);

function indicatorValue(ind: Indicator, name: string): string | null {
  switch (name) {
    case 'level1': return ind.level1;
    case 'level1Points': return ind.level1Points;
    case 'level2': return ind.level2;
    case 'name': return ind.name;
    case 'target': return ind.target?.raw ?? null;
    case 'actual': return ind.actual?.raw ?? null;
    case 'weight': return figureValue(ind.weight);
    case 'score': return figureValue(ind.score);
    case 'deviation': return ind.deviation;
    default: throw new Error(`no indicator field ${name}`);
  }
}

function outputValue(form: Form | undefined, f: TruthField): string | null {
  if (!form) return null;
  const [section, name] = f.field.split('.');
  switch (section) {
    case 'project': {
      if (name === 'amount') return figureValue(form.project.amount);
      return form.project[name as 'name' | 'department' | 'implementer'];
    }
    case 'funds': {
      const row = form.funds?.rows.find((r) => r.line === f.line);
      if (!row) return null;
      if (name === 'label') return row.label;
      return figureValue(row[name as 'initialBudget'] as Figure | null | undefined);
    }
    case 'indicator': {
      const ind = form.indicators.find((i) => i.line === f.line);
      return ind ? indicatorValue(ind, name) : null;
    }
    case 'total': {
      if (!form.total) return null;
      return figureValue(name === 'weight' ? form.total.weight : form.total.score);
    }
  }
  throw new Error(`no field ${f.field}`);
}

/** The lines that carry a warning or an error. */
export function reportedLines(document: Document): Set<number> {
  const lines = new Set<number>();
  for (const d of [...document.diagnostics, ...document.forms.flatMap((f) => f.diagnostics)]) if (d.severity !== 'info') lines.add(d.line);
  return lines;
}

// ---- the comparison ---------------------------------------------------------------------

export function compareToTruth(document: Document, truth: Truth): Comparison {
  const form = document.forms[0];
  const reported = reportedLines(document);
  const fields = truth.fields.map((f): FieldResult => {
    const got = outputValue(form, f);
    const flagged = reported.has(f.line);
    const verdict: Verdict = same(f.kind, f.value, got) ? 'right' : got === null ? (flagged ? 'missing-reported' : 'missing-silent') : flagged ? 'wrong-reported' : 'wrong-silent';
    return { field: f.field, section: f.section, line: f.line, expected: f.value, got, verdict };
  });
  const indicatorRows = truth.indicatorRows.map((r) => ({ line: r.line, right: r.fields.every((i) => fields[i].verdict === 'right') }));
  const drawnRows = new Set(truth.indicatorRows.map((r) => r.line));
  const drawnFunds = new Set(truth.fundsLines);
  const extras: FieldResult[] = [];
  const extra = (field: string, section: TruthField['section'], line: number, got: string) =>
    extras.push({ field, section, line, expected: null, got, verdict: reported.has(line) ? 'wrong-reported' : 'wrong-silent' });
  for (const f of document.forms.slice(1)) extra('form', 'project', f.source.startLine, f.project.name ?? '(a second form)');
  for (const ind of form?.indicators ?? []) if (!drawnRows.has(ind.line)) extra('indicator.row', 'indicator', ind.line, ind.name ?? '');
  for (const row of form?.funds?.rows ?? []) if (!drawnFunds.has(row.line)) extra('funds.row', 'funds', row.line, row.label);
  return { fields, indicatorRows, extras, provenance: provenance(document, truth, reported) };
}

// ---- provenance ---------------------------------------------------------------------------

/** The texts a cell run of a line can give: each cell, and each join of neighbouring non-empty cells (a split target). */
function cellTexts(cells: readonly string[] | undefined): Set<string> {
  const texts = new Set<string>();
  if (!cells) return texts;
  const filled = cells.filter((c) => c.trim() !== '');
  for (let i = 0; i < filled.length; i++) {
    let joined = '';
    for (let j = i; j < filled.length && j < i + 3; j++) {
      joined += filled[j];
      texts.add(textKey(joined));
      texts.add(labelKey(joined));
    }
  }
  return texts;
}

/**
 * Every output label and figure is the text of a cell on its line (after width
 * folding and whitespace): a figure its cell's text, a name, target, actual or
 * deviation a cell (or neighbouring cells joined, as a split target is), a 一级
 * or 二级 label a label cell of the indicator table without its points, and the
 * points those of that cell. Else the line must carry a diagnostic.
 */
export function provenance(document: Document, truth: Truth, reported = reportedLines(document)): ProvenanceViolation[] {
  const violations: ProvenanceViolation[] = [];
  const form = document.forms[0];
  if (!form) return violations;
  const onLine = (line: number) => cellTexts(truth.cells[line - 1]);
  const check = (line: number, field: string, value: string | null | undefined, key: (v: string) => string = textKey) => {
    if (value === null || value === undefined || reported.has(line)) return;
    if (!onLine(line).has(key(value))) violations.push({ line, field, value });
  };
  const figure = (f: Figure | null | undefined, field: string) => {
    if (f) check(f.line, field, f.raw);
  };
  const [from, to] = truth.indicatorLines;
  const labelCells = new Map<string, Set<string>>();
  for (let line = from; line <= to; line++) {
    for (const cell of truth.cells[line - 1] ?? []) {
      if (!cell.trim()) continue;
      const key = withoutPoints(cell);
      if (!labelCells.has(key)) labelCells.set(key, new Set());
      const points = pointsIn(cell);
      if (points !== null) labelCells.get(key)!.add(decimalKey(points));
    }
  }
  for (const ind of form.indicators) {
    check(ind.line, 'indicator.name', ind.name);
    check(ind.line, 'indicator.target', ind.target?.raw);
    check(ind.line, 'indicator.actual', ind.actual?.raw);
    check(ind.line, 'indicator.deviation', ind.deviation);
    figure(ind.weight, 'indicator.weight');
    figure(ind.score, 'indicator.score');
    if (reported.has(ind.line)) continue;
    for (const [field, label] of [['indicator.level1', ind.level1], ['indicator.level2', ind.level2]] as const) {
      if (label !== null && !labelCells.has(labelKey(label))) violations.push({ line: ind.line, field, value: label });
    }
    if (ind.level1Points !== null && !(ind.level1 !== null && labelCells.get(labelKey(ind.level1))?.has(decimalKey(ind.level1Points))))
      violations.push({ line: ind.line, field: 'indicator.level1Points', value: ind.level1Points });
  }
  for (const row of form.funds?.rows ?? []) {
    check(row.line, 'funds.label', row.label);
    for (const name of ['initialBudget', 'adjustedBudget', 'received', 'executed', 'weight', 'rate', 'score'] as const) figure(row[name], `funds.${name}`);
  }
  if (form.total) {
    figure(form.total.weight, 'total.weight');
    figure(form.total.score, 'total.score');
  }
  figure(form.project.amount, 'project.amount');
  return violations;
}

/** Fields wrong or missing with no warning or error on their line, extras included. */
export const silentResults = (c: Comparison): FieldResult[] => [...c.fields, ...c.extras].filter((r) => r.verdict === 'wrong-silent' || r.verdict === 'missing-silent');

/** A form the invariants do not hold for: a silent misread, or an output label or figure that is no cell of its line. */
export const violates = (c: Comparison): boolean => silentResults(c).length > 0 || c.provenance.length > 0;
