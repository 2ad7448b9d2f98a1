/** The report page's stylesheet: screen layout, severity colours, and the print layout. */

export const FONT_STACK =
  '-apple-system, "Segoe UI", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

export const REPORT_CSS = `
:root {
  --ink: #1f2937; --muted: #6b7280; --faint: #9ca3af; --line: #e5e7eb; --line-strong: #d1d5db;
  --paper: #ffffff; --canvas: #f3f4f6; --head: #f9fafb; --accent: #1d4ed8; --accent-soft: #eff6ff;
  --error: #b42318; --error-bg: #fef3f2; --error-line: #fda29b;
  --warning: #b54708; --warning-bg: #fffaeb; --warning-line: #fec84b;
  --info: #175cd3; --info-bg: #eff8ff; --info-line: #84caff;
  --declared: #64748b; --recomputed: #0e7490;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--canvas); color: var(--ink);
  font-family: ${FONT_STACK};
  font-size: 13px; line-height: 1.5;
}
.num, td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: var(--muted); }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 12px; }

header.page-head { background: #111827; color: #f9fafb; padding: 18px 28px 16px; }
header.page-head h1 { margin: 0; font-size: 20px; font-weight: 600; letter-spacing: .02em; }
header.page-head .sub { margin-top: 4px; color: #d1d5db; font-size: 12px; }
main { padding: 18px 28px 40px; max-width: 1480px; margin: 0 auto; }

.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; margin-bottom: 16px; }
.panel > h2 { margin: 0; padding: 10px 16px; font-size: 14px; font-weight: 600; border-bottom: 1px solid var(--line); }
.panel-body { padding: 12px 16px; }

.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 16px; }
.card { flex: 1 1 150px; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.card .k { color: var(--muted); font-size: 12px; }
.card .v { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card.error .v { color: var(--error); } .card.warning .v { color: var(--warning); } .card.accent .v { color: var(--accent); }

.overall { display: flex; gap: 16px; flex-wrap: wrap; align-items: flex-start; }
.overall > .panel { flex: 1 1 420px; min-width: 0; }
.ranked-chart { display: block; max-width: 760px; }
.ranked-chart a { cursor: pointer; }
.ranked-chart a:hover text, #codes-panel g.bar:hover text { text-decoration: underline; }
html.js #codes-panel g.bar { cursor: pointer; }
html:not(.js) .js-only { display: none !important; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.print-options { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; padding: 6px 16px; border-bottom: 1px solid var(--line); font-size: 12px; color: var(--muted); }
.print-options label { display: inline-flex; gap: 6px; align-items: center; }
a.form-link { color: inherit; text-decoration: none; }
html:not(.js) a.form-link { color: var(--accent); text-decoration: underline; }
section.forms > h2 { font-size: 15px; margin: 24px 0 8px; }
section.forms > .form-detail { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; margin-bottom: 16px; }
html.js section.forms { display: none; }
h1, .form-detail h3, .form-detail .meta { overflow-wrap: anywhere; }

.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--head); }
.controls label { color: var(--muted); font-size: 12px; display: inline-flex; gap: 6px; align-items: center; }
.controls input[type=search] { width: 260px; }
.controls input, .controls select, button {
  font: inherit; font-size: 12px; padding: 4px 8px; border: 1px solid var(--line-strong); border-radius: 4px; background: #fff; color: var(--ink);
}
button { cursor: pointer; }
button:hover { background: var(--head); border-color: var(--faint); }
button:disabled { color: var(--faint); cursor: default; background: #fff; }
.controls .spacer { flex: 1; }

table { border-collapse: collapse; width: 100%; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; }
thead th { background: var(--head); color: #374151; font-weight: 600; font-size: 12px; border-bottom: 1px solid var(--line-strong); white-space: nowrap; }

table.overview thead th { position: sticky; top: 0; z-index: 2; cursor: pointer; user-select: none; }
table.overview thead th:hover { background: #eef2f7; }
table.overview thead th .arrow { display: inline-block; width: 1em; color: var(--accent); }
table.overview tr.form-row { cursor: pointer; }
table.overview tr.form-row:hover td { background: #f8fafc; }
table.overview tr.form-row.open td { background: var(--accent-soft); border-bottom-color: transparent; }
table.overview tr.form-row td.c-id { color: var(--muted); white-space: nowrap; }
table.overview td.c-file { max-width: 280px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.overview td.c-name { font-weight: 500; }
.toggle { border: none; background: none; padding: 0 4px 0 0; color: var(--muted); font-size: 11px; }
tr.form-row.open .toggle { color: var(--accent); }
td.diff-up { color: var(--error); font-weight: 600; }
td.diff-down { color: var(--warning); font-weight: 600; }
td.diff-zero { color: var(--muted); }
.grade-change { color: var(--error); font-weight: 600; }
.c-grade .grade-reason { color: var(--muted); font-size: 11px; white-space: normal; }
.pill { display: inline-block; min-width: 22px; padding: 0 6px; border-radius: 10px; text-align: center; font-size: 12px; font-weight: 600; }
.pill.error { background: var(--error-bg); color: var(--error); border: 1px solid var(--error-line); }
.pill.warning { background: var(--warning-bg); color: var(--warning); border: 1px solid var(--warning-line); }
.pill.info { background: var(--info-bg); color: var(--info); border: 1px solid var(--info-line); }
.pill.zero { color: var(--faint); }
td.severity-stripe-error { box-shadow: inset 3px 0 0 var(--error); }
td.severity-stripe-warning { box-shadow: inset 3px 0 0 var(--warning-line); }
td.severity-stripe-info { box-shadow: inset 3px 0 0 var(--info-line); }

.pager { display: flex; gap: 8px; align-items: center; padding: 8px 16px; color: var(--muted); font-size: 12px; }
.pager .spacer { flex: 1; }
.empty { padding: 24px; text-align: center; color: var(--muted); }

tr.detail-row > td { background: #fbfcfe; padding: 0 0 0 0; border-bottom: 2px solid var(--line-strong); }
.form-detail { padding: 14px 18px 18px; }
.form-detail h3 { font-size: 15px; margin: 0 0 2px; }
.form-detail h4 { font-size: 13px; margin: 16px 0 6px; color: #374151; }
.form-detail .meta { color: var(--muted); font-size: 12px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.form-detail .meta b { color: var(--ink); font-weight: 500; }
.form-detail table { background: #fff; border: 1px solid var(--line); }
.form-detail table.diagnostics td, .notices td { font-size: 12px; }
.form-detail td.line, .form-detail th.line { color: var(--faint); text-align: right; width: 48px; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; margin-top: 10px; }
.charts figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; }
.charts figure { max-width: 100%; }
.charts svg { max-width: 100%; height: auto; }
.charts figcaption { font-size: 12px; color: var(--muted); margin-bottom: 4px; }

table.tree tr.lvl1 td { background: #f1f5f9; font-weight: 600; }
table.tree tr.lvl2 td { background: #f8fafc; color: #374151; }
table.tree tr.lvl2 td.name { padding-left: 22px; }
table.tree tr.lvl3 td.name { padding-left: 38px; }
table.tree tr.total-row td { background: #f1f5f9; font-weight: 600; border-top: 2px solid var(--line-strong); }
table.tree td.deviation { color: var(--muted); max-width: 320px; }
td.recomputed { color: var(--recomputed); }
td.recomputed.changed { font-weight: 600; }

td.disputed { position: relative; }
td.disputed .declared { text-decoration: line-through; text-decoration-thickness: 1px; }
td.disputed .expected { display: inline-block; margin-left: 2px; font-weight: 600; text-decoration: none; }
td.disputed.sev-error { background: var(--error-bg) !important; box-shadow: inset 0 0 0 1px var(--error-line); color: var(--error); }
td.disputed.sev-warning { background: var(--warning-bg) !important; box-shadow: inset 0 0 0 1px var(--warning-line); color: var(--warning); }
td.disputed.sev-info { background: var(--info-bg) !important; box-shadow: inset 0 0 0 1px var(--info-line); color: var(--info); }
td.disputed.no-figure .declared, td.disputed.sev-info .declared { text-decoration: none; }
td.disputed .flag { display: inline-block; margin-left: 0; font-size: 10px; font-weight: 700; padding: 0 4px; border-radius: 3px; color: #fff; vertical-align: 1px; text-decoration: none; }
td.disputed.sev-error .flag { background: var(--error); }
td.disputed.sev-warning .flag { background: #dc6803; }
td.disputed.sev-info .flag { background: var(--info); }
td.flash { animation: flash 1.2s ease-out 1; }
@keyframes flash { 0% { box-shadow: inset 0 0 0 3px var(--accent); } 100% { box-shadow: inset 0 0 0 1px transparent; } }

table.findings tr.finding { cursor: pointer; }
table.findings tr.finding:hover td { background: #f8fafc; }
table.findings td.msg .secondary { color: var(--muted); font-size: 12px; }
td.disputed.parse-error .declared { text-decoration: wavy underline; }
table.findings td.code { white-space: nowrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 11px; font-weight: 600; white-space: nowrap; }
.badge.error { background: var(--error-bg); color: var(--error); border: 1px solid var(--error-line); }
.badge.warning { background: var(--warning-bg); color: var(--warning); border: 1px solid var(--warning-line); }
.badge.info { background: var(--info-bg); color: var(--info); border: 1px solid var(--info-line); }
details.diagnostics { margin-top: 12px; color: var(--muted); }
details.diagnostics summary { cursor: pointer; }

table.findings td.rule { font-size: 12px; color: #374151; min-width: 180px; max-width: 360px; }
table.findings td.rule .rule-source { color: var(--muted); font-size: 11px; margin-top: 2px; }
table.findings td.review { white-space: nowrap; }
table.findings td.review button { padding: 2px 6px; margin-right: 4px; }
table.findings td.review button[aria-pressed=true] { background: var(--accent); color: #fff; border-color: var(--accent); }
table.findings td.review input { font: inherit; font-size: 12px; width: 140px; padding: 2px 4px; border: 1px solid var(--line-strong); border-radius: 3px; }
table.findings tr.review-confirmed td { background: #fff7ed; }
table.findings tr.review-confirmed td.line { box-shadow: inset 3px 0 0 var(--error); }
table.findings tr.review-excluded td:not(.review) { color: var(--faint); text-decoration: line-through; }
.badge.duplicate { background: #f4f3ff; color: #5925dc; border: 1px solid #bdb4fe; margin-left: 4px; font-weight: 600; }
.review-tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.review-tools .spacer { flex: 1; }
label.button { font-size: 12px; padding: 4px 8px; border: 1px solid var(--line-strong); border-radius: 4px; background: #fff; cursor: pointer; }
table.departments td, table.departments th { font-size: 12px; }

svg text { font-family: ${FONT_STACK}; }
.notices { border-left: 3px solid var(--warning-line); }

@media (max-width: 600px) {
  header.page-head { padding: 12px 14px; }
  main { padding: 10px 8px 24px; }
  .controls input[type=search] { width: 100%; }
  .controls label { flex: 1 1 100%; }
  .form-detail { padding: 10px 8px; }
  /* An opened form's charts within the screen, whatever the width of the tables beside them. */
  .charts { flex-direction: column; }
  .charts figure { box-sizing: border-box; max-width: calc(100vw - 40px); }
  .charts svg { width: 100%; height: auto; }
  .card { flex: 1 1 40%; }
  .overall > .panel { flex: 1 1 100%; }
  table.overview td.c-file, table.overview th[data-key=file], table.overview td.c-department, table.overview th[data-key=department],
  table.overview td.c-infos, table.overview th[data-key=infos], table.overview td.c-parseErrors, table.overview th[data-key=parseErrors] { display: none; }
  table.findings td.review input { width: 100px; }
}

@media print {
  @page { size: A4 landscape; margin: 12mm 10mm; }
  body { background: #fff; font-size: 9pt; }
  th, td { padding: 3px 5px; }
  thead th { font-size: 8.5pt; }
  .cards { flex-wrap: nowrap; gap: 6px; }
  .card { padding: 4px 8px; }
  .card .v { font-size: 14pt; }
  .overall { flex-wrap: nowrap; }
  table.overview td.c-file { white-space: normal; word-break: break-all; max-width: none; }
  .table-scroll { overflow: visible; }
  .charts { flex-wrap: nowrap; }
  .charts figure { break-inside: avoid; flex: 1 1 0; min-width: 0; }
  .charts svg { width: 100%; height: auto; }
  .form-detail h4 { break-after: avoid; }
  header.page-head { background: none; color: #000; padding: 0 0 8px; border-bottom: 2px solid #000; }
  header.page-head .sub { color: #333; }
  main { padding: 8px 0 0; max-width: none; }
  .controls, .pager, .print-options, button, .toggle, tr.detail-row, #review-panel { display: none !important; }
  .form-detail[data-filtered-out], tr.form-row[data-filtered-out] { display: none !important; }
  table.findings td.review input { border: none; width: auto; }
  table.findings td.review:has(input:placeholder-shown) input { display: none; }
  table.findings td.review[data-decision]::before { content: attr(data-decision); font-weight: 600; margin-right: 4px; }
  html.js section.forms, section.forms { display: block; }
  section.forms > .form-detail { border: none; border-radius: 0; }
  html:has(#print-findings-only:checked) .form-detail[data-clean],
  html:has(#print-findings-only:checked) tr.form-row[data-clean] { display: none !important; }
  .panel, .card, .charts figure, .form-detail table { border-color: #999; }
  .panel { break-inside: avoid; }
  table.overview thead th { position: static; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .form-detail { break-before: page; padding: 0; }
  td.disputed { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .badge, .pill, .swatch, td.disputed .flag, table.tree tr.lvl1 td, table.tree tr.total-row td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
