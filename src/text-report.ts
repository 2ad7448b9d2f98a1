/** The terminal view of checked documents: per form, its findings as a table, then the summary. */
import { diagnosticMessage, SEVERITY_WORD, WORDS, type Lang } from './messages.js';
import type { Diagnostic, Document, Form } from './schema.js';

export interface TextReportOptions {
  /** Language of the headers, severities, messages and summary line; default English. Codes stay English. */
  lang?: Lang;
}

export function formatCheckReport(documents: readonly Document[], options: TextReportOptions = {}): string {
  const lang = options.lang ?? 'en';
  const blocks: string[] = [];
  for (const document of documents) {
    for (const form of document.forms) blocks.push(formatForm(form, lang));
    for (const d of document.diagnostics) blocks.push(formatDiagnostic(d, lang));
  }
  return blocks.join('\n\n');
}

/** A diagnostic of the file itself on one line: `file:line:column severity code message`. */
export function formatDiagnostic(d: Diagnostic, lang: Lang): string {
  return `${d.file ?? ''}:${d.line}:${d.column} ${SEVERITY_WORD[lang][d.severity]} ${d.code} ${diagnosticMessage(d, lang)}`;
}

function formatForm(form: Form, lang: Lang): string {
  const words = WORDS[lang];
  const where = `${form.source.file ?? words.standardInput}:${form.source.startLine}`;
  const lines = [`${where}  ${form.project.name ?? words.noProjectName}`];
  const rows = form.findings.map((f) => [
    String(f.line),
    SEVERITY_WORD[lang][f.severity],
    f.code,
    f.declared === null && f.expected === null ? '' : `${f.declared ?? '—'} → ${f.expected ?? '—'}`,
    f.message[lang],
  ]);
  if (rows.length === 0) lines.push('  ' + words.noFindings);
  else {
    const header = [...words.header];
    const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
    const pad = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - displayWidth(c)))).join('  ');
    lines.push(pad(header), ...rows.map(pad));
  }
  const s = form.summary;
  if (s) {
    lines.push(
      '  ' +
        words.total({
          declared: s.declaredTotal ?? '—',
          declaredGrade: s.declaredGrade ?? '—',
          recomputed: s.recomputedTotal ?? '—',
          recomputedGrade: s.recomputedGrade ?? '—',
          difference: s.difference ?? '—',
          ...s.counts,
        }),
    );
  }
  return lines.join('\n');
}

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** The longest start of `text` that takes at most `columns` columns. */
export function fitWidth(text: string, columns: number): string {
  let w = 0;
  let end = 0;
  for (const ch of text) {
    w += charWidth(ch);
    if (w > columns) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
}
