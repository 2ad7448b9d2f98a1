/**
 * The audit report: one self-contained HTML page (no network, no external
 * scripts, fonts or styles). The server writes every table into the page:
 * the overview of every form (worst first) and each form's funds block,
 * indicator tree, findings and diagnostics, so that an auditor sees every form
 * and every finding with scripts off. The page's own script, in its head and
 * allowed by its hash in the Content-Security-Policy, hides the forms'
 * sections before they are read and, once the page is read, adds sorting,
 * filtering, paging, inline expansion, each form's charts and the review.
 *
 *   const html = renderReport([check(parse(bytes, { file }))], { title: '2023 年度自评复核', lang: 'zh' });
 */
import type { Document } from '../contract/schema.js';
import { codeCountsChart, differencesChart } from './charts.js';
import { reportClientScript } from './client-script.js';
import { escapeHtml } from './escape.js';
import { APART, HOLD_CLOSE, HOLD_OPEN } from './held.js';
import { diagnosticRows, formSection, overviewHead, overviewRow, worstFirstForms } from './html.js';
import { clientData, departmentTotals, reportModel, type FormView, type ReportModel, type ReportOptions } from './model.js';
import { reportStrings, type ReportStrings } from './strings.js';
import { REPORT_CSS } from './style.js';

export { escapeHtml };

/**
 * JSON that can sit inside a <script> element: `<`, `>` and `&` are written as
 * \u escapes (so no `</script>` or `<!--` can appear), and so are U+2028/2029.
 * JSON.parse gives back the same value.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** No network at all; the page's one script by its hash; its inline styles; images only as data: URLs. */
