/** The terminal view of checked documents: per form, its findings as a table, then the summary. */
import type { Document, Form } from './schema.js';

export function formatCheckReport(documents: readonly Document[]): string {
  const blocks: string[] = [];
  for (const document of documents) {
    for (const form of document.forms) blocks.push(formatForm(form));
    for (const d of document.diagnostics) blocks.push(`${d.file ?? ''}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
  }
  return blocks.join('\n\n');
}

function formatForm(form: Form): string {
  const where = `${form.source.file ?? '<input>'}:${form.source.startLine}`;
  const lines = [`${where}  ${form.project.name ?? '(no project name)'}`];
  const rows = form.findings.map((f) => [
    String(f.line),
    f.severity,
    f.code,
    f.declared === null && f.expected === null ? '' : `${f.declared ?? '—'} → ${f.expected ?? '—'}`,
    f.message.zh,
  ]);
  if (rows.length === 0) lines.push('  no findings');
  else {
    const header = ['line', 'severity', 'code', 'declared → expected', 'message'];
    const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
    const pad = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - width(c)))).join('  ');
    lines.push(pad(header), ...rows.map(pad));
  }
  const s = form.summary;
  if (s) {
    lines.push(
      `  total: declared ${s.declaredTotal ?? '—'} (${s.declaredGrade ?? '—'}), recomputed ${s.recomputedTotal ?? '—'} (${s.recomputedGrade ?? '—'}), difference (declared − recomputed) ${s.difference ?? '—'}; ` +
        `${s.counts.error} errors, ${s.counts.warning} warnings, ${s.counts.info} info`,
    );
  }
  return lines.join('\n');
}

/** Display width: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}
