/**
 * Template accuracy: renders the facts of published forms (test/fixtures/public-forms)
 * and forms drawn by the template generators into exports in tab, pipe and space
 * layouts with the renderer's mess, parses them and compares every field with the
 * source. Prints % fields right, % indicator rows fully right, % fields wrong with
 * no warning or error on their line, per source and layout, and the worst silent misreads.
 *
 * npm run bench:templates
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from '../src/api/pipeline.js';
import type { Form } from '../src/contract/schema.js';
import { simplifiedKey } from '../src/tables/script.js';
import {
  renderForm,
  templateFormArb,
  templateMessArb,
  type Alignment,
  type FormSpec,
  type Layout,
  type Mess,
} from '../test/support/render-mess.js';
import { PUBLIC_FORMS_DIR, readPublicForm, specOfPublic } from '../test/support/public-forms.js';

const FIXTURES = PUBLIC_FORMS_DIR;
const LAYOUTS: Layout[] = ['tab', 'pipe', 'spaces'];
const ALIGNMENTS: Alignment[] = ['top', 'middle', 'bottom'];
const DRIFTS: number[][] = process.env.NODRIFT ? [[0]] : [[0], [1, 0, 2]];
const GENERATED_PER_LAYOUT = Number(process.env.GENERATED ?? 60);

/** What a field should read back as: the printed text, blank as null. */
const orNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v);
/** Labels compare without spaces, line breaks and points (the reader keeps them as written, points apart). */
const labelKey = (v: string | null): string | null => (v === null ? null : simplifiedKey(v).replace(/\s+/g, '').replace(/[（(]?\d+(\.\d+)?分[)）]?$/, '') || null);
const textKey = (v: string | null): string | null => (v === null ? null : v.replace(/\s+/g, ' ').trim() || null);
interface Check { source: string; layout: Layout; field: string; expected: string | null; got: string | null; line: number; lineText: string; flagged: boolean }
interface Tally { fields: number; right: number; silent: number; rows: number; rowsRight: number }

const tallies = new Map<string, Tally>();
const silent: Check[] = [];
const misses: Check[] = [];
const tally = (key: string): Tally => {
  let t = tallies.get(key);
  if (!t) tallies.set(key, (t = { fields: 0, right: 0, silent: 0, rows: 0, rowsRight: 0 }));
  return t;
};

function lineOf(lines: string[], from: number, test: (line: string) => boolean): number {
  for (let i = from; i < lines.length; i++) if (test(lines[i])) return i + 1;
  return 0;
}

function measure(source: string, spec: FormSpec, mess: Mess): void {
  const layout = mess.layout ?? 'tab';
  const rendered = renderForm(spec, mess);
  const lines = rendered.text.split(/\r?\n/);
  const document = parse(rendered.text);
  const form: Form | undefined = document.forms[0];
  const flaggedLines = new Set<number>();
  for (const d of [...(form?.diagnostics ?? []), ...document.diagnostics]) if (d.severity !== 'info') flaggedLines.add(d.line);
  // A row's first physical line: quoted cells of tab text may span lines.
  const firstLineOf = (line: number): number => {
    const starts = form?.indicators.map((i) => i.line).filter((l) => l <= line) ?? [];
    return starts.length ? Math.max(...starts) : line;
  };
  const keys = [`source ${source}`, `layout ${layout}`, 'all'];
  const record = (field: string, expected: string | null, got: string | null, line: number, key: (v: string | null) => string | null = textKey): boolean => {
    const ok = key(expected) === key(got);
    const check: Check = { source, layout, field, expected, got, line, lineText: lines[line - 1] ?? '', flagged: flaggedLines.has(line) || flaggedLines.has(firstLineOf(line)) };
    for (const k of keys) {
      const t = tally(k);
      t.fields++;
      if (ok) t.right++;
      else if (!check.flagged) t.silent++;
    }
    if (!ok) (check.flagged ? misses : silent).push(check);
    return ok;
  };
  const nameLine = lineOf(lines, 0, (l) => l.includes('项目名称'));
  const deptLine = lineOf(lines, 0, (l) => l.includes('主管部门'));
  record('project.name', orNull(spec.project.name), form?.project.name ?? null, nameLine);
  record('project.amount', orNull(spec.project.amount), form?.project.amount?.raw ?? null, nameLine);
  record('project.department', orNull(spec.project.department), form?.project.department ?? null, deptLine);
  record('project.implementer', orNull(spec.project.implementer), form?.project.implementer ?? null, deptLine);
  const fundsHeader = lineOf(lines, 0, (l) => l.includes('年初预算数'));
  const FUNDS_FIELDS = ['initialBudget', 'adjustedBudget', 'executed', 'weight', 'rate', 'score'] as const;
  spec.funds.rows.forEach((row, k) => {
    const line = fundsHeader + 1 + k;
    const got = form?.funds?.rows.find((r) => r.line === line) ?? null;
    FUNDS_FIELDS.forEach((field, i) => record(`funds.${field}`, orNull(row.values[i]), got?.[field]?.raw ?? null, line));
  });
  const expected = rendered.forms[0].indicators;
  // The renderer records a row's last physical line; a quoted multi-line cell makes the row start earlier.
  expected.forEach((want, k) => {
    const after = k > 0 ? expected[k - 1].line : 0;
    const got = form?.indicators.find((i) => i.line > after && i.line <= want.line) ?? null;
    const results = [
      record('level1', want.level1, got?.level1 ?? null, want.line, labelKey),
      record('level1Points', want.level1Points, got?.level1Points ?? null, want.line),
      record('level2', want.level2, got?.level2 ?? null, want.line, labelKey),
      record('name', want.name, got?.name ?? null, want.line),
      record('target', orNull(want.target), got?.target?.raw ?? null, want.line),
      record('actual', orNull(want.actual), got?.actual?.raw ?? null, want.line),
      record('weight', orNull(want.weight), got?.weight?.raw ?? null, want.line),
      record('score', orNull(want.score), got?.score?.raw ?? null, want.line),
    ];
    for (const k of keys) {
      const t = tally(k);
      t.rows++;
      if (results.every(Boolean)) t.rowsRight++;
    }
  });
  if ((spec.columns ?? 'standard') !== 'resultsOnly') {
    const totalLine = lineOf(lines, fundsHeader, (l) => /^\W*总分/.test(l.replace(/^[|\s]+/, '')));
    record('total.weight', orNull(spec.total.weight), form?.total?.weight?.raw ?? null, totalLine);
    record('total.score', orNull(spec.total.score), form?.total?.score?.raw ?? null, totalLine);
  }
}

