/**
 * The report page's own script. It runs in the browser: render.ts embeds the
 * source text of `reportClient` in the page, so the function must stay
 * self-contained (no imports at run time, nothing referenced from outside its
 * body). It only lays out figures the model already holds; numbers are parsed
 * here for sorting and for chart geometry, never to compute a figure shown.
 */
import type { ChartPart, FindingView, FormView, ReportModel } from './model.js';

export function reportClient(): void {
  type Severity = 'error' | 'warning' | 'info';
  type SortKey = 'worst' | 'id' | 'file' | 'name' | 'declaredTotal' | 'recomputedTotal' | 'difference' | 'grade' | 'errors' | 'warnings' | 'infos';
  interface Column {
    key: SortKey;
    label: string;
    numeric: boolean;
    /** A number to sort by (null sorts last in both directions), or else a text order. */
    value?: (form: FormView) => number | null;
    compare?: (a: FormView, b: FormView) => number;
  }

  const PAGE_SIZE = 50;
  const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
  const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
  const GRADE_RANK: Record<string, number> = { 优: 4, 良: 3, 中: 2, 差: 1 };
  const FIELD_LABEL: Record<string, string> = {
    'funds.initialBudget': '年初预算数',
    'funds.adjustedBudget': '全年预算数',
    'funds.executed': '全年执行数',
    'funds.weight': '预算执行分值',
    'funds.rate': '执行率',
    'funds.score': '预算执行得分',
    'total.weight': '总分·分值',
    'total.score': '总分·得分',
    level1Points: '一级指标分值',
    name: '三级指标',
    target: '年度指标值',
    actual: '实际完成值',
    weight: '分值',
    score: '得分',
    deviation: '偏差原因',
    funds: '项目资金',
    indicators: '绩效指标',
    total: '总分',
  };

  const dataNode = document.getElementById('report-data');
  const model = JSON.parse((dataNode && dataNode.textContent) || '{"title":"","forms":[],"diagnostics":[]}') as ReportModel;
  const forms = model.forms;
  const collator = typeof Intl !== 'undefined' ? new Intl.Collator('zh-Hans-CN') : null;

  const state = { sort: 'worst' as SortKey, dir: -1, severity: 'all', text: '', page: 0 };
  const expanded: Record<number, boolean> = {};
  const detailCache: Record<number, string> = {};
  const haystacks: Record<number, string> = {};
  let visible: FormView[] = [];

  // ---------------------------------------------------------------------------
  // Small helpers

  function esc(value: unknown): string {
    return String(value).replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
  }
  function shown(value: string | null | undefined): string {
    return value == null || value === '' ? '—' : value;
  }
  function toNumber(value: string | null | undefined): number | null {
    if (value == null || value === '') return null;
    const parsed = parseFloat(String(value).replace(/[,%％]/g, ''));
    return isFinite(parsed) ? parsed : null;
  }
  function compareText(a: string | null, b: string | null): number {
    return collator ? collator.compare(a || '', b || '') : (a || '') < (b || '') ? -1 : (a || '') > (b || '') ? 1 : 0;
  }
  function worstSeverity(findings: FindingView[]): Severity {
    let worst: Severity = 'info';
    for (const finding of findings) if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[worst]) worst = finding.severity;
    return worst;
  }
  function formSeverity(form: FormView): Severity | null {
    return form.errors > 0 ? 'error' : form.warnings > 0 ? 'warning' : form.infos > 0 ? 'info' : null;
  }
  function fileLabel(form: FormView): string {
    return (form.file || '（无文件名）') + ':' + form.startLine;
  }
  function abs(value: number | null): number {
    return value === null ? -1 : Math.abs(value);
  }

  // ---------------------------------------------------------------------------
  // Overview table

  const COLUMNS: Column[] = [
    { key: 'id', label: '#', numeric: true, value: (f) => f.id },
    { key: 'file', label: '文件 : 起始行', numeric: false, compare: (a, b) => compareText(a.file, b.file) || a.startLine - b.startLine },
    { key: 'name', label: '项目名称', numeric: false, compare: (a, b) => compareText(a.name, b.name) },
    { key: 'declaredTotal', label: '申报总分', numeric: true, value: (f) => toNumber(f.declaredTotal) },
    { key: 'recomputedTotal', label: '复核总分', numeric: true, value: (f) => toNumber(f.recomputedTotal) },
    { key: 'difference', label: '差额（复核 − 申报）', numeric: true, value: (f) => toNumber(f.difference) },
    {
      key: 'grade',
      label: '等级 申报 → 复核',
      numeric: false,
      value: (f) => (f.declaredGrade ? GRADE_RANK[f.declaredGrade] * 10 + (f.recomputedGrade ? GRADE_RANK[f.recomputedGrade] : 0) : null),
    },
    { key: 'errors', label: '错误', numeric: true, value: (f) => f.errors },
    { key: 'warnings', label: '警告', numeric: true, value: (f) => f.warnings },
    { key: 'infos', label: '提示', numeric: true, value: (f) => f.infos },
  ];

  /** Worst first: most errors, then the largest |difference|, then most warnings. */
  function worstFirst(a: FormView, b: FormView): number {
    return (
      b.errors - a.errors ||
      abs(toNumber(b.difference)) - abs(toNumber(a.difference)) ||
      b.warnings - a.warnings ||
      b.infos - a.infos ||
      a.id - b.id
    );
  }

  function sorted(list: FormView[]): FormView[] {
    const copy = list.slice();
    if (state.sort === 'worst') return copy.sort(worstFirst);
    const column = COLUMNS.filter((c) => c.key === state.sort)[0];
    return copy.sort((a, b) => {
      if (column.value) {
        const x = column.value(a);
        const y = column.value(b);
        if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
        return (x - y) * state.dir || a.id - b.id;
      }
      return (column.compare ? column.compare(a, b) : 0) * state.dir || a.id - b.id;
    });
  }

  function haystack(form: FormView): string {
    if (haystacks[form.id] === undefined) {
      const parts = [form.file, form.name, form.department, form.implementer, String(form.id + 1)];
      for (const finding of form.findings) parts.push(finding.code, finding.zh, finding.en);
      haystacks[form.id] = parts.filter((p) => p != null).join('\n').toLowerCase();
    }
    return haystacks[form.id];
  }

  function matchesSeverity(form: FormView): boolean {
    switch (state.severity) {
      case 'error':
        return form.errors > 0;
      case 'warning':
        return form.errors + form.warnings > 0;
      case 'any':
        return form.errors + form.warnings + form.infos > 0;
      case 'clean':
        return form.errors + form.warnings + form.infos === 0;
      default:
        return true;
    }
  }

  function filtered(): FormView[] {
    const words = state.text.toLowerCase().split(/\s+/).filter((w) => w !== '');
    return forms.filter((form) => matchesSeverity(form) && words.every((word) => haystack(form).indexOf(word) >= 0));
  }

  function countPill(count: number, severity: Severity): string {
    return `<span class="pill ${count > 0 ? severity : 'zero'}">${count}</span>`;
  }

  function differenceClass(difference: string | null): string {
    const value = toNumber(difference);
    return value === null ? '' : value > 0 ? 'diff-up' : value < 0 ? 'diff-down' : 'diff-zero';
  }

  function gradeCell(form: FormView): string {
    const changed = form.declaredGrade !== form.recomputedGrade;
    return `<td class="c-grade${changed ? ' grade-change' : ''}">${esc(shown(form.declaredGrade))} → ${esc(shown(form.recomputedGrade))}</td>`;
  }

  function overviewRow(form: FormView): string {
    const severity = formSeverity(form);
    const open = !!expanded[form.id];
    return (
      `<tr class="form-row${open ? ' open' : ''}" data-form="${form.id}" tabindex="0" aria-expanded="${open}">` +
      `<td class="c-id${severity ? ' severity-stripe-' + severity : ''}"><button class="toggle" type="button" aria-label="展开">${open ? '▾' : '▸'}</button>${form.id + 1}</td>` +
      `<td class="c-file mono" title="${esc(form.file || '')}">${esc(fileLabel(form))}</td>` +
      `<td class="c-name">${esc(shown(form.name))}</td>` +
      `<td class="c-declaredTotal num">${esc(shown(form.declaredTotal))}</td>` +
      `<td class="c-recomputedTotal num">${esc(shown(form.recomputedTotal))}</td>` +
      `<td class="c-difference num ${differenceClass(form.difference)}">${esc(shown(form.difference))}</td>` +
      gradeCell(form) +
      `<td class="c-errors num">${countPill(form.errors, 'error')}</td>` +
      `<td class="c-warnings num">${countPill(form.warnings, 'warning')}</td>` +
      `<td class="c-infos num">${countPill(form.infos, 'info')}</td>` +
      `</tr>` +
      (open ? `<tr class="detail-row" data-detail="${form.id}"><td colspan="${COLUMNS.length}">${detail(form)}</td></tr>` : '')
    );
  }

  function headerRow(): string {
    return (
      '<tr>' +
      COLUMNS.map((column) => {
        const active = state.sort === column.key;
        const sort = active ? (state.dir > 0 ? 'ascending' : 'descending') : 'none';
        const arrow = active ? (state.dir > 0 ? '▲' : '▼') : '';
        return `<th class="${column.numeric ? 'num' : ''}" data-key="${column.key}" aria-sort="${sort}" title="点击排序">${esc(column.label)}<span class="arrow">${arrow}</span></th>`;
      }).join('') +
      '</tr>'
    );
  }

  function renderTable(): void {
    visible = sorted(filtered());
    const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
    if (state.page >= pages) state.page = pages - 1;
    if (state.page < 0) state.page = 0;
    const start = state.page * PAGE_SIZE;
    const rows = visible.slice(start, start + PAGE_SIZE);
    const head = document.querySelector('#overview thead');
    const body = document.querySelector('#overview tbody');
    if (head) head.innerHTML = headerRow();
    if (body) {
      body.innerHTML = rows.length
        ? rows.map(overviewRow).join('')
        : `<tr><td class="empty" colspan="${COLUMNS.length}">没有符合条件的表</td></tr>`;
    }
    const status = document.getElementById('pager-status');
    if (status) {
      status.textContent = visible.length
        ? `第 ${start + 1}–${start + rows.length} 行，共 ${visible.length} 张表（全部 ${forms.length} 张）`
        : `共 0 张表（全部 ${forms.length} 张）`;
    }
    const pageLabel = document.getElementById('pager-page');
    if (pageLabel) pageLabel.textContent = `第 ${state.page + 1} / ${pages} 页`;
    setDisabled('pager-first', state.page === 0);
    setDisabled('pager-prev', state.page === 0);
    setDisabled('pager-next', state.page >= pages - 1);
    setDisabled('pager-last', state.page >= pages - 1);
    const sortNote = document.getElementById('sort-note');
    if (sortNote) sortNote.textContent = state.sort === 'worst' ? '排序：最严重优先（错误数、|差额|、警告数）' : '';
  }

  function setDisabled(id: string, disabled: boolean): void {
    const button = document.getElementById(id) as HTMLButtonElement | null;
    if (button) button.disabled = disabled;
  }

  // ---------------------------------------------------------------------------
  // One form in detail

  function cellFindings(form: FormView, line: number, field: string): FindingView[] {
    const indices = form.marks[line + '|' + field] || [];
    return indices.map((index) => form.findings[index]);
  }

  function findingTitle(finding: FindingView): string {
    return `[${SEVERITY_LABEL[finding.severity]}] ${finding.code}\n${finding.zh}\n${finding.en}`;
  }

  /** A cell of the form; disputed when a finding names its line and field, with the recomputed figure beside the declared one. */
  function cell(form: FormView, line: number, field: string, text: string | null, className: string): string {
    const findings = cellFindings(form, line, field);
    let classes = className;
    let attributes = ` data-line="${line}" data-field="${esc(field)}"`;
    let inner = esc(shown(text));
    if (findings.length) {
      const severity = worstSeverity(findings);
      const withExpected = findings.filter((f) => f.expected != null)[0];
      const expected = withExpected ? withExpected.expected : null;
      const declared = findings.filter((f) => f.declared != null)[0];
      classes += ` disputed sev-${severity}${expected == null ? ' no-figure' : ''}`;
      attributes +=
        ` data-severity="${severity}" data-codes="${esc(findings.map((f) => f.code).join(' '))}"` +
        ` data-declared="${esc(declared ? declared.declared : '')}" data-expected="${esc(expected == null ? '' : expected)}"` +
        ` title="${esc(findings.map(findingTitle).join('\n\n'))}"`;
      inner =
        `<span class="declared">${inner}</span>` +
        (expected != null ? ` <span class="expected" title="复核值">→ ${esc(expected)}</span>` : ` <span class="flag">${esc(SEVERITY_LABEL[severity])}</span>`);
    }
    return `<td class="${classes}"${attributes}>${inner}</td>`;
  }

  function fundsTable(form: FormView): string {
    const funds = form.funds;
    if (!funds) return '<p class="muted">表中没有项目资金部分。</p>';
    const head =
      `<tr><th>项目资金（${esc(funds.unit)}）</th><th class="num">年初预算数</th><th class="num">全年预算数</th><th class="num">全年执行数</th>` +
      `<th class="num">分值</th><th class="num">执行率</th><th class="num">得分</th><th class="line">行</th></tr>`;
    const rows = funds.rows
      .map(
        (row) =>
          `<tr class="funds-row" data-line="${row.line}"><td>${esc(row.label)}</td>` +
          cell(form, row.line, 'funds.initialBudget', row.initialBudget, 'num') +
          cell(form, row.line, 'funds.adjustedBudget', row.adjustedBudget, 'num') +
          cell(form, row.line, 'funds.executed', row.executed, 'num') +
          cell(form, row.line, 'funds.weight', row.weight, 'num') +
          cell(form, row.line, 'funds.rate', row.rate, 'num') +
          cell(form, row.line, 'funds.score', row.score, 'num') +
          `${lineCell(form, row.line)}</tr>`,
      )
      .join('');
    return `<table class="funds"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
  }

  /** A row's source line, with its file on hover. */
  function lineCell(form: FormView, line: number): string {
    return `<td class="line" title="${esc((form.file || '') + ':' + line)}">${line}</td>`;
  }

  function recomputedCell(declared: string | null, recomputed: string | null): string {
    const a = toNumber(declared);
    const b = toNumber(recomputed);
    const changed = a !== null && b !== null && a !== b;
    return `<td class="num recomputed${changed ? ' changed' : ''}">${esc(shown(recomputed))}</td>`;
  }

  function treeTable(form: FormView): string {
    const head =
      '<tr><th>指标（一级 → 二级 → 三级）</th><th>年度指标值</th><th>实际完成值</th><th class="num">分值</th><th class="num">得分</th>' +
      '<th class="num">复核得分</th><th>偏差原因分析及改进措施</th><th class="line">行</th></tr>';
    let rows = '';
    for (const level1 of form.tree) {
      rows +=
        `<tr class="lvl1" data-line="${level1.line}"><td class="name" colspan="3">${esc(shown(level1.label))}</td>` +
        cell(form, level1.line, 'level1Points', level1.points, 'num') +
        `<td class="num">${esc(level1.declared)}</td>${recomputedCell(level1.declared, level1.recomputed)}` +
        `<td class="muted">各指标分值合计 ${esc(level1.weight)}</td>${lineCell(form, level1.line)}</tr>`;
      for (const group of level1.groups) {
        if (group.label) rows += `<tr class="lvl2"><td class="name" colspan="8">${esc(group.label)}</td></tr>`;
        for (const row of group.rows) {
          rows +=
            `<tr class="lvl3" data-line="${row.line}">` +
            cell(form, row.line, 'name', row.name, 'name') +
            cell(form, row.line, 'target', row.target, '') +
            cell(form, row.line, 'actual', row.actual, '') +
            cell(form, row.line, 'weight', row.weight, 'num') +
            cell(form, row.line, 'score', row.score, 'num') +
            recomputedCell(row.score, row.recomputed) +
            cell(form, row.line, 'deviation', row.deviation, 'deviation') +
            `${lineCell(form, row.line)}</tr>`;
        }
      }
    }
    if (form.total) {
      const total = form.total;
      rows +=
        `<tr class="total-row" data-line="${total.line}"><td colspan="3">总分</td>` +
        cell(form, total.line, 'total.weight', total.weight, 'num') +
        cell(form, total.line, 'total.score', total.score, 'num') +
        recomputedCell(form.declaredTotal, form.recomputedTotal) +
        `<td class="muted">等级 ${esc(shown(form.declaredGrade))} → ${esc(shown(form.recomputedGrade))}</td>${lineCell(form, total.line)}</tr>`;
    }
    if (!rows) return '<p class="muted">表中没有绩效指标。</p>';
    return `<table class="tree"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
  }

  function findingsTable(form: FormView): string {
    if (!form.findings.length) return '<p class="muted">复核未发现问题。</p>';
    const unplaced: Record<number, boolean> = {};
    for (const index of form.unplaced) unplaced[index] = true;
    const rows = form.findings
      .map((finding, index) => {
        // A finding without a recomputed figure (a missing reason, a duplicate) disputes no number.
        const figures = finding.expected != null ? `${esc(shown(finding.declared))} → ${esc(finding.expected)}` : '';
        const where = finding.field ? FIELD_LABEL[finding.field] || finding.field : '';
        return (
          `<tr class="finding sev-${finding.severity}" data-index="${index}" data-line="${finding.line}" data-field="${esc(finding.field || '')}"` +
          `${unplaced[index] ? ' data-unplaced="true"' : ''} title="${esc(finding.rule)}">` +
          `<td class="line">${finding.line || '—'}</td>` +
          `<td><span class="badge ${finding.severity}">${SEVERITY_LABEL[finding.severity]}</span></td>` +
          `<td class="code mono">${esc(finding.code)}</td>` +
          `<td>${esc(where)}</td>` +
          `<td class="num">${figures}</td>` +
          `<td class="msg"><div class="zh">${esc(finding.zh)}</div><div class="en">${esc(finding.en)}</div></td>` +
          `</tr>`
        );
      })
      .join('');
    return (
      '<table class="findings"><thead><tr><th class="line">行</th><th>级别</th><th>规则</th><th>位置</th><th class="num">申报 → 复核</th><th>说明</th></tr></thead>' +
      `<tbody>${rows}</tbody></table>`
    );
  }

  function diagnosticsBlock(form: FormView): string {
    if (!form.diagnostics.length) return '';
    const items = form.diagnostics
      .map((d) => `<tr><td class="line">${d.line || '—'}</td><td><span class="badge ${d.severity}">${SEVERITY_LABEL[d.severity]}</span></td><td class="mono">${esc(d.code)}</td><td>${esc(d.message)}</td></tr>`)
      .join('');
    return `<details class="diagnostics"><summary>解析提示（${form.diagnostics.length}）</summary><table><tbody>${items}</tbody></table></details>`;
  }

  function detail(form: FormView): string {
    if (detailCache[form.id] === undefined) {
      const meta = [
        ['文件', form.file ? `${form.file}` : '—'],
        ['行', `${form.startLine}–${form.endLine}`],
        ['编码', form.encoding || '—'],
        ['主管部门', shown(form.department)],
        ['实施单位', shown(form.implementer)],
        ['项目金额', shown(form.amount)],
      ]
        .map(([k, v]) => `<span>${esc(k)} <b>${esc(v)}</b></span>`)
        .join('');
      detailCache[form.id] =
        `<section class="form-detail" data-form="${form.id}">` +
        `<h3>#${form.id + 1} ${esc(shown(form.name))}</h3><div class="meta">${meta}</div>` +
        `<div class="charts"><figure class="chart chart-level1"><figcaption>各部分得分：申报与复核</figcaption>${partsChart(form.chart)}</figure>` +
        `<figure class="chart chart-rate"><figcaption>预算执行率</figcaption>${rateChart(form)}</figure></div>` +
        `<h4>项目资金</h4>${fundsTable(form)}` +
        `<h4>绩效指标</h4>${treeTable(form)}` +
        `<h4>复核发现（${form.findings.length}）</h4>${findingsTable(form)}` +
        diagnosticsBlock(form) +
        `</section>`;
    }
    return detailCache[form.id];
  }

  // ---------------------------------------------------------------------------
  // Charts (inline SVG)

  function fmt(value: number, decimals: number): string {
    return value.toFixed(decimals);
  }

  function partsChart(parts: ChartPart[]): string {
    if (!parts.length) return '<p class="muted">无可绘制的数据</p>';
    const width = 480;
    const labelWidth = 92;
    const valueWidth = 118;
    const barArea = width - labelWidth - valueWidth;
    const rowHeight = 34;
    const top = 22;
    const height = top + parts.length * rowHeight + 6;
    let max = 0;
    for (const part of parts) for (const v of [part.weight, part.declared, part.recomputed]) max = Math.max(max, toNumber(v) || 0);
    const scale = max > 0 ? barArea / max : 0;
    let body =
      `<g class="legend" font-size="11"><rect x="${labelWidth}" y="4" width="10" height="10" fill="#64748b"/><text x="${labelWidth + 14}" y="13">申报得分</text>` +
      `<rect x="${labelWidth + 76}" y="4" width="10" height="10" fill="#0e7490"/><text x="${labelWidth + 90}" y="13">复核得分</text>` +
      `<rect x="${labelWidth + 152}" y="4" width="10" height="10" fill="#e5e7eb"/><text x="${labelWidth + 166}" y="13">分值</text></g>`;
    parts.forEach((part, i) => {
      const y = top + i * rowHeight;
      const weight = toNumber(part.weight) || 0;
      const declared = toNumber(part.declared) || 0;
      const recomputed = toNumber(part.recomputed) || 0;
      const differs = part.declared !== null && part.recomputed !== null && toNumber(part.declared) !== toNumber(part.recomputed);
      body +=
        `<g class="part" data-label="${esc(part.label)}">` +
        `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="12" fill="#1f2937">${esc(part.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 2}" width="${fmt(weight * scale, 1)}" height="24" fill="#e5e7eb"/>` +
        `<rect class="bar-declared" x="${labelWidth}" y="${y + 4}" width="${fmt(declared * scale, 1)}" height="9" fill="#64748b"/>` +
        `<rect class="bar-recomputed" x="${labelWidth}" y="${y + 15}" width="${fmt(recomputed * scale, 1)}" height="9" fill="${differs ? '#d92d20' : '#0e7490'}"/>` +
        `<text x="${labelWidth + barArea + 8}" y="${y + 17}" font-size="12" fill="${differs ? '#b42318' : '#374151'}">` +
        `${esc(shown(part.declared))} / ${esc(shown(part.recomputed))}<tspan fill="#9ca3af"> (${esc(shown(part.weight))})</tspan></text>` +
        `</g>`;
    });
    return `<svg class="parts-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="各部分申报与复核得分">${body}</svg>`;
  }

  function rateChart(form: FormView): string {
    const declared = toNumber(form.rate.declared);
    const computed = toNumber(form.rate.computed);
    if (declared === null && computed === null) return '<p class="muted">无执行率数据</p>';
    const width = 380;
    const left = 64;
    const right = 20;
    const axis = Math.max(100, declared || 0, computed || 0);
    const scale = (width - left - right) / axis;
    const bars: Array<[string, number | null, string, string]> = [
      ['申报', declared, form.rate.declared || '', '#64748b'],
      ['计算', computed, form.rate.computed || '', '#0e7490'],
    ];
    let body = '';
    bars.forEach(([label, value, text, colour], i) => {
      const y = 8 + i * 30;
      body +=
        `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#1f2937">${label}</text>` +
        `<rect x="${left}" y="${y + 2}" width="${fmt(100 * scale, 1)}" height="18" fill="#f3f4f6"/>` +
        (value === null
          ? `<text x="${left + 6}" y="${y + 15}" font-size="12" fill="#9ca3af">—</text>`
          : `<rect class="bar-rate" x="${left}" y="${y + 2}" width="${fmt(Math.max(0, value) * scale, 1)}" height="18" fill="${colour}"/>` +
            `<text x="${left + 6}" y="${y + 15}" font-size="12" fill="#ffffff" stroke="${colour}" stroke-width="3" paint-order="stroke">${esc(text)}%</text>`);
    });
    const x100 = left + 100 * scale;
    body +=
      `<line x1="${fmt(x100, 1)}" x2="${fmt(x100, 1)}" y1="4" y2="70" stroke="#9ca3af" stroke-dasharray="3 3"/>` +
      `<text x="${fmt(x100, 1)}" y="84" text-anchor="middle" font-size="11" fill="#6b7280">100%</text>` +
      `<text x="${left}" y="84" text-anchor="middle" font-size="11" fill="#6b7280">0</text>`;
    return `<svg class="rate-chart" width="${width}" height="90" viewBox="0 0 ${width} 90" role="img" aria-label="预算执行率">${body}</svg>`;
  }

  function niceStep(raw: number): number {
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const fraction = raw / power;
    return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  }

  /** Histogram of 复核 − 申报 over all forms; bins centred on multiples of a round step, exact zeros stacked apart. */
  function differenceChart(): string {
    const values: number[] = [];
    let missing = 0;
    for (const form of forms) {
      const value = toNumber(form.difference);
      if (value === null) missing += 1;
      else values.push(value);
    }
    if (!values.length) return '<p class="muted">没有可比较的总分</p>';
    let maxAbs = 0;
    for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
    let step = maxAbs > 0 ? Math.max(0.01, niceStep(maxAbs / 8)) : 1;
    let low = 0;
    let high = 0;
    const binOf = (v: number): number => Math.round(v / step);
    for (;;) {
      low = 0;
      high = 0;
      for (const v of values) {
        low = Math.min(low, binOf(v));
        high = Math.max(high, binOf(v));
      }
      if (high - low <= 40) break;
      step = niceStep(step * 1.5);
    }
    const exact: number[] = [];
    const other: number[] = [];
    for (let k = low; k <= high; k++) {
      exact.push(0);
      other.push(0);
    }
    for (const v of values) (v === 0 ? exact : other)[binOf(v) - low] += 1;
    let peak = 1;
    for (let i = 0; i < exact.length; i++) peak = Math.max(peak, exact[i] + other[i]);
    const width = 760;
    const height = 200;
    const left = 44;
    const bottom = 44;
    const top = 16;
    const plotWidth = width - left - 12;
    const plotHeight = height - top - bottom;
    const slot = plotWidth / exact.length;
    const barWidth = Math.max(2, Math.min(48, slot * 0.8));
    const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
    let body = `<line x1="${left}" x2="${width - 12}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="#9ca3af"/>`;
    for (const tick of [0, Math.ceil(peak / 2), peak]) {
      const y = top + plotHeight - (tick / peak) * plotHeight;
      body +=
        `<line x1="${left}" x2="${width - 12}" y1="${fmt(y, 1)}" y2="${fmt(y, 1)}" stroke="#f3f4f6"/>` +
        `<text x="${left - 6}" y="${fmt(y + 4, 1)}" text-anchor="end" font-size="11" fill="#6b7280">${tick}</text>`;
    }
    const labelEvery = Math.ceil(exact.length / 14);
    for (let i = 0; i < exact.length; i++) {
      const k = low + i;
      const x = left + i * slot + (slot - barWidth) / 2;
      const count = exact[i] + other[i];
      const exactHeight = (exact[i] / peak) * plotHeight;
      const otherHeight = (other[i] / peak) * plotHeight;
      const base = top + plotHeight;
      const centre = k * step;
      const range = k === 0 ? `|差额| < ${fmt(step / 2, decimals + 1)}` : `${fmt(centre - step / 2, decimals + 1)} ～ ${fmt(centre + step / 2, decimals + 1)}`;
      body += `<g class="bin" data-bin="${k}" data-count="${count}"><title>${esc(range)}：${count} 张表${exact[i] ? `（其中 ${exact[i]} 张一致）` : ''}</title>`;
      if (exact[i]) body += `<rect x="${fmt(x, 1)}" y="${fmt(base - exactHeight, 1)}" width="${fmt(barWidth, 1)}" height="${fmt(exactHeight, 1)}" fill="#94a3b8"/>`;
      if (other[i]) {
        body += `<rect x="${fmt(x, 1)}" y="${fmt(base - exactHeight - otherHeight, 1)}" width="${fmt(barWidth, 1)}" height="${fmt(otherHeight, 1)}" fill="${k === 0 ? '#f79009' : '#d92d20'}"/>`;
      }
      if (count) body += `<text x="${fmt(x + barWidth / 2, 1)}" y="${fmt(base - exactHeight - otherHeight - 4, 1)}" text-anchor="middle" font-size="11" fill="#374151">${count}</text>`;
      if (i % labelEvery === 0 || k === 0) {
        body += `<text x="${fmt(x + barWidth / 2, 1)}" y="${base + 16}" text-anchor="middle" font-size="11" fill="#6b7280">${fmt(centre, decimals)}</text>`;
      }
      body += '</g>';
    }
    body +=
      `<text x="${left + plotWidth / 2}" y="${height - 6}" text-anchor="middle" font-size="12" fill="#374151">差额（复核 − 申报），组距 ${fmt(step, decimals)}</text>` +
      `<text x="12" y="${top + plotHeight / 2}" text-anchor="middle" font-size="12" fill="#374151" transform="rotate(-90 12 ${top + plotHeight / 2})">表数</text>`;
    const note = missing ? `<p class="muted">另有 ${missing} 张表无法比较总分。</p>` : '';
    return `<svg class="difference-chart" width="100%" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" role="img" aria-label="差额分布">${body}</svg>${note}`;
  }

  // ---------------------------------------------------------------------------
  // Summary, print, events

  function renderSummary(): void {
    let withErrors = 0;
    let withWarnings = 0;
    let withDifference = 0;
    let gradeChanges = 0;
    for (const form of forms) {
      if (form.errors) withErrors += 1;
      if (form.warnings) withWarnings += 1;
      const difference = toNumber(form.difference);
      if (difference !== null && difference !== 0) withDifference += 1;
      if (form.declaredGrade !== form.recomputedGrade) gradeChanges += 1;
    }
    const cards: Array<[string, number, string, string]> = [
      ['表数', forms.length, 'accent', 'forms'],
      ['含错误的表', withErrors, 'error', 'with-errors'],
      ['含警告的表', withWarnings, 'warning', 'with-warnings'],
      ['总分有差额的表', withDifference, 'error', 'with-difference'],
      ['等级变化的表', gradeChanges, 'error', 'grade-changes'],
    ];
    const box = document.getElementById('cards');
    if (box) box.innerHTML = cards.map(([label, value, kind, id]) => `<div class="card ${value ? kind : ''}" data-card="${id}"><div class="k">${label}</div><div class="v">${value}</div></div>`).join('');
    const chart = document.getElementById('difference-chart');
    if (chart) chart.innerHTML = differenceChart();
  }

  function preparePrint(): void {
    const area = document.getElementById('print-area');
    if (!area) return;
    const list = sorted(filtered());
    const rows = list
      .map(
        (form) =>
          `<tr><td class="num">${form.id + 1}</td><td class="mono">${esc(fileLabel(form))}</td><td>${esc(shown(form.name))}</td>` +
          `<td class="num">${esc(shown(form.declaredTotal))}</td><td class="num">${esc(shown(form.recomputedTotal))}</td>` +
          `<td class="num">${esc(shown(form.difference))}</td>${gradeCell(form)}<td class="num">${form.errors}</td><td class="num">${form.warnings}</td><td class="num">${form.infos}</td></tr>`,
      )
      .join('');
    area.innerHTML =
      `<section class="panel"><h2>总览（${list.length} 张表）</h2><table class="overview print-overview"><thead><tr>` +
      COLUMNS.map((c) => `<th class="${c.numeric ? 'num' : ''}">${esc(c.label)}</th>`).join('') +
      `</tr></thead><tbody>${rows}</tbody></table></section>` +
      list.map(detail).join('');
  }

  function toggle(id: number): void {
    expanded[id] = !expanded[id];
    renderTable();
  }

  function flashCell(row: HTMLElement): void {
    const section = row.closest('.form-detail');
    const line = row.getAttribute('data-line');
    const field = row.getAttribute('data-field');
    if (!section || !line || !field) return;
    const target = section.querySelector(`td[data-line="${line}"][data-field="${field}"]`) as HTMLElement | null;
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.classList.remove('flash');
    void target.offsetWidth;
    target.classList.add('flash');
  }

  document.addEventListener('click', (event) => {
    const origin = event.target as HTMLElement;
    if (!origin || !origin.closest) return;
    const header = origin.closest('#overview th[data-key]');
    if (header) {
      const key = header.getAttribute('data-key') as SortKey;
      const column = COLUMNS.filter((c) => c.key === key)[0];
      if (state.sort === key) state.dir = -state.dir;
      else {
        state.sort = key;
        state.dir = column && column.numeric && key !== 'id' ? -1 : 1;
      }
      state.page = 0;
      renderTable();
      return;
    }
    const findingRow = origin.closest('tr.finding') as HTMLElement | null;
    if (findingRow) {
      flashCell(findingRow);
      return;
    }
    const formRow = origin.closest('#overview tr.form-row');
    if (formRow) {
      toggle(Number(formRow.getAttribute('data-form')));
      return;
    }
    const button = origin.closest('button[data-action]');
    if (!button) return;
    const action = button.getAttribute('data-action');
    const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
    if (action === 'first') state.page = 0;
    else if (action === 'prev') state.page -= 1;
    else if (action === 'next') state.page += 1;
    else if (action === 'last') state.page = pages - 1;
    else if (action === 'reset-sort') {
      state.sort = 'worst';
      state.dir = -1;
      state.page = 0;
    } else if (action === 'expand-page') {
      for (const form of visible.slice(state.page * PAGE_SIZE, state.page * PAGE_SIZE + PAGE_SIZE)) expanded[form.id] = true;
    } else if (action === 'collapse-all') {
      for (const key of Object.keys(expanded)) delete expanded[Number(key)];
    } else if (action === 'print') {
      preparePrint();
      window.print();
      return;
    }
    renderTable();
  });

  document.addEventListener('keydown', (event) => {
    const origin = event.target as HTMLElement;
    if ((event.key === 'Enter' || event.key === ' ') && origin && origin.matches && origin.matches('#overview tr.form-row')) {
      event.preventDefault();
      toggle(Number(origin.getAttribute('data-form')));
    }
  });

  const severitySelect = document.getElementById('severity-filter') as HTMLSelectElement | null;
  if (severitySelect) {
    severitySelect.addEventListener('change', () => {
      state.severity = severitySelect.value;
      state.page = 0;
      renderTable();
    });
  }
  const textInput = document.getElementById('text-filter') as HTMLInputElement | null;
  if (textInput) {
    textInput.addEventListener('input', () => {
      state.text = textInput.value;
      state.page = 0;
      renderTable();
    });
  }

  window.addEventListener('beforeprint', preparePrint);
  if (window.matchMedia) {
    const print = window.matchMedia('print');
    const onChange = (event: MediaQueryListEvent): void => {
      if (event.matches) preparePrint();
    };
    if (print.addEventListener) print.addEventListener('change', onChange);
  }

  renderSummary();
  renderTable();
  document.documentElement.setAttribute('data-ready', 'true');
}
