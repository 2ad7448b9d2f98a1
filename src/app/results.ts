/**
 * What the page shows and downloads, computed in its worker from the checked
 * documents: a summary per file (its forms, their findings, why it failed)
 * and the download files, byte for byte what `jixiao check --format json|csv`
 * prints for the same files.
 */
import { csvHeader, csvRows, type CsvTable, type Diagnostic, type Document, type Finding, type Form, type Severity } from './core.js';
import { diagnostic, findingRuleText, NO_FORM_REASON, ungradableReason, type Lang } from '../catalogue/messages.js';

export interface FindingView {
  code: string;
  severity: Severity;
  line: number;
  declared: string | null;
  expected: string | null;
  message: { zh: string; en: string };
  /** The rule a finding applies, in both languages; empty for a diagnostic. */
  rule: { zh: string; en: string };
  /** Where the rule is written (依据), in both languages; empty for a diagnostic. */
  source: { zh: string; en: string };
}

export interface FormSummary {
  startLine: number;
  project: string | null;
  declaredTotal: string | null;
  recomputedTotal: string | null;
  /** Why the form cannot be graded (无法评级), in both languages; null when it can. */
  ungradable: { zh: string; en: string } | null;
  findings: FindingView[];
}

export interface FileSummary {
  path: string;
  encoding: string | null;
  /** How many forms were read from the file (their findings are asked for when its row is opened). */
  forms: number;
  /** The file's own diagnostics (those of no form): why nothing was read, or what was left over. */
  diagnostics: FindingView[];
  counts: Record<Severity, number>;
  /** Why no form could be read from the file; null when it converted. */
  failure: { zh: string; en: string } | null;
}

/** A file's summary from what was kept of it as its forms went by (`forms`: how many, `encoding`: the first's). */
export function fileSummary(path: string, encoding: string | null, forms: number, counts: Record<Severity, number>, diagnostics: readonly Diagnostic[]): FileSummary {
  return {
    path,
    encoding,
    forms,
    diagnostics: diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.line, declared: null, expected: null, message: d.message, rule: { zh: '', en: '' }, source: { zh: '', en: '' } })),
    counts,
    failure: failureOf(path, forms, diagnostics),
  };
}

/** A form as the file's opened row lists it. */
export function formSummary(form: Form): FormSummary {
  return {
    startLine: form.source.startLine,
    project: form.project.name,
    declaredTotal: form.summary?.declaredTotal ?? null,
    recomputedTotal: form.summary?.recomputedTotal ?? null,
    ungradable: ungradableOf(form),
    findings: form.findings.map(findingView),
  };
}

function ungradableOf(form: Form): { zh: string; en: string } | null {
  const zh = ungradableReason(form.summary, 'zh');
  return zh === null ? null : { zh, en: ungradableReason(form.summary, 'en') ?? zh };
}

function findingView(finding: Finding): FindingView {
  const [zh, en] = [findingRuleText(finding, 'zh'), findingRuleText(finding, 'en')];
  const rule = { zh: zh.statement, en: en.statement };
  const source = { zh: zh.source, en: en.source };
  return { code: finding.code, severity: finding.severity, line: finding.line, declared: finding.declared, expected: finding.expected, message: finding.message, rule, source };
}

/**
 * Why a file gave no form, as the command line's summary says it: its errors'
 * messages without the file name they start with.
 */
export function failureOf(path: string, forms: number, diagnostics: readonly Diagnostic[]): { zh: string; en: string } | null {
  if (forms > 0) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return { ...NO_FORM_REASON };
  const without = (text: string) => (text.startsWith(path + ': ') ? text.slice(path.length + 2) : text);
  return { zh: errors.map((d) => without(d.message.zh)).join('；'), en: errors.map((d) => without(d.message.en)).join('; ') };
}

/** A document for a file the pipeline could not process at all (a fault, not a property of the file). */
export function faultDocument(path: string, why: string): Document {
  return { forms: [], diagnostics: [diagnostic('internal-error', { line: 0, column: 0, file: path }, { reason: why })] };
}

const BOM = '\uFEFF';

/** A file's document, or some of its forms (`firstForm`: how many of its forms come before them), named by its path. */
export interface FilePiece {
  document: Document;
  path: string;
  firstForm: number;
}

/**
 * What the table downloads hold of a file: the file whole, or, when the
 * report's filters show only some forms (`wanted`: the report's form
 * numbers, counted over the files in order; `firstId`: this file's first),
 * those forms, each keeping its place in its file (a file's own notices
 * belong to no form, and are left out then).
 */
export function shownPieces(document: Document, path: string, firstId: number, wanted: ReadonlySet<number> | null): FilePiece[] {
  if (wanted === null) return [{ document, path, firstForm: 0 }];
  const pieces: FilePiece[] = [];
  document.forms.forEach((form, at) => {
    if (wanted.has(firstId + at)) pieces.push({ document: { ...document, forms: [form], diagnostics: [] }, path, firstForm: at });
  });
  return pieces;
}

/** The head of `jixiao check --format csv --lang LANG` on standard output (the indicators table there; any table here); Chinese headers on a Chinese page. */
export function csvHead(table: CsvTable, lang: Lang = 'en'): string {
  return BOM + csvHeader(table, lang);
}

/** The rows of some files' pieces, as they follow the head. */
export function csvBody(table: CsvTable, pieces: readonly FilePiece[], lang: Lang = 'en'): string {
  let text = '';
  for (const { document, path, firstForm } of pieces) text += csvRows(table, document, path, firstForm, lang);
  return text;
}
