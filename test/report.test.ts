/**
 * The audit report as a string: self-contained, its one script allowed by its
 * hash, every table written on the server with every text escaped, and the
 * view model's placement of each finding on the cell it disputes. Figures
 * asserted here are read off the sample exports' own lines (cited), or
 * computed in the test from the checker's output.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, parse, type Document, type Form } from '../src/api/index.js';
import { clientData, findingCell, formView, reportModel } from '../src/report/model.js';
import { releaseHeldForms, withSections } from '../src/report/held.js';
import { renderReport, renderReportApart, scriptSafeJson } from '../src/report/render.js';
import { REPORT_STRINGS } from '../src/report/strings.js';

const SEED_FILE = 'samples/000_16052ebbc3505be3.txt';
const seedBytes = readFileSync(join(import.meta.dirname, '..', SEED_FILE));
const seed = (): Document => check(parse(seedBytes, { file: SEED_FILE }));
const BAD_FILE = 'samples/bad-values.txt';
const bad = (): Document => check(parse(readFileSync(join(import.meta.dirname, '..', BAD_FILE)), { file: BAD_FILE }));

function embeddedJson(html: string): string {
  const open = '<script type="application/json" id="report-data">';
  const start = html.indexOf(open);
  expect(start).toBeGreaterThan(0);
  const end = html.indexOf('</script>', start);
  return html.slice(start + open.length, end);
}

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
}

function renamed(document: Document, name: string): Document {
  return { ...document, forms: document.forms.map((form, index): Form => (index === 0 ? { ...form, project: { ...form.project, name } } : form)) };
}

describe('renderReport: a self-contained page', () => {
  const html = renderReport([seed()]);

  it('is a UTF-8 HTML page with a CJK font stack and a landscape print stylesheet', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<meta charset="utf-8">/i);
    for (const font of ['"Noto Sans CJK SC"', '"Source Han Sans SC"', '"PingFang SC"', '"Microsoft YaHei"']) expect(html).toContain(font);
    expect(html).toMatch(/@media print\s*\{/);
    expect(html).toMatch(/@page\s*\{[^}]*size:\s*A4 landscape/);
    expect(html).toMatch(/break-before:\s*page/);
  });

  it('runs its script from the head, before any form is read, so that hidden sections are never laid out', () => {
    const script = html.indexOf('<script>');
    expect(script).toBeGreaterThan(html.indexOf('<meta http-equiv="Content-Security-Policy"'));
    expect(script).toBeLessThan(html.indexOf('</head>'));
    expect(html.indexOf('</head>')).toBeLessThan(html.indexOf('<section class="form-detail"'));
  });

  it('holds the forms’ sections in a template when asked (the offline page), and is otherwise the same page', () => {
    const held = renderReport([seed(), bad()], { holdForms: true });
    const plain = renderReport([seed(), bad()]);
    expect(plain).not.toContain('<template');
    const open = held.indexOf('<template id="form-sections">');
    expect(open).toBeGreaterThan(held.indexOf('<section id="forms"'));
    expect(held.indexOf('</template>')).toBeGreaterThan(held.lastIndexOf('<section class="form-detail"'));
    expect(held.slice(0, open)).not.toContain('<section class="form-detail"');
    expect(releaseHeldForms(held)).toBe(plain);
    expect(releaseHeldForms(plain)).toBe(plain);
  });

  it('makes the page and its sections apart (the offline page shows the page first), which put together are the held page', () => {
    const apart = renderReportApart([seed(), bad()]);
    expect(apart.page).toContain('<template id="form-sections" data-apart></template>');
    expect(apart.page).not.toContain('<section class="form-detail"');
    const sections = apart.sections();
    expect(sections.map((section) => section.id).sort((a, b) => a - b)).toEqual([...sections.keys()]);
    expect(withSections(apart.page, sections.map((section) => section.html).join(''))).toBe(renderReport([seed(), bad()], { holdForms: true }));
  });

  it('declares a Content-Security-Policy: nothing from the network, its own script by sha256, inline styles', () => {
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    expect(csp).not.toBeNull();
    const directives = new Map(csp![1].split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('style-src')).toEqual(["'unsafe-inline'"]);
    const [script] = inlineScripts(html);
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(directives.get('script-src')).toEqual([`'sha256-${hash}'`]);
    // The policy comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('writes every form and every finding into the page itself', () => {
    const document = seed();
    const sections = html.split('<section class="form-detail"').slice(1);
    expect(sections).toHaveLength(document.forms.length);
    document.forms.forEach((form, id) => {
      const section = sections.find((text) => text.includes(` id="form-${id}" `) || text.startsWith(` id="form-${id}"`))!;
      expect(section).toBeDefined();
      const rows = [...section.matchAll(/<tr class="finding sev-(\w+)" data-index="\d+" data-line="(\d+)"[^>]*>.*?<td class="code mono">([^<]*)<\/td>/g)].map((m) => `${m[2]} ${m[1]} ${m[3]}`);
      expect(rows.sort()).toEqual(form.findings.map((f) => `${f.line} ${f.severity} ${f.code}`).sort());
    });
    expect(html.match(/<tr class="form-row"/g)).toHaveLength(document.forms.length);
  });

  it('loads nothing from elsewhere: no external src/href, no <link>, no @import or url()', () => {
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
    expect(styles).not.toBe('');
    expect(styles).not.toMatch(/@import|url\(/i);
    // The script names the XML namespaces of the workbook it writes (identifiers, never fetched); nothing else has a scheme.
    expect(html.replaceAll('http://schemas.openxmlformats.org', '')).not.toMatch(/https?:/i);
  });

  it("embeds what the page's script needs as JSON that parses back to the same value", () => {
    const documents = [seed()];
    expect(JSON.parse(embeddedJson(renderReport(documents)))).toEqual(clientData(reportModel(documents)));
  });

  it('keeps the options title, escaped, and the default title otherwise', () => {
    const titled = renderReport([seed()], { title: '2023 年度 <复核> & 抽查' });
    expect(titled).toContain('<title>2023 年度 &lt;复核&gt; &amp; 抽查</title>');
    expect(titled).toContain('<h1>2023 年度 &lt;复核&gt; &amp; 抽查</h1>');
    expect(html).toContain('<title>项目支出绩效自评表 审核报告</title>');
  });

  it('cannot be closed early by a project name holding </script>, and escapes it in every table', () => {
    const name = '预算</script><script>alert(1)</script><!-- 准备金 <img src=x onerror=alert(2)> \u2028';
    const page = renderReport([renamed(seed(), name)]);
    // Exactly the page's own two scripts close.
    expect(page.match(/<\/script>/gi)).toHaveLength(2);
    expect(page).not.toContain('<!--');
    expect(page).not.toContain('<img');
    expect(page).toContain('预算&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- 准备金 &lt;img src=x onerror=alert(2)&gt;');
    expect(JSON.parse(embeddedJson(page)).forms[0].name).toBe(name);
  });

  it('writes script-safe JSON for every character class that matters', () => {
    const value = { text: '</SCRIPT> <!-- & > \u2028\u2029 "引号"' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it("inlines the page's script as valid, self-contained JavaScript", () => {
    const scripts = inlineScripts(html);
    expect(scripts).toHaveLength(1);
    const [script] = scripts;
    expect(script).not.toMatch(/<\/script|<!--/i);
    // No module syntax, no bundler or keepNames helper left undefined.
    expect(script).not.toMatch(/\bimport\b|\brequire\(|__vite|__name\(|\bexport\b/);
    // Parses (it is not run here: it needs a DOM).
    expect(() => new Function(script)).not.toThrow();
  });

  it('is a pure function of its input', () => {
    const document = seed();
    const before = JSON.stringify(document);
    const first = renderReport([document], { title: 't' });
    expect(renderReport([document], { title: 't' })).toBe(first);
    expect(JSON.stringify(document)).toBe(before);
  });

  it('renders an empty report and a document without forms', () => {
    const empty = renderReport([]);
    expect(JSON.parse(embeddedJson(empty)).forms).toEqual([]);
    const notices = renderReport([{ forms: [], diagnostics: [{ code: 'no-forms', severity: 'error', message: '没有找到表 <x>', line: 0, column: 0, file: 'a.txt' }] }]);
    expect(notices).toContain('没有找到表 &lt;x&gt;');
  });
});

describe('report model', () => {
  const model = reportModel([seed()]);
  const form4 = model.forms[3];
  const form2 = model.forms[1];

  it('has one row per form, numbered across documents', () => {
    expect(model.forms).toHaveLength(7);
    const twice = reportModel([seed(), seed()]);
    expect(twice.forms.map((form) => form.id)).toEqual([...Array(14).keys()]);
  });

  it('gives form 4 (专项业务, lines 111–156) the difference 申报 − 复核 = 92.49 − 96.49 = -4.00', () => {
    expect(form4.name).toBe('专项业务');
    expect(form4.startLine).toBe(111);
    expect(form4.declaredTotal).toBe('92.49'); // line 156: 总分 … 100 · 92.49
    expect(form4.recomputedTotal).toBe('96.49');
    expect(form4.difference).toBe('-4.00');
    // The same sign as the checker's summary, for every form.
    seed().forms.forEach((form, id) => expect(model.forms[id].difference).toBe(form.summary?.difference ?? null));
    expect([form4.errors, form4.warnings, form4.infos]).toEqual([2, 8, 0]);
  });

  it('places each of form 4’s findings on the cell it names', () => {
    const cellOf = (code: string, line: number): string[] => {
      const index = form4.findings.findIndex((finding) => finding.code === code && finding.line === line);
      expect(index).toBeGreaterThanOrEqual(0);
      return Object.keys(form4.marks).filter((key) => form4.marks[key].includes(index));
    };
    expect(cellOf('total-weight-mismatch', 156)).toEqual(['156|total.weight']);
    expect(cellOf('total-score-mismatch', 156)).toEqual(['156|total.score']);
    expect(cellOf('execution-rate-mismatch', 116)).toEqual(['116|funds.rate']);
    expect(cellOf('duplicate-indicator', 153)).toEqual(['153|name']);
    expect(form4.unplaced).toEqual([]);
  });

  it('places a 一级 points finding on the points cell of the 一级 holding that line', () => {
    // Line 142 is the first row of 效益指标 (the label printed on line 141 belongs to 产出's 成本指标 row).
    const benefit = form4.tree.find((level1) => level1.label === '效益指标')!;
    expect(benefit.points).toBe('40');
    expect(findingCell({ line: 142, field: 'level1Points' }, form4.tree, new Set())).toBe(`${benefit.line}|level1Points`);
    const output = form4.tree.find((level1) => level1.label === '产出指标')!;
    // Any row of 产出指标 names its points cell.
    expect(findingCell({ line: 130, field: 'level1Points' }, form4.tree, new Set())).toBe(`${output.line}|level1Points`);
  });

  it('places form 2’s line-43 score finding (declared 2, recomputed 1.96) on that score cell', () => {
    const index = form2.findings.findIndex((finding) => finding.line === 43);
    expect(form2.findings[index]).toMatchObject({ field: 'score', declared: '2', expected: '1.96', severity: 'error' });
    expect(form2.marks['43|score']).toEqual([index]);
  });

  it('keeps findings that name no shown cell apart', () => {
    const [form] = seed().forms;
    const extra = [
      { code: 'missing-section', severity: 'error' as const, message: { zh: '缺', en: 'missing' }, line: 3, field: 'total', declared: null, expected: null, rule: 'r', profile: 'default' },
      { code: 'x', severity: 'info' as const, message: { zh: '', en: '' }, line: 0, field: 'score', declared: null, expected: null, rule: 'r', profile: 'default' },
      { code: 'y', severity: 'info' as const, message: { zh: '', en: '' }, line: 15, field: null, declared: null, expected: null, rule: 'r', profile: 'default' },
    ];
    const view = formView({ ...form, findings: [...form.findings, ...extra] }, 0);
    const first = form.findings.length;
    expect(view.unplaced).toEqual([first, first + 1, first + 2]);
  });

  it('sums form 4’s 产出指标 as written: weights 46, scores 42.5 (lines 123–141)', () => {
    const output = form4.tree.find((level1) => level1.label === '产出指标')!;
    expect(output.points).toBe('50');
    expect(output.weight).toBe('46');
    expect(output.declared).toBe('42.5');
    expect(output.groups.map((group) => group.label)).toEqual(['数量指标', '质量指标', '时效指标', '成本指标']);
    expect(output.groups.flatMap((group) => group.rows.map((row) => row.line))).toEqual([...Array(19).keys()].map((i) => 123 + i));
  });

  it('charts the budget-execution part and each 一级, and the execution rates', () => {
    expect(form4.chart[0]).toEqual({ label: '预算执行', weight: '10', declared: '9.99', recomputed: '9.99' });
    expect(form4.chart.map((part) => part.label)).toEqual(['预算执行', '产出指标', '效益指标', '满意度指标']);
    // Line 116: 19402034.90 ÷ 19416170.49 = 99.9272…% → 99.93; the form writes 99.92%.
    expect(form4.rate).toEqual({ declared: '99.92', computed: '99.93' });
  });

  it("shows the checker's execution rate, computing none of its own", () => {
    const checked = seed().forms[3];
    const form = { ...checked, summary: { ...checked.summary!, executionRate: '12.34' } };
    expect(formView(form, 4).rate).toEqual({ declared: '99.92', computed: '12.34' });
    expect(formView({ ...form, summary: null }, 4).rate).toEqual({ declared: '99.92', computed: null });
  });

  it("shows the checker's sums of each 一级 and of the budget-execution part, computing none of its own", () => {
    const checked = seed().forms[3];
    const level1 = checked.summary!.level1!.map((sum, at) => ({ ...sum, weight: `${at}1`, declared: `${at}2`, recomputed: `${at}3.00` }));
    const view = formView({ ...checked, summary: { ...checked.summary!, level1 } }, 4);
    expect(view.tree.map((group) => [group.label, group.line, group.weight, group.declared, group.recomputed])).toEqual([
      ['产出指标', 123, '01', '02', '03.00'],
      ['效益指标', 142, '11', '12', '13.00'],
      ['满意度指标', 149, '21', '22', '23.00'],
    ]);
    expect(view.chart.slice(1).map((part) => [part.label, part.weight, part.declared, part.recomputed])).toEqual([
      ['产出指标', '01', '02', '03.00'],
      ['效益指标', '11', '12', '13.00'],
      ['满意度指标', '21', '22', '23.00'],
    ]);
    // A form the checker has not summed shows its rows and points, and no sums.
    const unsummed = formView({ ...checked, summary: null }, 4);
    expect(unsummed.tree.map((group) => [group.label, group.points, group.weight])).toEqual([
      ['产出指标', '50', null],
      ['效益指标', '40', null],
      ['满意度指标', null, null],
    ]);
    expect(unsummed.chart).toEqual([]);
    const execution = { line: 116, weight: '1', declared: '2', recomputed: '3.00' };
    expect(formView({ ...checked, summary: { ...checked.summary!, execution } }, 4).chart[0]).toEqual({ label: '预算执行', weight: '1', declared: '2', recomputed: '3.00' });
  });

  it('gives each form the grades the checker gives, and counts as 无法评级 every form it could not grade', () => {
    const document = seed();
    const ungradable = document.forms.filter((form) => form.summary?.grading?.status === 'ungradable');
    // Forms 1 (lines 3–23) and 5 (lines 158–178): suspended, every row 不适用.
    expect(ungradable.map((form) => form.source.startLine)).toEqual([3, 158]);
    const views = reportModel([document]).forms;
    expect(views.map((view) => view.declaredGrade)).toEqual(document.forms.map((form) => form.summary!.declaredGrade));
    expect(views.map((view) => view.recomputedGrade)).toEqual(document.forms.map((form) => form.summary!.recomputedGrade));
    expect(renderReport([document])).toMatch(/data-card="ungradable"><div class="k">[^<]*<\/div><div class="v">2<\/div>/);
  });

  it('ranks the forms worst first: errors, then |difference|, then warnings', () => {
    const order = model.forms.slice().sort((a, b) => a.rank - b.rank);
    // Form 4: 2 errors; form 2: 1 error (line 43).
    expect(order.slice(0, 2).map((form) => form.id)).toEqual([3, 1]);
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1], order[i]];
      expect(a.errors + a.parseErrors).toBeGreaterThanOrEqual(b.errors + b.parseErrors);
    }
  });

  it('charts the forms with the largest |difference|, as the checker states them', () => {
    const expected = seed()
      .forms.map((form, id) => ({ id, difference: form.summary?.difference ?? null }))
      .filter((form) => form.difference !== null && Number(form.difference) !== 0)
      .sort((a, b) => Math.abs(Number(b.difference)) - Math.abs(Number(a.difference)) || a.id - b.id)
      .slice(0, 10);
    expect(model.topDifferences.map(({ id, difference }) => ({ id, difference }))).toEqual(expected);
    expect(model.topDifferences[0]).toMatchObject({ id: 3, difference: '-4.00' });
  });

  it('counts findings by rule over all forms', () => {
    const findings = seed().forms.flatMap((form) => form.findings);
    const byCode = new Map<string, number>();
    for (const finding of findings) byCode.set(finding.code, (byCode.get(finding.code) ?? 0) + 1);
    expect(new Map(model.codeCounts.map((entry) => [entry.code, entry.count]))).toEqual(byCode);
    const duplicate = model.codeCounts.find((entry) => entry.code === 'duplicate-indicator')!;
    expect(duplicate.forms).toBe(new Set(seed().forms.filter((form) => form.findings.some((f) => f.code === 'duplicate-indicator')).map((form) => form.startLine)).size);
  });
});

describe('form-level parse errors in the report', () => {
  const model = reportModel([bad()]);
  // samples/bad-values.txt, form 2 (总分有误项目, lines 14–24): line 22 scores 采购数量 `5.0.0`,
  // line 24 states 总分 `一百` · `满分`; none of them is a number.
  const form2 = model.forms[1];

  it('counts them apart from the findings and sorts their form first', () => {
    expect(form2.name).toBe('总分有误项目');
    expect(form2.parseErrors).toBe(3);
    expect(form2.errors).toBe(0);
    expect(form2.rank).toBe(0);
  });

  it('places each on the cell whose text it could not read', () => {
    const cellOf = (line: number): string[] => {
      const indices = form2.diagnostics.flatMap((d, index) => (d.line === line && d.code === 'invalid-number' ? [index] : []));
      return Object.keys(form2.diagnosticMarks).filter((key) => form2.diagnosticMarks[key].some((index) => indices.includes(index))).sort();
    };
    expect(cellOf(24)).toEqual(['24|total.score', '24|total.weight']);
    expect(cellOf(22)).toEqual(['22|score']);
  });

  it('highlights those cells in the page and counts them in the overview and by code', () => {
    const page = renderReport([bad()]);
    for (const [line, field] of [[24, 'total.weight'], [24, 'total.score'], [22, 'score']]) {
      expect(page).toMatch(new RegExp(`<tr[^>]* data-line="${line}">(?:(?!</tr>).)*<td class="num disputed sev-error no-figure parse-error" data-field="${field}"`, 's'));
    }
    expect(page).toMatch(/<td class="c-parseErrors num"><span class="pill error">3<\/span><\/td>/);
    expect(model.codeCounts.find((entry) => entry.parse && entry.code === 'invalid-number')).toMatchObject({ count: 3, forms: 1, severity: 'error' });
  });
});

describe('report language', () => {
  it('has the same strings in every language', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, shape(v)]).sort())
        : Array.isArray(value) ? value.length : typeof value;
    expect(shape(REPORT_STRINGS.en)).toEqual(shape(REPORT_STRINGS.zh));
  });

  it('renders the page in English when asked, Chinese by default', () => {
    const en = renderReport([seed()], { lang: 'en' });
    expect(en).toContain('<html lang="en" data-lang="en">');
    expect(en).toContain('difference (declared − recomputed)');
    // The script carries every language's table; the page written by the server holds only English.
    expect(en.slice(0, en.indexOf('<script>'))).not.toContain('差额（申报 − 复核）');
    expect(JSON.parse(embeddedJson(en)).lang).toBe('en');
    const zh = renderReport([seed()]);
    expect(zh).toContain('<html lang="zh-CN" data-lang="zh">');
    expect(zh).toContain('差额（申报 − 复核）');
  });
});
