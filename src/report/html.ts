/**
 * The report's tables as HTML strings, written on the server so that the page
 * shows every form and every finding without its script: the overview rows
 * and each form's funds block, indicator tree (declared → recomputed),
 * findings and diagnostics. Every text from the input is escaped.
 */
import { escapeHtml as esc, shown } from './escape.js';
import { worseOf } from '../contract/severity.js';
import type { DiagnosticView, FindingView, FormView, ReportModel } from './model.js';
import type { ReportStrings } from './strings.js';

type Severity = FindingView['severity'];


export const OVERVIEW_COLUMNS = [
  { key: 'id', numeric: true },
  { key: 'file', numeric: false },
  { key: 'name', numeric: false },
  { key: 'department', numeric: false },
  { key: 'declaredTotal', numeric: true },
  { key: 'recomputedTotal', numeric: true },
  { key: 'difference', numeric: true },
  { key: 'grade', numeric: false },
  { key: 'errors', numeric: true },
  { key: 'parseErrors', numeric: true },
  { key: 'warnings', numeric: true },
  { key: 'infos', numeric: true },
] as const;

export type OverviewKey = (typeof OVERVIEW_COLUMNS)[number]['key'];

function worstSeverity(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>(worseOf, 'info');
}

export function formSeverity(form: Pick<FormView, 'errors' | 'parseErrors' | 'warnings' | 'infos'>): Severity | null {
  return form.errors + form.parseErrors > 0 ? 'error' : form.warnings > 0 ? 'warning' : form.infos > 0 ? 'info' : null;
}

/** A form with no finding and no diagnostic of any severity. */
export function isClean(form: FormView): boolean {
  return form.findings.length === 0 && form.diagnostics.length === 0;
}

function fileLabel(form: Pick<FormView, 'file' | 'place' | 'startLine'>, s: ReportStrings): string {
  return (form.file || s.noFileName) + ':' + form.place + form.startLine;
}

function countPill(count: number, severity: Severity): string {
  return `<span class="pill ${count > 0 ? severity : 'zero'}">${count}</span>`;
}

/** Red when the form declares more than it recomputes to, amber when less. */
function differenceClass(difference: string | null): string {
  if (difference === null) return '';
  if (/^-?0(\.0*)?$/.test(difference)) return 'diff-zero';
  return difference.startsWith('-') ? 'diff-down' : 'diff-up';
}

export function overviewHead(s: ReportStrings): string {
  return (
    '<tr>' +
    OVERVIEW_COLUMNS.map(
      (column) =>
        `<th class="${column.numeric ? 'num' : ''}" data-key="${column.key}" scope="col">${esc(s.columns[column.key])}<span class="arrow"></span></th>`,
    ).join('') +
    '</tr>'
  );
}

export function overviewRow(form: FormView, s: ReportStrings): string {
  return `<tr class="form-row" data-form="${form.id}"${isClean(form) ? ' data-clean="true"' : ''}>` + overviewCells(form, s) + `</tr>`;
}

/** What a form's overview row shows of it. */
export type OverviewForm = Pick<
  FormView,
  | 'id' | 'file' | 'place' | 'startLine' | 'name' | 'department' | 'declaredTotal' | 'recomputedTotal' | 'difference'
  | 'declaredGrade' | 'recomputedGrade' | 'gradeChanged' | 'ungradableReason' | 'duplicates'
  | 'errors' | 'parseErrors' | 'warnings' | 'infos'
>;

/** The cells of a form's overview row. */
export function overviewCells(form: OverviewForm, s: ReportStrings): string {
  const severity = formSeverity(form);
  const gradeChanged = form.gradeChanged;
  return (
    `<td class="c-id${severity ? ' severity-stripe-' + severity : ''}"><button class="toggle js-only" type="button" aria-label="${esc(s.expand)}">▸</button>${form.id + 1}</td>` +
    `<td class="c-file mono" title="${esc(form.file || '')}">${esc(fileLabel(form, s))}</td>` +
    `<td class="c-name"><a class="form-link" href="#form-${form.id}">${esc(shown(form.name))}</a>${duplicateBadge(form, s)}</td>` +
    `<td class="c-department">${esc(shown(form.department))}</td>` +
    `<td class="c-declaredTotal num">${esc(shown(form.declaredTotal))}</td>` +
    `<td class="c-recomputedTotal num">${esc(shown(form.recomputedTotal))}</td>` +
    `<td class="c-difference num ${differenceClass(form.difference)}">${esc(shown(form.difference))}</td>` +
    `<td class="c-grade${gradeChanged ? ' grade-change' : ''}">${esc(gradeText(form.declaredGrade, s))} → ${esc(gradeText(form.recomputedGrade, s))}${gradeReason(form)}</td>` +
    `<td class="c-errors num">${countPill(form.errors, 'error')}</td>` +
    `<td class="c-parseErrors num">${countPill(form.parseErrors, 'error')}</td>` +
    `<td class="c-warnings num">${countPill(form.warnings, 'warning')}</td>` +
    `<td class="c-infos num">${countPill(form.infos, 'info')}</td>`
  );
}

