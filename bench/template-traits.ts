/**
 * Generated-template bench: draws forms from the template generator
 * (test/support/template-gen.ts: every trait drawn on its own), parses each
 * export's bytes and compares every field with the drawn truth. Prints, per
 * value of every trait: forms, fields, % fields right, % fields wrong or
 * missing with no warning or error on their line (silent), % indicator rows
 * right, and the provenance violations (an output label or figure that is no
 * cell of its line, unreported); the same for the value alone (every other
 * trait at the baseline, ALONE forms each), so that a weak trait shows by name
 * and not only through the forms it shares with others; the trait combinations
 * failing forms need to fail (each reduced by setting its traits back to the
 * baseline one at a time); and the commonest silent misreads with a seed that
 * draws each again (`generateTemplate(seed)`).
 *
 * On its own: `npm run bench:traits` (FORMS=10000 by default, SEED=1 the first
 * seed, ALONE=100 forms per trait value, MINIMISE=200 failing forms reduced,
 * TOP=25 lines listed). `npm run bench` runs it after the throughput targets.
 */
import { performance } from 'node:perf_hooks';
import { basename } from 'node:path';
import { parse } from '../src/api/pipeline.js';
import { compareToTruth, violates, type FieldResult } from '../test/support/template-compare.js';
import {
  BASELINE,
  TRAIT_NAMES,
  TRAIT_VALUES,
  comboName,
  exactly,
  generateTemplate,
  minimalTraits,
  type Generated,
  type TraitName,
  type Traits,
} from '../test/support/template-gen.js';

export interface TraitTally {
  forms: number;
  fields: number;
  right: number;
  silent: number;
  reported: number;
  rows: number;
  rowsRight: number;
  provenance: number;
}

export interface TraitBench {
  forms: number;
  /** `trait=value` → tally over forms with that value and every other trait at the baseline. */
  alone: Map<string, TraitTally>;
  /** Minimal failing trait combinations (see minimalTraits) → how many failing forms need them, and a seed. */
  combos: Map<string, { count: number; seed: number }>;
  /** Failing forms (a silent misread or a provenance violation) and how many were minimised. */
  failing: number;
  minimised: number;
  megabytes: number;
  parseSeconds: number;
  /** `trait=value` → tally; `all` for every form. */
  tallies: Map<string, TraitTally>;
  /** Silent misreads, grouped by trait-free description, with a seed that shows each. */
  silent: Map<string, { count: number; seed: number; sample: FieldResult }>;
}

const emptyTally = (): TraitTally => ({ forms: 0, fields: 0, right: 0, silent: 0, reported: 0, rows: 0, rowsRight: 0, provenance: 0 });

const failsOn = (g: Generated) => violates(compareToTruth(parse(g.bytes), g.truth));

function count(tallies: Map<string, TraitTally>, keys: string[], comparison: ReturnType<typeof compareToTruth>): void {
  const results = [...comparison.fields, ...comparison.extras];
  for (const key of keys) {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = emptyTally()));
    t.forms++;
    for (const r of results) {
      t.fields++;
      if (r.verdict === 'right') t.right++;
      else if (r.verdict.endsWith('silent')) t.silent++;
      else t.reported++;
    }
    t.rows += comparison.indicatorRows.length;
    t.rowsRight += comparison.indicatorRows.filter((r) => r.right).length;
    t.provenance += comparison.provenance.length;
  }
}

/** Fields by the section of the form they belong to (`section=funds` …). */
function countSections(tallies: Map<string, TraitTally>, comparison: ReturnType<typeof compareToTruth>): void {
  for (const r of [...comparison.fields, ...comparison.extras]) {
    const key = `section=${r.section}`;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = emptyTally()));
    t.fields++;
    if (r.verdict === 'right') t.right++;
    else if (r.verdict.endsWith('silent')) t.silent++;
    else t.reported++;
  }
}

/**
 * `forms` forms with every trait drawn; `alone` forms per trait value with the
 * others at the baseline; the first `minimise` failing forms reduced to the
 * traits they need to fail.
 */
