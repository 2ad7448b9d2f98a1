/**
 * The report of a batch of any size, with memory that does not grow with it.
 * Forms are taken as they come; up to `PART_FORMS` of them make the usual
 * one page (`reportPieces`). Past that, every `PART_FORMS` forms make a part
 * (`NAME-0001.html` … beside `NAME.html`, each a complete report of its
 * forms, worst first), written as soon as it is full, and `NAME.html` is an
 * index page: the totals of the whole batch and one row per part with its
 * forms and counts. No page is ever one string, and at most one part's forms
 * are held at a time.
 */
import type { Diagnostic, Document, Form } from '../contract/schema.js';
import { escapeHtml } from './escape.js';
import { reportPieces } from './render.js';
import { REPORT_CSS } from './style.js';
import { reportIndexStrings, reportStrings, type ReportLang } from './strings.js';
import type { ReportOptions } from './model.js';

/** Forms per page: a page of this many real forms is about 30 MB of HTML, which a browser still opens. */
export const PART_FORMS = 2000;

/** Where pages go: `name` null is the page given by the user (the single page, or the index); else a part's file name. */
export interface PageSink {
  /** Opens a page; its pieces are written in order, then `close`. */
  open(part: number | null): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }>;
  /** The file name (relative to the index) of part `part` (1-based). */
  partName(part: number): string;
}

interface PartSummary {
  part: number;
  forms: number;
  first: string;
  last: string;
  errors: number;
  parseErrors: number;
  warnings: number;
  withDifference: number;
}

export class PagedReport {
  private held: Form[] = [];
  private diagnostics: Diagnostic[] = [];
  private parts: PartSummary[] = [];
  private readonly lang: ReportLang;

  constructor(
    private readonly sink: PageSink,
    private readonly options: ReportOptions,
    private readonly partForms = PART_FORMS,
  ) {
    this.lang = options.lang === 'en' ? 'en' : 'zh';
  }

  /** One more form, in input order. */
  async addForm(form: Form): Promise<void> {
    if (this.held.length >= this.partForms) await this.writePart();
    this.held.push(form);
  }

  /** A document's own diagnostics (shown with the forms of the part they come with). */
  addDiagnostics(diagnostics: readonly Diagnostic[]): void {
    this.diagnostics.push(...diagnostics);
  }

  /** Writes what is held: the single page when the batch fitted in one, else the last part and the index. */
  async end(): Promise<void> {
    if (this.parts.length === 0) {
      await this.writePage(null, [{ forms: this.held, diagnostics: this.diagnostics }], this.options);
      return;
    }
    if (this.held.length > 0 || this.diagnostics.length > 0) await this.writePart();
    const page = await this.sink.open(null);
    try {
      await page.write(indexPage(this.parts, this.options.title ?? reportStrings(this.lang).defaultTitle, this.lang, (n) => this.sink.partName(n)));
    } finally {
      await page.close();
    }
  }

  private async writePart(): Promise<void> {
    const part = this.parts.length + 1;
    const forms = this.held;
    const diagnostics = this.diagnostics;
    this.held = [];
    this.diagnostics = [];
    const s = reportIndexStrings(this.lang);
    const title = `${this.options.title ?? reportStrings(this.lang).defaultTitle} · ${s.part(part)}`;
    await this.writePage(part, [{ forms, diagnostics }], { ...this.options, title });
    this.parts.push(summarise(part, forms));
  }

  private async writePage(part: number | null, documents: Document[], options: ReportOptions): Promise<void> {
    const page = await this.sink.open(part);
    try {
      for (const piece of reportPieces(documents, options)) await page.write(piece);
    } finally {
      await page.close();
    }
  }
}

function place(form: Form): string {
  return `${form.source.file ?? '-'}:${form.source.startLine}`;
}

function summarise(part: number, forms: readonly Form[]): PartSummary {
  let errors = 0;
  let parseErrors = 0;
  let warnings = 0;
  let withDifference = 0;
  for (const form of forms) {
    errors += form.findings.filter((f) => f.severity === 'error').length;
    warnings += form.findings.filter((f) => f.severity === 'warning').length;
    parseErrors += form.diagnostics.filter((d) => d.severity === 'error').length;
    const difference = form.summary?.difference;
    if (difference != null && !/^-?0(\.0*)?$/.test(difference)) withDifference++;
  }
  return { part, forms: forms.length, first: forms.length > 0 ? place(forms[0]) : '', last: forms.length > 0 ? place(forms[forms.length - 1]) : '', errors, parseErrors, warnings, withDifference };
}

/** The index of a paged report: totals, then one row per part, linked. No script. */
function indexPage(parts: readonly PartSummary[], title: string, lang: ReportLang, partName: (part: number) => string): string {
  const s = reportIndexStrings(lang);
  const total = (key: keyof Omit<PartSummary, 'part' | 'first' | 'last'>) => parts.reduce((sum, part) => sum + part[key], 0);
  const head = s.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const rows = parts
    .map(
      (p) =>
        `<tr><td><a href="${escapeHtml(encodeURI(partName(p.part)))}">${escapeHtml(s.part(p.part))}</a></td><td class="num">${p.forms}</td>` +
        `<td class="mono">${escapeHtml(p.first)}</td><td class="mono">${escapeHtml(p.last)}</td>` +
        `<td class="num">${p.errors}</td><td class="num">${p.parseErrors}</td><td class="num">${p.warnings}</td><td class="num">${p.withDifference}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="page-head">
  <h1>${escapeHtml(title)}</h1>
  <div class="sub">${escapeHtml(s.summary(total('forms'), parts.length))}</div>
</header>
<main>
  <section class="panel" id="parts-panel">
    <h2>${escapeHtml(s.heading)}</h2>
    <div class="table-scroll"><table class="overview" id="parts"><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table></div>
  </section>
</main>
</body>
</html>
`;
}