function findingTitle(finding: FindingView, s: ReportStrings): string {
  return `[${s.severity[finding.severity]}] ${finding.code}\n${inLang(finding, s)}\n${s.ruleLabel}${finding.ruleStatement}`;
}

/** Why a form is 无法评级, under its grades. */
function gradeReason(form: Pick<FormView, 'ungradableReason'>): string {
  return form.ungradableReason ? `<div class="grade-reason">${esc(form.ungradableReason)}</div>` : '';
}

/** A grade, or 无法评级 where the form gives nothing to grade. */
export function gradeText(grade: string | null, s: ReportStrings): string {
  return grade ?? s.ungradable;
}

function duplicateBadge(form: Pick<FormView, 'duplicates'>, s: ReportStrings): string {
  if (form.duplicates.length === 0) return '';
  return ` <span class="badge duplicate" title="${esc(s.duplicateOf(form.duplicates.map((id) => id + 1)))}">${esc(s.duplicate)}</span>`;
}

/** A message in the report's language. */
function inLang(message: { zh: string; en: string }, s: ReportStrings): string {
  return s.htmlLang === 'en' ? message.en : message.zh;
}

function diagnosticTitle(diagnostic: DiagnosticView, s: ReportStrings): string {
  return `[${s.severity[diagnostic.severity]}] ${diagnostic.code}\n${inLang(diagnostic, s)}`;
}

/**
 * A cell of the form. Disputed when a finding names its line and field (the
 * recomputed figure beside the declared one), or when the parser could not
 * read its text (a diagnostic at its position).
 */
function cell(form: FormView, line: number, field: string, text: string | null, className: string, s: ReportStrings): string {
  const key = line + '|' + field;
  const findings = (form.marks[key] || []).map((index) => form.findings[index]);
  const diagnostics = (form.diagnosticMarks[key] || []).map((index) => form.diagnostics[index]);
  // The row carries the line; a cell only its field, to keep pages of thousands of forms small.
  let classes = className;
  let attributes = ` data-field="${esc(field)}"`;
  let inner = esc(shown(text));
  if (findings.length || diagnostics.length) {
    const severity = worstSeverity([...findings.map((f) => f.severity), ...diagnostics.map((d) => d.severity)]);
    const withExpected = findings.find((f) => f.expected != null);
    const expected = withExpected ? withExpected.expected : null;
    const declared = findings.find((f) => f.declared != null);
    classes += ` disputed sev-${severity}${expected == null ? ' no-figure' : ''}${diagnostics.length ? ' parse-error' : ''}`;
    const titles = [...findings.map((f) => findingTitle(f, s)), ...diagnostics.map((d) => diagnosticTitle(d, s))];
    attributes +=
      ` data-severity="${severity}" data-codes="${esc([...findings, ...diagnostics].map((f) => f.code).join(' '))}"` +
      ` data-declared="${esc(declared ? declared.declared : '')}" data-expected="${esc(expected == null ? '' : expected)}"` +
      ` title="${esc(titles.join('\n\n'))}"`;
    const flag = diagnostics.length ? s.unreadable : s.severity[severity];
    inner =
      `<span class="declared">${inner}</span>` +
      (expected != null ? ` <span class="expected" title="${esc(s.recomputedTitle)}">→ ${esc(expected)}</span>` : ` <span class="flag">${esc(flag)}</span>`);
  }
  return `<td${classes ? ` class="${classes.trim()}"` : ''}${attributes}>${inner}</td>`;
}

function lineCell(line: number): string {
  return `<td class="line">${line}</td>`;
}

/** A table's header; the columns at `numeric` right-aligned, those at `lines` styled as line numbers. */
function headRow(labels: readonly string[], numeric: readonly number[], lines: readonly number[]): string {
  return (
    '<tr>' +
    labels
      .map((label, i) => {
        const cls = lines.includes(i) ? 'line' : numeric.includes(i) ? 'num' : '';
        return `<th${cls ? ` class="${cls}"` : ''} scope="col">${esc(label)}</th>`;
      })
      .join('') +
    '</tr>'
  );
}

