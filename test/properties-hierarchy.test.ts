/**
 * The normalizer gives back the hierarchy of any form drawn with any mess:
 * for random forms and random mess (test/support/render-mess.ts),
 * normalize(parse(render(form, mess))) has the form's indicators in order,
 * each with its 一级, points, 二级, name, weight and score. Where the drawn
 * text allows more than one reading (centred labels of small groups), the
 * row must carry an `ambiguous-hierarchy` diagnostic that names the true
 * reading; no other row may differ. Names and targets are drawn to fit
 * their group (or neutral), since the normalizer lets them decide between
 * readings; where every row carries its group's cue, nothing is ambiguous.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import type { Form } from '../src/contract/schema.js';
import { familyOf, formArb, indicatorArb, messArb, renderForm, renderForms, type Alignment, type ExpectedIndicator, type Family, type FormSpec, type Level1Spec } from './support/render-mess.js';

const RUNS = 1000;
/** A guard against a hung run, not a speed requirement. */
const TIMEOUT = 120_000;

interface Reading {
  level1: string | null;
  level2: string | null;
}

/** Every way the form departs from what was drawn; empty when it reads back right. */
function departures(form: Form, expected: readonly ExpectedIndicator[]): string[] {
  const problems: string[] = [];
  if (form.indicators.length !== expected.length) problems.push(`${form.indicators.length} indicators read, ${expected.length} drawn`);
  expected.forEach((want, i) => {
    const got = form.indicators[i];
    if (!got) return;
    const fields = [got.line, got.name, got.weight?.raw, got.score?.raw, got.level1Points];
    const drawn = [want.line, want.name, want.weight, want.score, got.level1 === want.level1 ? want.level1Points : got.level1Points];
    if (JSON.stringify(fields) !== JSON.stringify(drawn)) problems.push(`line ${want.line}: read ${JSON.stringify(fields)}, drawn ${JSON.stringify(drawn)}`);
    if (got.level1 === want.level1 && got.level2 === want.level2) return;
    const flag = form.diagnostics.find((d) => d.code === 'ambiguous-hierarchy' && d.line === want.line);
    const readings = (flag?.detail?.alternatives ?? []) as Reading[];
    const named = readings.some((r) => r.level1 === want.level1 && r.level2 === want.level2);
    if (!flag) problems.push(`line ${want.line}: read ${got.level1} / ${got.level2}, drawn ${want.level1} / ${want.level2}, not reported`);
    else if (!named) problems.push(`line ${want.line}: the ambiguity report does not name the drawn reading ${want.level1} / ${want.level2}`);
  });
  for (const d of form.diagnostics) {
    if (d.code === 'unplaced-cell' || d.code === 'indicator-without-name') problems.push(`line ${d.line}: ${d.code} ${d.message}`);
  }
  return problems;
}

/** The rest of the form under the same mess: title, project, funds, goals and total as drawn. */
function otherDepartures(form: Form, spec: FormSpec): string[] {
  const read = {
    title: form.title,
    project: [form.project.name, form.project.amount?.raw ?? null, form.project.department, form.project.implementer],
    funds: form.funds && [form.funds.unit, form.funds.rows.map((r) => [r.label, ...[r.initialBudget, r.adjustedBudget, r.executed, r.weight, r.rate, r.score].map((f) => f?.raw ?? null)])],
    goals: [form.goals.expected?.text ?? null, form.goals.actual?.text ?? null],
    total: form.total && [form.total.weight?.raw ?? null, form.total.score?.raw ?? null],
  };
  const drawn = {
    title: spec.title,
    project: [spec.project.name, spec.project.amount, spec.project.department, spec.project.implementer || null],
    funds: [spec.funds.unit, spec.funds.rows.map((r) => [r.label.replace(/\s+/g, ''), ...r.values])],
    goals: [spec.goals.expected.replace(/<\/?p>/g, ''), spec.goals.actual],
    total: [spec.total.weight, spec.total.score],
  };
  return (Object.keys(drawn) as (keyof typeof drawn)[])
    .filter((k) => JSON.stringify(read[k]) !== JSON.stringify(drawn[k]))
    .map((k) => `${k}: read ${JSON.stringify(read[k])}, drawn ${JSON.stringify(drawn[k])}`);
}