const MESS_BASE: Mess = { alignment: 'top', drift: [0], extraColumn: null, pageBreaks: [], repeatTitle: false, satisfactionInColumn0: false, lineEnd: '\n' };

for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()) {
  const facts = readPublicForm(file);
  const spec = specOfPublic(facts);
  for (const layout of LAYOUTS)
    for (const alignment of ALIGNMENTS)
      for (const drift of layout === 'spaces' ? [[0]] : DRIFTS) measure(file.replace('.json', ''), spec, { ...MESS_BASE, layout, alignment, drift });
}
// Published forms under random mess too (extra columns, page breaks, repeated titles, CRLF, any drift).
const MESSY_PER_FORM = Number(process.env.MESSY ?? 4);
for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()) {
  const spec = specOfPublic(readPublicForm(file));
  for (const layout of LAYOUTS)
    for (const mess of fc.sample(templateMessArb({ layout: fc.constant(layout) }), { numRuns: MESSY_PER_FORM, seed: 7 }))
      measure(`messy ${file.replace('.json', '')}`, spec, mess);
}
for (const layout of LAYOUTS) {
  const drawn = fc.sample(fc.tuple(templateFormArb(), templateMessArb({ layout: fc.constant(layout) })), { numRuns: GENERATED_PER_LAYOUT, seed: 13 });
  for (const [spec, mess] of drawn) measure(`generated ${spec.template}/${spec.columns}`, spec, mess);
}

const pct = (a: number, b: number) => (b === 0 ? '  -  ' : ((100 * a) / b).toFixed(1).padStart(5));
console.log('key'.padEnd(44), 'fields  right%  rows%  silent%');
for (const [key, t] of [...tallies].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b))))
  console.log(key.padEnd(44), String(t.fields).padStart(6), pct(t.right, t.fields), ' ', pct(t.rowsRight, t.rows), ' ', pct(t.silent, t.fields));

const show = (title: string, list: Check[]) => {
  const groups = new Map<string, { n: number; sample: Check }>();
  for (const c of list) {
    const key = `${c.source} ${c.field} ${JSON.stringify(c.expected)} ${JSON.stringify(c.got)}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { n: 1, sample: c });
  }
  console.log(`\n${title} (${list.length})`);
  for (const { n, sample: c } of [...groups.values()].sort((a, b) => b.n - a.n).slice(0, Number(process.env.TOP ?? 40)))
    console.log(`${String(n).padStart(3)}× ${c.source} [${c.layout}] ${c.field}: expected ${JSON.stringify(c.expected)} got ${JSON.stringify(c.got)}\n      ${JSON.stringify(c.lineText.slice(0, 140))}`);
};
show('silent misreads', silent);
if (process.env.MISSES) show('reported misses', misses);