function fundsTable(form: FormView, s: ReportStrings): string {
  const funds = form.funds;
  if (!funds) return `<p class="muted">${esc(s.fundsMissing)}</p>`;
  const rows = funds.rows
    .map(
      (row) =>
        `<tr class="funds-row" data-line="${row.line}"><td>${esc(row.label)}</td>` +
        cell(form, row.line, 'funds.initialBudget', row.initialBudget, 'num', s) +
        cell(form, row.line, 'funds.adjustedBudget', row.adjustedBudget, 'num', s) +
        cell(form, row.line, 'funds.executed', row.executed, 'num', s) +
        cell(form, row.line, 'funds.weight', row.weight, 'num', s) +
        cell(form, row.line, 'funds.rate', row.rate, 'num', s) +
        cell(form, row.line, 'funds.score', row.score, 'num', s) +
        `${lineCell(row.line)}</tr>`,
    )
    .join('');
  return `<div class="table-scroll"><table class="funds"><thead>${headRow(s.fundsColumns(funds.unit), [1, 2, 3, 4, 5, 6], [7])}</thead><tbody>${rows}</tbody></table></div>`;
}

function recomputedCell(declared: string | null, recomputed: string | null): string {
  const changed = declared !== null && recomputed !== null && parseFloat(declared) !== parseFloat(recomputed);
  return `<td class="num recomputed${changed ? ' changed' : ''}">${esc(shown(recomputed))}</td>`;
}

function treeTable(form: FormView, s: ReportStrings): string {
  let rows = '';
  for (const level1 of form.tree) {
    rows +=
      `<tr class="lvl1" data-line="${level1.line}"><td class="name" colspan="3">${esc(shown(level1.label))}</td>` +
      cell(form, level1.line, 'level1Points', level1.points, 'num', s) +
      `<td class="num">${esc(shown(level1.declared))}</td>${recomputedCell(level1.declared, level1.recomputed)}` +
      `<td class="muted">${level1.weight === null ? '' : esc(s.level1Sum(level1.weight))}</td>${lineCell(level1.line)}</tr>`;
    for (const group of level1.groups) {
      if (group.label) rows += `<tr class="lvl2"><td class="name" colspan="8">${esc(group.label)}</td></tr>`;
      for (const row of group.rows) {
        rows +=
          `<tr class="lvl3" data-line="${row.line}">` +
          cell(form, row.line, 'name', row.name, 'name', s) +
          cell(form, row.line, 'target', row.target, '', s) +
          cell(form, row.line, 'actual', row.actual, '', s) +
          cell(form, row.line, 'weight', row.weight, 'num', s) +
          cell(form, row.line, 'score', row.score, 'num', s) +
          recomputedCell(row.score, row.recomputed) +
          cell(form, row.line, 'deviation', row.deviation, 'deviation', s) +
          `${lineCell(row.line)}</tr>`;
      }
    }
  }
  if (form.total) {
    const total = form.total;
    rows +=
      `<tr class="total-row" data-line="${total.line}"><td colspan="3">${esc(s.totalRow)}</td>` +
      cell(form, total.line, 'total.weight', total.weight, 'num', s) +
      cell(form, total.line, 'total.score', total.score, 'num', s) +
      recomputedCell(form.declaredTotal, form.recomputedTotal) +
      `<td class="muted">${esc(s.totalGrade(gradeText(form.declaredGrade, s), gradeText(form.recomputedGrade, s)))}${form.ungradableReason ? esc(s.ungradableBecause(form.ungradableReason)) : ''} · ` +
      `<span class="total-difference">${esc(s.totalDifference(shown(form.difference)))}</span></td>${lineCell(total.line)}</tr>`;
  }
  if (!rows) return `<p class="muted">${esc(s.treeMissing)}</p>`;
  return `<div class="table-scroll"><table class="tree"><thead>${headRow(s.treeColumns, [3, 4, 5], [7])}</thead><tbody>${rows}</tbody></table></div>`;
}

function findingsTable(form: FormView, s: ReportStrings): string {
  if (!form.findings.length) return `<p class="muted">${esc(s.findingsNone)}</p>`;
  const unplaced = new Set(form.unplaced);
  const rows = form.findings
    .map((finding, index) => {
      // A finding without a recomputed figure (a missing reason, a duplicate) disputes no number.
      const figures = finding.expected != null ? `${esc(shown(finding.declared))} → ${esc(finding.expected)}` : '';
      const where = finding.field ? s.fields[finding.field] || finding.field : '';
      const [primary, secondary] = s.htmlLang === 'en' ? [finding.en, finding.zh] : [finding.zh, finding.en];
      return (
        `<tr class="finding sev-${finding.severity}" data-index="${index}" data-line="${finding.line}" data-field="${esc(finding.field || '')}"` +
        ` data-key="${esc(finding.key)}" data-declared="${esc(finding.declared ?? '')}" data-expected="${esc(finding.expected ?? '')}"` +
        `${unplaced.has(index) ? ' data-unplaced="true"' : ''}>` +
        `<td class="line">${finding.line || '—'}</td>` +
        `<td><span class="badge ${finding.severity}">${esc(s.severity[finding.severity])}</span></td>` +
        `<td class="code mono">${esc(finding.code)}</td>` +
        `<td>${esc(where)}</td>` +
        `<td class="num">${figures}</td>` +
        // A Chinese page is Chinese only; an English one adds the Chinese text the form itself is written in.
        `<td class="msg"><div class="primary">${esc(primary)}</div>${s.htmlLang === 'en' ? `<div class="secondary">${esc(secondary)}</div>` : ''}</td>` +
        ruleCell(finding, s) +
        `<td class="review js-only"></td>` +
        `</tr>`
      );
    })
    .join('');
  return `<div class="table-scroll"><table class="findings"><thead>${headRow(s.findingsColumns, [4], [0])}</thead><tbody>${rows}</tbody></table></div>`;
}