describe('hierarchy from a drawn form', () => {
  it.each<Alignment>(['top', 'middle', 'bottom'])('reads back %s-aligned labels under any other mess', (alignment) => {
    fc.assert(
      fc.property(formArb, messArb({ alignment: fc.constant(alignment) }), (spec, mess) => {
        const rendered = renderForm(spec, mess);
        const document = parse(rendered.text);
        expect(document.forms).toHaveLength(1);
        expect(departures(document.forms[0], rendered.forms[0].indicators)).toEqual([]);
        expect(otherDepartures(document.forms[0], spec)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('reads back several forms per file, each with its own mess', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(formArb, messArb()), { minLength: 2, maxLength: 3 }), (pairs) => {
        const rendered = renderForms(
          pairs.map(([f]) => f),
          pairs.map(([, m]) => ({ ...m, lineEnd: pairs[0][1].lineEnd })),
        );
        const document = parse(rendered.text);
        expect(document.forms).toHaveLength(pairs.length);
        rendered.forms.forEach((drawn, i) => {
          expect(document.forms[i].source.startLine).toBe(drawn.startLine);
          expect(departures(document.forms[i], drawn.indicators)).toEqual([]);
          expect(otherDepartures(document.forms[i], pairs[i][0])).toEqual([]);
        });
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('reports nothing as ambiguous when every 二级 group has one row', () => {
    fc.assert(
      fc.property(formArb, messArb({ alignment: fc.constant('top') }), (spec, mess) => {
        const single = {
          ...spec,
          level1: spec.level1.map((l1) => ({ ...l1, groups: l1.groups.map((g) => ({ ...g, indicators: g.indicators.slice(0, 1) })) })),
        };
        // One row per 二级 group: every row carries its own label, so there is one reading only.
        const rendered = renderForm(single, mess);
        const form = parse(rendered.text).forms[0];
        expect(form.diagnostics.filter((d) => d.code === 'ambiguous-hierarchy')).toEqual([]);
        expect(departures(form, rendered.forms[0].indicators)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('reads centred even groups back exactly, with nothing ambiguous, when every row carries its group\'s cue', () => {
    let twinsFlagged = 0;
    fc.assert(
      fc.property(cuedFormArb, messArb(), fc.nat(), (spec, mess, seed) => {
        const rendered = renderForm(spec, mess);
        const form = parse(rendered.text).forms[0];
        expect(departures(form, rendered.forms[0].indicators)).toEqual([]);
        expect(form.indicators.map((i) => [i.line, i.level1, i.level2])).toEqual(rendered.forms[0].indicators.map((i) => [i.line, i.level1, i.level2]));
        expect(form.diagnostics.filter((d) => d.code === 'ambiguous-hierarchy')).toEqual([]);
        // The same layout with names and targets that say nothing: still read back or reported, row by row.
        const twin = renderForm(neutralTwin(spec, seed), mess);
        const twinForm = parse(twin.text).forms[0];
        expect(departures(twinForm, twin.forms[0].indicators)).toEqual([]);
        if (twinForm.diagnostics.some((d) => d.code === 'ambiguous-hierarchy')) twinsFlagged++;
      }),
      { numRuns: RUNS },
    );
    // Content decides only where it speaks: without it, the same layouts are still reported as ambiguous.
    expect(twinsFlagged).toBeGreaterThan(0);
  }, TIMEOUT);
});

/**
 * A drawn form keeping only groups whose family has cues, no two neighbouring
 * groups of one family, every row named and aimed from its family's own words.
 */
const cuedFormArb: fc.Arbitrary<FormSpec> = formArb.chain((spec) => {
  let previous: Family | null = null;
  const kept: Level1Spec[] = spec.level1
    .map((l1) => ({
      ...l1,
      groups: l1.groups.filter((g) => {
        const family = familyOf(g.level2 ?? l1.level1);
        if (family === 'neutral' || family === previous) return false;
        previous = family;
        return true;
      }),
    }))
    .filter((l1) => l1.groups.length > 0);
  const drawn = kept.map((l1) => fc.tuple(...l1.groups.map((g) => fc.array(indicatorArb(familyOf(g.level2 ?? l1.level1), true), { minLength: 1, maxLength: 5 }))));
  return fc.tuple(...drawn).map((indicators) => ({ ...spec, level1: kept.map((l1, i) => ({ ...l1, groups: l1.groups.map((g, j) => ({ ...g, indicators: indicators[i][j] })) })) }));
});

/** The form with every name and target replaced by neutral ones (picked by `seed`), figures and layout unchanged. */
function neutralTwin(spec: FormSpec, seed: number): FormSpec {
  const names = ['设备运行完成率', '培训工作完成率', '保障机构正常运转', '提高办公效率'];
  const targets = ['100%', '有效', '≥95%'];
  let k = seed;
  const level1 = spec.level1.map((l1) => ({
    ...l1,
    groups: l1.groups.map((g) => ({ ...g, indicators: g.indicators.map((ind) => ({ ...ind, name: names[k++ % names.length], target: targets[k % targets.length] })) })),
  }));
  return { ...spec, level1 };
}
