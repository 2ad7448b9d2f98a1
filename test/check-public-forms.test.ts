/**
 * No false alarm on real forms: the facts of published forms
 * (test/fixtures/public-forms, transcribed with their own mistakes) written
 * out as a clean tab export and checked. Every warning and error expected on a
 * form is one its `observations` name (the form's own mistake); a form whose
 * observations name none gets none. Forms transcribed only in part
 * (`complete: false` with a truncated indicator list) are left out where the
 * cut makes their sums meaningless.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { CLEAN, renderForm, type Alignment, type Layout, type Mess } from './support/render-mess.js';
import { readPublicForm, specOfPublic } from './support/public-forms.js';

/** The warnings and errors on a published form, as sorted codes. */
function alarms(file: string, mess: Mess = CLEAN): string[] {
  const document = check(parse(renderForm(specOfPublic(readPublicForm(file)), mess).text));
  expect(document.forms).toHaveLength(1);
  return document.forms[0].findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.code).sort();
}

/** What a failing case shows: the export, its alarms with their messages, and the reader's diagnostics. */
function explain(file: string, mess: Mess): string {
  const text = renderForm(specOfPublic(readPublicForm(file)), mess).text;
  const form = check(parse(text)).forms[0];
  const alarms = form.findings.filter((finding) => finding.severity !== 'info').map((finding) => `${finding.code} line ${finding.line}: ${finding.message.en}`);
  const diagnostics = form.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
  return [text, ...alarms, ...diagnostics].join('\n');
}

const CASES: Array<{ file: string; why: string; alarms: string[] }> = [
  { file: 'form-03.json', why: 'a consistent form (two rows, actuals blank and unscored)', alarms: [] },
  { file: 'form-05.json', why: 'its scores add up to 120, its 总分 says 100', alarms: ['total-score-mismatch'] },
  { file: 'form-22.json', why: 'its sums are consistent (20 + 79.6 = 99.6)', alarms: [] },
  { file: 'form-24.json', why: 'a target form: no scores', alarms: [] },
  { file: 'form-25.json', why: 'a target form: no scores', alarms: [] },
  { file: 'form-26.json', why: 'a target form: no scores', alarms: [] },
  {
    file: 'form-30.json',
    why: 'two shortfalls scored full: 4604 against ≥4754 scored 5 of 5, 5830元/户 against ≤5300元/户 scored 10 of 10',
    alarms: ['indicator-score-mismatch', 'indicator-score-mismatch'],
  },
  {
    file: 'form-31.json',
    why: 'four targets met exactly, each scored 90 % with no deviation reason',
    alarms: [...Array(4).fill('indicator-score-mismatch'), ...Array(4).fill('missing-deviation-reason')].sort(),
  },
  { file: 'form-35.json', why: 'a target form: no scores', alarms: [] },
  { file: 'form-37.json', why: 'a target form: no scores', alarms: [] },
  { file: 'form-43.json', why: 'a target form: no scores', alarms: [] },
  {
    file: 'form-44.json',
    why: 'its only source executed 1157.9 against a total of 1157.97; 57.8985 % printed truncated as 57.89 %',
    alarms: ['execution-rate-mismatch', 'funds-sum-mismatch'],
  },
];

describe('published forms: every warning and error is a mistake the form makes', () => {
  it.each(CASES.map((c) => [`${c.file}: ${c.why}`, c] as const))('%s', (_name, c) => {
    expect(alarms(c.file)).toEqual(c.alarms);
  });
});

/** The same forms as other exports print them: pipes or aligned spaces, merged labels in the middle or at the bottom, empty cells dropped. */
const MESSES: Mess[] = (['tab', 'pipe', 'spaces'] as Layout[]).flatMap((layout) =>
  (['top', 'middle', 'bottom'] as Alignment[]).flatMap((alignment) =>
    (layout === 'spaces' ? [[0]] : [[0], [1, 0, 2]]).map((drift): Mess => ({ ...CLEAN, layout, alignment, drift })),
  ),
);

/** Whether every code of `found` is one of `allowed`, as often as there. */
function within(found: readonly string[], allowed: readonly string[]): boolean {
  const left = [...allowed];
  for (const code of found) {
    const at = left.indexOf(code);
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return true;
}

// A figure the reader could not place in a messier layout may hide a true alarm (the reader reports it); it must never add one.
describe('published forms in other exports: no alarm the form does not earn', () => {
  it.each(CASES.map((c) => [c.file, c] as const))('%s', (_name, c) => {
    for (const mess of MESSES) {
      const found = alarms(c.file, mess);
      expect(within(found, c.alarms), `${mess.layout} ${mess.alignment} ${mess.drift.join(',')}: ${found.join(', ')}\n${explain(c.file, mess)}`).toBe(true);
    }
  });
});