/** The rule a finding applies and where it is written, beside the finding, on screen and in print. */
function ruleCell(finding: FindingView, s: ReportStrings): string {
  if (!finding.ruleStatement) return '<td class="rule"></td>';
  const source = finding.ruleSource ? `<div class="rule-source">${esc(s.sourceLabel)}${esc(finding.ruleSource)}</div>` : '';
  return `<td class="rule"><div class="rule-statement">${esc(finding.ruleStatement)}</div>${source}</td>`;
}

export function diagnosticRows(diagnostics: ReadonlyArray<DiagnosticView & { file?: string | null }>, s: ReportStrings, withFile: boolean): string {
  return diagnostics
    .map(
      (d) =>
        `<tr class="diagnostic sev-${d.severity}" data-line="${d.line}" data-code="${esc(d.code)}">` +
        (withFile ? `<td class="mono">${esc(shown(d.file))}</td>` : '') +
        `<td class="line">${d.line || '—'}</td><td class="line">${d.cell !== undefined ? esc(d.cell) : d.column || '—'}</td>` +
        `<td><span class="badge ${d.severity}">${esc(s.severity[d.severity])}</span></td><td class="mono">${esc(d.code)}</td><td>${esc(inLang(d, s))}</td></tr>`,
    )
    .join('');
}

function diagnosticsBlock(form: FormView, s: ReportStrings): string {
  if (!form.diagnostics.length) return '';
  return (
    `<h4>${esc(s.diagnosticsHeading(form.diagnostics.length, form.parseErrors))}</h4>` +
    `<div class="table-scroll"><table class="diagnostics"><thead>${headRow(s.diagnosticsColumns, [], [0, 1])}</thead><tbody>${diagnosticRows(form.diagnostics, s, false)}</tbody></table></div>`
  );
}

/** An encoding as a reader knows it: GB18030 in capitals, never read as a project's code. */
function encodingName(encoding: string): string {
  return encoding ? encoding.toUpperCase() : '—';
}

/** One form in full. Its charts are drawn by the page's script into the empty figures. */
export function formSection(form: FormView, s: ReportStrings): string {
  const meta: Array<[string, string]> = [
    [s.meta.file, shown(form.file)],
    [s.meta.lines, `${form.startLine}–${form.endLine}`],
    [s.meta.encoding, encodingName(form.encoding)],
    [s.meta.department, shown(form.department)],
    [s.meta.implementer, shown(form.implementer)],
    [s.meta.amount, shown(form.amount)],
  ];
  return (
    `<section class="form-detail" id="form-${form.id}" data-form="${form.id}"${isClean(form) ? ' data-clean="true"' : ''}>` +
    `<h3>#${form.id + 1} ${esc(shown(form.name))}${duplicateBadge(form, s)}</h3><div class="meta">${meta.map(([k, v]) => `<span>${esc(k)} <b>${esc(v)}</b></span>`).join('')}</div>` +
    `<div class="charts js-only"><figure class="chart chart-level1"><figcaption>${esc(s.partsChart)}</figcaption><div class="chart-slot" data-chart="parts"></div></figure>` +
    `<figure class="chart chart-rate"><figcaption>${esc(s.rateChart)}</figcaption><div class="chart-slot" data-chart="rate"></div></figure></div>` +
    `<h4>${esc(s.fundsHeading)}</h4>${fundsTable(form, s)}` +
    `<h4>${esc(s.treeHeading)}</h4>${treeTable(form, s)}` +
    `<h4>${esc(s.findingsHeading(form.findings.length))}</h4>${findingsTable(form, s)}` +
    diagnosticsBlock(form, s) +
    `</section>`
  );
}

/** The forms in worst-first order, as the overview starts. */
export function worstFirstForms(model: ReportModel): FormView[] {
  return model.forms.slice().sort((a, b) => a.rank - b.rank);
}