export function runTraitBench(forms: number, options: { firstSeed?: number; alone?: number; minimise?: number } = {}): TraitBench {
  const firstSeed = options.firstSeed ?? 1;
  const tallies = new Map<string, TraitTally>();
  const alone = new Map<string, TraitTally>();
  const silent: TraitBench['silent'] = new Map();
  const combos: TraitBench['combos'] = new Map();
  let failing = 0;
  let minimised = 0;
  let bytes = 0;
  let parseSeconds = 0;
  for (let seed = firstSeed; seed < firstSeed + forms; seed++) {
    const { bytes: input, truth } = generateTemplate(seed);
    const started = performance.now();
    const document = parse(input);
    parseSeconds += (performance.now() - started) / 1000;
    bytes += input.byteLength;
    const comparison = compareToTruth(document, truth);
    count(tallies, ['all', ...TRAIT_NAMES.map((t) => `${t}=${truth.traits[t]}`)], comparison);
    countSections(tallies, comparison);
    for (const r of [...comparison.fields, ...comparison.extras]) {
      if (!r.verdict.endsWith('silent')) continue;
      const key = `${r.verdict} ${r.field}`;
      const g = silent.get(key);
      if (g) g.count++;
      else silent.set(key, { count: 1, seed, sample: r });
    }
    if (!violates(comparison)) continue;
    failing++;
    if (minimised >= (options.minimise ?? 200)) continue;
    minimised++;
    const name = comboName(minimalTraits(seed, truth.traits, failsOn)) || '(baseline)';
    const c = combos.get(name);
    if (c) c.count++;
    else combos.set(name, { count: 1, seed });
  }
  for (const trait of TRAIT_NAMES) {
    for (const value of TRAIT_VALUES[trait]) {
      for (let seed = firstSeed; seed < firstSeed + (options.alone ?? 100); seed++) {
        const { bytes: input, truth } = generateTemplate(seed, exactly({ ...BASELINE, [trait]: value } as Traits));
        count(alone, [`${trait}=${value}`], compareToTruth(parse(input), truth));
      }
    }
  }
  return { forms, alone, combos, failing, minimised, megabytes: bytes / (1024 * 1024), parseSeconds, tallies, silent };
}

const pct = (a: number, b: number, digits = 1) => (b === 0 ? '-' : ((100 * a) / b).toFixed(digits));

/** The per-trait table, one line per trait value, as text. */
export function traitTable(bench: TraitBench): string {
  const out: string[] = [];
  const header = ['trait', 'value', 'forms', 'fields', 'right %', 'silent %', 'rows right %', 'provenance', 'alone silent %', 'alone prov.'];
  const widths = [18, 18, 6, 8, 8, 9, 13, 10, 15, 11];
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
  out.push(line(header));
  const row = (trait: string, value: string, t: TraitTally, a: TraitTally | undefined) =>
    line([
      trait,
      value,
      String(t.forms),
      String(t.fields),
      pct(t.right, t.fields),
      pct(t.silent, t.fields, 2),
      pct(t.rowsRight, t.rows),
      String(t.provenance),
      a ? pct(a.silent, a.fields, 2) : '',
      a ? String(a.provenance) : '',
    ]);
  for (const trait of TRAIT_NAMES) {
    for (const value of TRAIT_VALUES[trait as TraitName]) {
      const t = bench.tallies.get(`${trait}=${value}`);
      if (t) out.push(row(trait, value, t, bench.alone.get(`${trait}=${value}`)));
    }
  }
  for (const section of ['project', 'funds', 'indicator', 'total']) {
    const t = bench.tallies.get(`section=${section}`);
    if (t) out.push(line(['section', section, '', String(t.fields), pct(t.right, t.fields), pct(t.silent, t.fields, 2), '', '', '', '']));
  }
  const all = bench.tallies.get('all');
  if (all) out.push(row('all', '', all, undefined));
  return out.join('\n');
}

/** The minimal failing combinations, commonest first. */
export function comboList(bench: TraitBench, top: number): string {
  const out = [
    `weak traits: of ${bench.failing} failing forms (a silent misread or a provenance violation), ${bench.minimised} reduced to the traits they need to fail:`,
  ];
  for (const [name, c] of [...bench.combos].sort((a, b) => b[1].count - a[1].count).slice(0, top)) out.push(`${String(c.count).padStart(6)}× ${name} (e.g. seed ${c.seed})`);
  return out.join('\n');
}

export function silentList(bench: TraitBench, top: number): string {
  const out = [`silent misreads (fields wrong or missing with no warning or error on their line), commonest first:`];
  for (const [key, g] of [...bench.silent].sort((a, b) => b[1].count - a[1].count).slice(0, top))
    out.push(`${String(g.count).padStart(6)}× ${key}: e.g. seed ${g.seed} line ${g.sample.line}, drawn ${JSON.stringify(g.sample.expected)}, read ${JSON.stringify(g.sample.got)}`);
  return out.join('\n');
}

function main(): void {
  const forms = Number(process.env.FORMS ?? 10_000);
  const seed = Number(process.env.SEED ?? 1);
  const started = performance.now();
  const bench = runTraitBench(forms, { firstSeed: seed, alone: Number(process.env.ALONE ?? 100), minimise: Number(process.env.MINIMISE ?? 200) });
  console.log(`generated templates: ${forms} forms from seed ${seed}, ${bench.megabytes.toFixed(1)} MB, parsed at ${(bench.megabytes / bench.parseSeconds).toFixed(2)} MB/s (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  console.log(traitTable(bench));
  console.log('');
  console.log(comboList(bench, Number(process.env.TOP ?? 25)));
  console.log('');
  console.log(silentList(bench, Number(process.env.TOP ?? 25)));
}

// Run when this file (or its bundle) is the program; `npm run bench` imports it instead.
if (basename(process.argv[1] ?? '').startsWith('template-traits')) main();
