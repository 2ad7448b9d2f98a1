/**
 * The audit report: one self-contained HTML page (no network, no external
 * scripts, fonts or styles) showing every checked form, every finding on the
 * cell it disputes, and charts drawn by the page's own script.
 *
 *   const html = renderReport([check(parse(bytes, { file }))], { title: '2023 年度自评复核' });
 */
import type { Document } from '../schema.js';
import { reportClient } from './client.js';
import { reportModel, type ReportModel } from './model.js';
import { REPORT_CSS } from './style.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON that can sit inside a <script> element: `<`, `>` and `&` are written as
 * \u escapes (so no `</script>` or `<!--` can appear), and so are U+2028/2029.
 * JSON.parse gives back the same value.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** The page's script: the client function's own source, called once. */
function clientScript(): string {
  return `(${reportClient.toString()})();`;
}

function formCount(model: ReportModel): string {
  const files = new Set(model.forms.map((form) => form.file ?? '')).size;
  return `共 ${model.forms.length} 张表，来自 ${files} 个文件`;
}

function documentNotices(model: ReportModel): string {
  if (model.diagnostics.length === 0) return '';
  const rows = model.diagnostics
    .map(
      (d) =>
        `<tr><td class="mono">${escapeHtml(d.file ?? '—')}</td><td class="line">${d.line || '—'}</td>` +
        `<td><span class="badge ${d.severity}">${escapeHtml(d.severity)}</span></td><td class="mono">${escapeHtml(d.code)}</td><td>${escapeHtml(d.message)}</td></tr>`,
    )
    .join('');
  return `<section class="panel notices"><h2>文件提示（${model.diagnostics.length}）</h2><table><tbody>${rows}</tbody></table></section>`;
}

/** The whole page for the given checked documents. Pure: no I/O, same input → same string. */
export function renderReport(documents: Document[], options: { title?: string } = {}): string {
  const model = reportModel(documents, options);
  const title = escapeHtml(model.title);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao">
<title>${title}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="page-head">
  <h1>${title}</h1>
  <div class="sub">${escapeHtml(formCount(model))} · 申报数为表中所填，复核数为按评分规则重算 · 差额 = 复核 − 申报</div>
</header>
<main>
  <div class="cards" id="cards"></div>
  <section class="panel">
    <h2>总分差额分布（全部表）</h2>
    <div class="panel-body overall">
      <div class="chart-box" id="difference-chart"></div>
      <div class="legend-box">
        <p>横轴为每张表的差额（复核总分 − 申报总分），纵轴为表数。</p>
        <p><span class="swatch" style="background:#94a3b8"></span>完全一致（差额为 0）<br>
        <span class="swatch" style="background:#f79009"></span>差额不为 0，但落在 0 所在的组<br>
        <span class="swatch" style="background:#d92d20"></span>有差额</p>
        <p>把鼠标停在柱上可看到该组的范围与表数。</p>
      </div>
    </div>
  </section>
  ${documentNotices(model)}
  <section class="panel" id="overview-panel">
    <h2>逐表总览</h2>
    <div class="controls">
      <label>严重程度
        <select id="severity-filter">
          <option value="all">全部</option>
          <option value="error">含错误</option>
          <option value="warning">含警告或错误</option>
          <option value="any">含任何发现</option>
          <option value="clean">无发现</option>
        </select>
      </label>
      <label>查找 <input id="text-filter" type="search" placeholder="文件、项目名称、单位、规则或说明" autocomplete="off"></label>
      <button type="button" data-action="reset-sort">最严重优先</button>
      <span id="sort-note" class="muted"></span>
      <span class="spacer"></span>
      <button type="button" data-action="expand-page">展开本页</button>
      <button type="button" data-action="collapse-all">全部收起</button>
      <button type="button" data-action="print">打印 / 导出 PDF</button>
    </div>
    <table class="overview" id="overview"><thead></thead><tbody></tbody></table>
    <div class="pager">
      <span id="pager-status"></span>
      <span class="spacer"></span>
      <button type="button" id="pager-first" data-action="first">« 首页</button>
      <button type="button" id="pager-prev" data-action="prev">‹ 上一页</button>
      <span id="pager-page"></span>
      <button type="button" id="pager-next" data-action="next">下一页 ›</button>
      <button type="button" id="pager-last" data-action="last">末页 »</button>
    </div>
  </section>
  <div id="print-area"></div>
  <noscript><p>此报告需要启用 JavaScript 才能显示表格与图表。</p></noscript>
</main>
<script type="application/json" id="report-data">${scriptSafeJson(model)}</script>
<script>${clientScript()}</script>
</body>
</html>
`;
}
