/**
 * The reviewable projection of a document that the sample table compares:
 * every field a reader checks against the source lines, without the column
 * positions that would make a hand-checked file unreadable.
 */
import type { Document, Figure, Measure } from '../../src/contract/schema.js';

const fig = (f: Figure | null) => (f === null ? null : f.value ?? f.raw);
const measure = (m: Measure | null) => (m === null ? null : m.raw);

export function project(document: Document) {
  return {
    forms: document.forms.map((form) => ({
      title: form.title,
      lines: [form.source.startLine, form.source.endLine],
      project: { ...form.project, amount: fig(form.project.amount) },
      funds: form.funds && {
        unit: form.funds.unit,
        // 到位数 (received), where a form has that column, after the six canonical figures.
        rows: form.funds.rows.map((r) => [
          r.line,
          r.label,
          r.kind,
          fig(r.initialBudget),
          fig(r.adjustedBudget),
          fig(r.executed),
          fig(r.weight),
          fig(r.rate),
          fig(r.score),
          ...(r.received ? [fig(r.received)] : []),
        ]),
      },
      goals: { expected: form.goals.expected?.text ?? null, actual: form.goals.actual?.text ?? null },
      indicators: form.indicators.map((i) => [i.line, i.level1, i.level1Points, i.level2, i.name, measure(i.target), measure(i.actual), fig(i.weight), fig(i.score), i.deviation]),
      total: form.total && [form.total.line, fig(form.total.weight), fig(form.total.score)],
      diagnostics: form.diagnostics.map((d) => [d.line, d.code]),
      findings: form.findings.map((f) => [f.line, f.code, f.declared, f.expected]),
      // The checker's sums of each 一级: its line, label and printed points, Σ weights, Σ declared scores, Σ recomputed scores.
      level1: form.summary?.level1?.map((l) => [l.line, l.label, l.points, l.weight, l.declared, l.recomputed]) ?? null,
      // The budget-execution part as the totals count it: its line, 分值, declared 得分 and recomputed 得分.
      execution: form.summary?.execution ? [form.summary.execution.line, form.summary.execution.weight, form.summary.execution.declared, form.summary.execution.recomputed] : null,
    })),
    diagnostics: document.diagnostics.map((d) => [d.line, d.code]),
  };
}
