/**
 * The templates of other provinces (shared/templates.md, indicator block),
 * drawn with any mess in tab, pipe and space layouts: over generated forms
 * of every template, every indicator field read back equals the drawn one,
 * or its line carries a warning or an error that says why. Drawn clean
 * (labels on each group's first row, nothing dropped), every field reads
 * back right with no report, but for a 一级 or 二级 that the merged labels
 * leave open, reported as ambiguous-hierarchy.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import type { Form } from '../src/contract/schema.js';
import { renderForm, templateFormArb, templateMessArb, type ExpectedIndicator, type FormSpec, type Layout } from './support/render-mess.js';

const RUNS = 400;
const TIMEOUT = 120_000;

type Field = 'level1' | 'level1Points' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'deviation';
const FIELDS: readonly Field[] = ['level1', 'level1Points', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'deviation'];

function readBack(form: Form, line: number) {
  const got = form.indicators.find((i) => i.line === line);
  if (!got) return null;
  return {
    level1: got.level1,
    level1Points: got.level1Points,
    level2: got.level2,
    name: got.name,
    target: got.target?.raw ?? null,
    actual: got.actual?.raw ?? null,
    weight: got.weight?.raw ?? null,
    score: got.score?.raw ?? null,
    deviation: got.deviation,
  };
}

const HIERARCHY: ReadonlySet<Field> = new Set(['level1', 'level1Points', 'level2']);

/**
 * The fields that differ from the drawn ones, line by line. With `reported`,
 * only those with no warning or error on their line; else only those not
 * covered by an ambiguous-hierarchy report (a 一级 or 二级 the drawn labels
 * leave open) on their line.
 */
function wrongFields(form: Form, expected: readonly ExpectedIndicator[], reported: boolean): string[] {
  const flagged = new Set(form.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.line));
  const ambiguous = new Set(form.diagnostics.filter((d) => d.code === 'ambiguous-hierarchy').map((d) => d.line));
  const problems: string[] = [];
  for (const want of expected) {
    const got = readBack(form, want.line);
    if (!got) {
      if (!reported || !flagged.has(want.line)) problems.push(`line ${want.line}: no indicator read`);
      continue;
    }
    for (const field of FIELDS) {
      if (JSON.stringify(got[field]) === JSON.stringify(want[field])) continue;
      if (reported && flagged.has(want.line)) continue;
      if (!reported && HIERARCHY.has(field) && ambiguous.has(want.line)) continue;
      problems.push(`line ${want.line} ${field}: read ${JSON.stringify(got[field])}, drawn ${JSON.stringify(want[field])}`);
    }
  }
  const lines = new Set(expected.map((e) => e.line));
  for (const extra of form.indicators.filter((i) => !lines.has(i.line))) {
    if (!reported || !flagged.has(extra.line)) problems.push(`line ${extra.line}: an indicator nobody drew`);
  }
  return problems;
}

/**
 * A row named 服务对象满意度 whose empty cells before the name were dropped
 * reads exactly like a row of the 服务对象满意度 二级 group (its label in the
 * 二级 column, the row's first cells after it): no reader can tell the two
 * apart, so drifted forms are drawn without such names (the clean property
 * below keeps them).
 */
function renamed(spec: FormSpec): FormSpec {
  const rename = (name: string) => (['服务对象满意度', '群众满意度', '满意度'].includes(name) ? '受益群众满意度' : name);
  return { ...spec, level1: spec.level1.map((l1) => ({ ...l1, groups: l1.groups.map((g) => ({ ...g, indicators: g.indicators.map((i) => ({ ...i, name: rename(i.name) })) })) })) };
}

describe('templates of other provinces', () => {
  it.each<Layout>(['tab', 'pipe', 'spaces'])('every field of every template reads back or is reported on its line (%s)', (layout) => {
    fc.assert(
      fc.property(templateFormArb(), templateMessArb({ layout: fc.constant(layout) }), (drawn, mess) => {
        const spec = mess.drift.some((d) => d > 0) ? renamed(drawn) : drawn;
        const rendered = renderForm(spec, mess);
        const document = parse(rendered.text);
        expect(document.forms).toHaveLength(1);
        expect(wrongFields(document.forms[0], rendered.forms[0].indicators, true)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it.each<Layout>(['tab', 'pipe', 'spaces'])('a clean drawing of every template reads back exactly, with nothing reported (%s)', (layout) => {
    fc.assert(
      fc.property(
        templateFormArb(),
        templateMessArb({ alignment: fc.constant('top'), layout: fc.constant(layout) }).map((m) => ({ ...m, drift: [0], extraColumn: null, satisfactionInColumn0: false })),
        (spec, mess) => {
          const rendered = renderForm(spec, mess);
          const form = parse(rendered.text).forms[0];
          expect(wrongFields(form, rendered.forms[0].indicators, false)).toEqual([]);
          const lines = new Set(rendered.forms[0].indicators.map((e) => e.line));
          const reports = form.diagnostics.filter((d) => lines.has(d.line) && d.severity !== 'info' && d.code !== 'ambiguous-hierarchy');
          expect(reports.map((d) => [d.line, d.code, d.message])).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
