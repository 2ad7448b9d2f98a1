/**
 * The terminal view of checked documents: per form, its findings and its
 * form-level parse errors (a 总分 or 得分 that cannot be read) as one table in
 * line order, then the summary.
 */
import type { Diagnostic, Document, Finding, Form, Severity } from './schema.js';

export interface TextReportOptions {
  /** Only findings and diagnostics at or above it, and no form with none; null or absent: every finding, every form. */
  minSeverity?: Severity | null;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function atOrAbove(severity: Severity, minimum: Severity | null | undefined): boolean {
  return minimum == null || RANK[severity] >= RANK[minimum];
}

export function formatCheckReport(documents: readonly Document[], options: TextReportOptions = {}): string {
  const blocks: string[] = [];
  for (const document of documents) {
    for (const form of document.forms) {
      const block = formatForm(form, options.minSeverity ?? null);
      if (block !== null) blocks.push(block);
    }
    for (const d of document.diagnostics) {
      if (atOrAbove(d.severity, options.minSeverity)) blocks.push(`${d.file ?? ''}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  return blocks.join('\n\n');
}

/** What a form's table lists: its findings and its parse errors, by line (a parse error before the findings on its line). */
type Entry = { kind: 'finding'; item: Finding } | { kind: 'diagnostic'; item: Diagnostic };

export function formParseErrors(form: Form): Diagnostic[] {
  return (form.diagnostics ?? []).filter((d) => d.severity === 'error');
}

function entriesOf(form: Form, minSeverity: Severity | null): Entry[] {
  const entries: Entry[] = [
    ...formParseErrors(form).map((item): Entry => ({ kind: 'diagnostic', item })),
    ...form.findings.map((item): Entry => ({ kind: 'finding', item })),
  ];
  // Stable: findings keep the checker's order within a line.
  return entries.filter((e) => atOrAbove(e.item.severity, minSeverity)).sort((a, b) => a.item.line - b.item.line);
}

function entryCells(entry: Entry): string[] {
  if (entry.kind === 'diagnostic') return [String(entry.item.line), entry.item.severity, entry.item.code, '', entry.item.message];
  const f = entry.item;
  return [String(f.line), f.severity, f.code, f.declared === null && f.expected === null ? '' : `${f.declared ?? '—'} → ${f.expected ?? '—'}`, f.message.zh];
}

function formatForm(form: Form, minSeverity: Severity | null): string | null {
  const entries = entriesOf(form, minSeverity);
  if (minSeverity !== null && entries.length === 0) return null;
  const where = `${form.source.file ?? '<input>'}:${form.source.startLine}`;
  const lines = [`${where}  ${form.project.name ?? '(no project name)'}`];
  const rows = entries.map(entryCells);
  if (rows.length === 0) lines.push('  no findings');
  else {
    const header = ['line', 'severity', 'code', 'declared → expected', 'message'];
    const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
    const pad = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - width(c)))).join('  ');
    lines.push(pad(header), ...rows.map(pad));
  }
  const s = form.summary;
  const parseErrors = formParseErrors(form).length;
  if (s) {
    lines.push(
      `  total: declared ${s.declaredTotal ?? '—'} (${s.declaredGrade ?? '—'}), recomputed ${s.recomputedTotal ?? '—'} (${s.recomputedGrade ?? '—'}), difference (declared − recomputed) ${s.difference ?? '—'}; ` +
        `${s.counts.error} errors, ${s.counts.warning} warnings, ${s.counts.info} info` +
        (parseErrors > 0 ? `; ${parseErrors} parse error${parseErrors === 1 ? '' : 's'}` : ''),
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