export function contentSecurityPolicy(scriptSha256: string): string {
  return `default-src 'none'; script-src 'sha256-${scriptSha256}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

function cards(model: ReportModel, s: ReportStrings): string {
  const count = (test: (form: ReportModel['forms'][number]) => boolean): number => model.forms.filter(test).length;
  const entries: Array<[string, number, string, string]> = [
    [s.cards.forms, model.forms.length, 'accent', 'forms'],
    [s.cards.withErrors, count((form) => form.errors + form.parseErrors > 0), 'error', 'with-errors'],
    [s.cards.withParseErrors, count((form) => form.parseErrors > 0), 'error', 'with-parse-errors'],
    [s.cards.withWarnings, count((form) => form.warnings > 0), 'warning', 'with-warnings'],
    [s.cards.withDifference, count((form) => form.difference !== null && !/^-?0(\.0*)?$/.test(form.difference)), 'error', 'with-difference'],
    [s.cards.gradeChanges, count((form) => form.gradeChanged), 'error', 'grade-changes'],
    [s.cards.ungradable, count((form) => !form.gradable.declared || !form.gradable.recomputed), 'warning', 'ungradable'],
    [s.cards.duplicates, count((form) => form.duplicates.length > 0), 'warning', 'duplicates'],
  ];
  return entries
    .map(([label, value, kind, id]) => `<div class="card ${value ? kind : ''}" data-card="${id}"><div class="k">${escapeHtml(label)}</div><div class="v">${value}</div></div>`)
    .join('');
}

function documentNotices(model: ReportModel, s: ReportStrings): string {
  if (model.diagnostics.length === 0) return '';
  return (
    `<section class="panel notices"><h2>${escapeHtml(s.fileNotices(model.diagnostics.length))}</h2>` +
    `<div class="table-scroll"><table><tbody>${diagnosticRows(model.diagnostics, s, true)}</tbody></table></div></section>`
  );
}

/** The forms by 主管部门, with their findings by severity and the sum of their differences: an engagement's subtotals. */
function departmentsPanel(model: ReportModel, s: ReportStrings): string {
  const rows = departmentTotals(model.forms)
    .map(
      (d) =>
        `<tr data-department="${escapeHtml(d.department ?? '')}"><td>${escapeHtml(d.department ?? s.noDepartment)}</td><td class="num">${d.forms}</td>` +
        `<td class="num">${d.errors}</td><td class="num">${d.warnings}</td><td class="num">${d.infos}</td><td class="num">${escapeHtml(d.difference)}</td></tr>`,
    )
    .join('');
  const head = s.departmentsColumns.map((label, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${escapeHtml(label)}</th>`).join('');
  return `<section class="panel" id="departments-panel"><h2>${escapeHtml(s.departmentsHeading)}</h2><div class="table-scroll"><table class="departments"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

/** The review tools: counts of decisions, and the exports of the decisions and of the 疑点清单. */
function reviewPanel(s: ReportStrings): string {
  const r = s.review;
  return `<section class="panel js-only" id="review-panel"><h2>${escapeHtml(r.heading)}</h2><div class="panel-body review-tools">
      <span class="muted">${escapeHtml(r.hint)}</span>
      <b id="review-counts">${escapeHtml(r.counts(0, 0))}</b>
      <span class="spacer"></span>
      <button type="button" data-action="review-save">${escapeHtml(r.exportJson)}</button>
      <label class="button">${escapeHtml(r.importJson)}<input type="file" id="review-load" accept=".json,application/json" hidden></label>
      <button type="button" data-action="review-list-html">${escapeHtml(r.listHtml)}</button>
      <button type="button" data-action="review-list-xlsx">${escapeHtml(r.listXlsx)}</button>
      <span id="review-status" class="muted" role="status"></span>
    </div></section>`;
}

function controls(s: ReportStrings): string {
  const options = (Object.keys(s.filterOptions) as Array<keyof ReportStrings['filterOptions']>)
    .map((value) => `<option value="${value}">${escapeHtml(s.filterOptions[value])}</option>`)
    .join('');
  return `<div class="controls js-only">
      <label>${escapeHtml(s.filterSeverity)} <select id="severity-filter">${options}</select></label>
      <label>${escapeHtml(s.filterText)} <input id="text-filter" type="search" placeholder="${escapeHtml(s.filterPlaceholder)}" autocomplete="off"></label>
      <button type="button" data-action="reset-sort">${escapeHtml(s.resetSort)}</button>
      <span id="sort-note" class="muted"></span>
      <span class="spacer"></span>
      <button type="button" data-action="expand-page">${escapeHtml(s.expandPage)}</button>
      <button type="button" data-action="collapse-all">${escapeHtml(s.collapseAll)}</button>
    </div>
    <div class="print-options">
      <label><input type="checkbox" id="print-findings-only"> ${escapeHtml(s.printFindingsOnly)}</label>
      <button type="button" class="js-only" data-action="print">${escapeHtml(s.print)}</button>
    </div>`;
}

function pager(s: ReportStrings): string {
  return `<div class="pager js-only">
      <span id="pager-status"></span>
      <span class="spacer"></span>
      <button type="button" id="pager-first" data-action="first">${escapeHtml(s.pagerFirst)}</button>
      <button type="button" id="pager-prev" data-action="prev">${escapeHtml(s.pagerPrev)}</button>
      <span id="pager-page"></span>
      <button type="button" id="pager-next" data-action="next">${escapeHtml(s.pagerNext)}</button>
      <button type="button" id="pager-last" data-action="last">${escapeHtml(s.pagerLast)}</button>
    </div>`;
}

/** The whole page for the given checked documents. Pure: no I/O, same input → same string. */
export function renderReport(documents: Document[], options: ReportOptions = {}): string {
  let page = '';
  for (const piece of reportPieces(documents, options)) page += piece;
  return page;
}

/**
 * The page in pieces, in order (its head, each overview row, each form's
 * section, its data, its end): written one after another, the page need
 * never exist as one string.
 */
export function* reportPieces(documents: readonly Document[], options: ReportOptions = {}): Generator<string> {
  yield* modelPieces(reportModel(documents, options), undefined, options.holdForms ? 'held' : 'inline');
}

/**
 * The page and its forms' sections apart, from one model: `page` holds an
 * empty template (APART) where the sections go, `sections()` makes them,
 * each with its form's id, in the page's order. The offline page shows the
 * page at once and hands the report its sections once they are made; their
 * texts joined, in the template, give the page
 * `renderReport(documents, { ...options, holdForms: true })`.
 */
export function renderReportApart(documents: readonly Document[], options: ReportOptions = {}): { page: string; sections: () => FormSectionText[] } {
  const model = reportModel(documents, options);
  let page = '';
  for (const piece of modelPieces(model, undefined, 'apart')) page += piece;
  return { page, sections: () => sectionPieces(model) };
}

/** A form's section as the page writes it (after the first, on a line of its own). */
export interface FormSectionText {
  id: number;
  html: string;
}

/** Each form's section, worst first, as the page writes them one after another. */
function sectionPieces(model: ReportModel): FormSectionText[] {
  const s = reportStrings(model.lang);
  return worstFirstForms(model).map((form, i) => ({ id: form.id, html: (i === 0 ? '' : '\n') + formSection(form, s) }));
}

/**
 * The forms' sections in the page (`inline`), in a template there (`held`),
 * or left for later in an empty template (`apart`); `shell`: as `apart`, and
 * without the overview's rows and the forms' data too (the offline page's
 * report, whose script is handed them after, src/report/apart.ts).
 */
type SectionsMode = 'inline' | 'held' | 'apart' | 'shell';

/** What a form's section and its data are written as (text, or a piece made earlier such as a Blob). */
export interface FormPieces<P> {
  section(form: FormView, first: boolean): P;
  data(form: FormView, first: boolean): P;
}

/**
 * The page of a model in pieces. `whole` gives a form's whole view when its
 * section and its data are written, one form at a time: the model's views
 * may hold only what the overview and the counts need (a batch too large to
 * hold, src/report/spooled.ts).
 */
export function* modelPieces<P = string>(
  model: ReportModel,
  whole: (form: FormView) => FormView = (form) => form,
  mode: SectionsMode = 'inline',
  made?: FormPieces<P>,
): Generator<string | P> {
  const s = reportStrings(model.lang);
  const written: FormPieces<string | P> = made ?? {
    section: (form, first) => (first ? '' : '\n') + formSection(whole(form), s),
    data: (form, first) => (first ? '' : ',') + scriptSafeJson(clientData({ ...model, forms: [whole(form)] }).forms[0]),
  };
  const title = escapeHtml(model.title);
  const files = new Set(model.forms.map((form) => form.file ?? '')).size;
  const ordered = worstFirstForms(model);
  const client = reportClientScript();
  yield `<!DOCTYPE html>
