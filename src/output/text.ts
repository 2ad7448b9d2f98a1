/**
 * The terminal view of checked documents: per form, its findings and its
 * form-level parse errors (a 总分 or 得分 that cannot be read) as one table in
 * line order, then the summary line.
 */
import { placePrefix } from '../io/grid.js';
import { diagnosticMessage, SEVERITY_WORD, ungradableReason, WORDS, type Lang } from '../catalogue/messages.js';
import type { Diagnostic, Document, Finding, Form, Severity } from '../contract/schema.js';
import { atOrAbove } from '../contract/severity.js';
import { columnWidth, displayWidth } from '../parse/text.js';

export interface TextReportOptions {
  /** Language of the headers, severities, messages and summary line; default English. Codes stay English. */
  lang?: Lang;
  /** Only findings and diagnostics at or above it, and no form with none; null or absent: every finding, every form. */
  minSeverity?: Severity | null;
  /** Under each finding, the rule it applies and the documents the rule comes from (`check --explain`). */
  explain?: boolean;
}

export { atOrAbove };

export function formatCheckReport(documents: readonly Document[], options: TextReportOptions = {}): string {
  const lang = options.lang ?? 'en';
  const minSeverity = options.minSeverity ?? null;
  const blocks: string[] = [];
  for (const document of documents) {
    for (const form of document.forms) {
      const block = formatForm(form, lang, minSeverity, options.explain ?? false);
      if (block !== null) blocks.push(block);
    }
    for (const d of document.diagnostics) if (atOrAbove(d.severity, minSeverity)) blocks.push(formatDiagnostic(d, lang));
  }
  return blocks.join('\n\n');
}

/** A diagnostic of the file itself on one line: `file:line:column severity code message`. */
export function formatDiagnostic(d: Diagnostic, lang: Lang): string {
  return `${d.file ?? ''}:${d.line}:${d.column} ${SEVERITY_WORD[lang][d.severity]} ${d.code} ${diagnosticMessage(d, lang)}`;
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

function entryCells(entry: Entry, lang: Lang): string[] {
  const severity = SEVERITY_WORD[lang][entry.item.severity];
  if (entry.kind === 'diagnostic') return [entry.item.cell ?? String(entry.item.line), severity, entry.item.code, '', diagnosticMessage(entry.item, lang)];
  const f = entry.item;
  return [String(f.line), severity, f.code, f.declared === null && f.expected === null ? '' : `${f.declared ?? '—'} → ${f.expected ?? '—'}`, f.message[lang]];
}

/** A finding's rule and its sources, as `--explain` prints them under the finding. */
export function explainRule(finding: Finding, lang: Lang): string[] {
  const rule = finding.rule;
  if (rule == null || typeof rule !== 'object') return [];
  const words = WORDS[lang].explain;
  const sources = (rule.source ?? []).map((source) => {
    const article = lang === 'zh' ? source.article : source.articleEn;
    const name = lang === 'zh' ? source.zh : source.en;
    return `${name}${article ? (lang === 'zh' ? `，${article}` : `, ${article}`) : ''}${source.fromMemory ? words.fromMemory : ''}`;
  });
  return [`${words.rule}${rule[lang]}`, ...sources.map((source) => `${words.source}${source}`)];
}

function formatForm(form: Form, lang: Lang, minSeverity: Severity | null, explain = false): string | null {
  const entries = entriesOf(form, minSeverity);
  if (minSeverity !== null && entries.length === 0) return null;
  const words = WORDS[lang];
  const where = `${form.source.file ?? words.standardInput}:${placePrefix(form.source)}${form.source.startLine}`;
  const lines = [`${where}  ${form.project.name ?? words.noProjectName}`];
  const rows = entries.map((entry) => entryCells(entry, lang));
  if (rows.length === 0) lines.push('  ' + words.noFindings);
  else {
    const header = [...words.header];
    const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
    const pad = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - displayWidth(c)))).join('  ');
    lines.push(pad(header));
    entries.forEach((entry, index) => {
      lines.push(pad(rows[index]));
      if (explain && entry.kind === 'finding') for (const line of explainRule(entry.item, lang)) lines.push(`      ${line}`);
    });
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
          parseErrors: formParseErrors(form).length,
          ungradable: ungradableReason(s, lang),
        }),
    );
  }
  return lines.join('\n');
}

/** The longest start of `text` that takes at most `columns` columns (widths as the parser counts them, `columnWidth`). */
export function fitWidth(text: string, columns: number): string {
  let width = 0;
  for (let end = 0; end < text.length; end++) {
    width += columnWidth(text.charCodeAt(end));
    if (width > columns) return text.slice(0, end);
  }
  return text;
}