<html lang="${s.htmlLang}" data-lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(client.sha256)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao">
<title>${title}</title>
<style>${REPORT_CSS}</style>
<script>${client.script}</script>
</head>
<body>
<header class="page-head">
  <h1>${title}</h1>
  <div class="sub">${escapeHtml(s.formCount(model.forms.length, files))} · ${escapeHtml(s.subtitle)}</div>
</header>
<main>
  <div class="cards" id="cards">${cards(model, s)}</div>
  <div class="overall">
    <section class="panel" id="differences-panel"><h2>${escapeHtml(s.topDifferencesHeading)}</h2><div class="panel-body">${differencesChart(model.topDifferences, model.withoutDifference, s)}</div></section>
    <section class="panel" id="codes-panel"><h2>${escapeHtml(s.codeCountsHeading)}</h2><div class="panel-body">${codeCountsChart(model.codeCounts, s)}</div></section>
  </div>
  ${documentNotices(model, s)}
  ${departmentsPanel(model, s)}
  ${reviewPanel(s)}
  <section class="panel" id="overview-panel">
    <h2>${escapeHtml(s.overviewHeading)}</h2>
    ${controls(s)}
    <div class="table-scroll overview-scroll"><table class="overview" id="overview"><thead>${overviewHead(s)}</thead><tbody>`;
  if (mode !== 'shell') for (const form of ordered) yield overviewRow(form, s);
  yield `</tbody></table></div>
    ${pager(s)}
  </section>
  <section id="forms" class="forms">
    <h2>${escapeHtml(s.formsHeading)}</h2>
    ${mode === 'held' ? HOLD_OPEN : mode === 'apart' || mode === 'shell' ? APART : ''}`;
  if (mode === 'inline' || mode === 'held') for (const [i, form] of ordered.entries()) yield written.section(form, i === 0);
  yield `${mode === 'held' ? HOLD_CLOSE : ''}
  </section>
</main>
<script type="application/json" id="report-data">`;
  // clientData(model) as JSON, a form at a time: the same text as JSON.stringify of the whole.
  const empty = scriptSafeJson(clientData({ ...model, forms: [] }));
  const at = empty.indexOf('"forms":[]') + '"forms":['.length;
  yield empty.slice(0, at);
  if (mode !== 'shell') for (const [i, form] of model.forms.entries()) yield written.data(form, i === 0);
  yield `${empty.slice(at)}</script>
</body>
</html>
`;
}
