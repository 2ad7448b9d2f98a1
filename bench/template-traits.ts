/**
 * Generated-template bench: draws forms from the template generator
 * (test/support/template-gen.ts: every trait drawn on its own), parses each
 * export's bytes and compares every field with the drawn truth. Prints, per
 * value of every trait: forms, fields, % fields right, % fields wrong or
 * missing with no warning or error on their line (silent), % indicator rows
 * right, and the provenance violations (an output label or figure that is no
 * cell of its line, unreported); then the commonest silent misreads with a
 * seed that draws each again (`generateTemplate(seed)`).
 *
 * On its own: `npm run bench:traits` (FORMS=10000 by default, SEED=1 the first
 * seed, TOP=25 misreads listed). `npm run bench` runs it after the throughput
 * targets.
 */
import { performance } from 'node:perf_hooks';
import { basename } from 'node:path';
import { parse } from '../src/api/pipeline.js';
import { compareToTruth, type FieldResult } from '../test/support/template-compare.js';
import { TRAIT_NAMES, TRAIT_VALUES, generateTemplate, type TraitName } from '../test/support/template-gen.js';

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
  megabytes: number;
  parseSeconds: number;
  /** `trait=value` → tally; `all` for every form. */
  tallies: Map<string, TraitTally>;
  /** Silent misreads, grouped by trait-free description, with a seed that shows each. */
  silent: Map<string, { count: number; seed: number; sample: FieldResult }>;
}

const emptyTally = (): TraitTally => ({ forms: 0, fields: 0, right: 0, silent: 0, reported: 0, rows: 0, rowsRight: 0, provenance: 0 });

export function runTraitBench(forms: number, firstSeed = 1): TraitBench {
  const tallies = new Map<string, TraitTally>();
  const silent: TraitBench['silent'] = new Map();
  let bytes = 0;
  let parseSeconds = 0;
  for (let seed = firstSeed; seed < firstSeed + forms; seed++) {
    const { bytes: input, truth } = generateTemplate(seed);
    const started = performance.now();
    const document = parse(input);
    parseSeconds += (performance.now() - started) / 1000;
    bytes += input.byteLength;
    const comparison = compareToTruth(document, truth);
    const results = [...comparison.fields, ...comparison.extras];
    const keys = ['all', ...TRAIT_NAMES.map((t) => `${t}=${truth.traits[t]}`)];
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
    for (const r of results) {
      if (!r.verdict.endsWith('silent')) continue;
      const key = `${r.verdict} ${r.field}`;
      const g = silent.get(key);
      if (g) g.count++;
      else silent.set(key, { count: 1, seed, sample: r });
    }
  }
  return { forms, megabytes: bytes / (1024 * 1024), parseSeconds, tallies, silent };
}

const pct = (a: number, b: number, digits = 1) => (b === 0 ? '-' : ((100 * a) / b).toFixed(digits));

/** The per-trait table, one line per trait value, as text. */
export function traitTable(bench: TraitBench): string {
  const out: string[] = [];
  const header = ['trait', 'value', 'forms', 'fields', 'right %', 'silent %', 'rows right %', 'provenance'];
  const widths = [18, 18, 6, 8, 8, 9, 13, 10];
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
  out.push(line(header));
  const row = (trait: string, value: string, t: TraitTally) =>
    line([trait, value, String(t.forms), String(t.fields), pct(t.right, t.fields), pct(t.silent, t.fields, 2), pct(t.rowsRight, t.rows), String(t.provenance)]);
  for (const trait of TRAIT_NAMES) {
    for (const value of TRAIT_VALUES[trait as TraitName]) {
      const t = bench.tallies.get(`${trait}=${value}`);
      if (t) out.push(row(trait, value, t));
    }
  }
  const all = bench.tallies.get('all');
  if (all) out.push(row('all', '', all));
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
  const bench = runTraitBench(forms, seed);
  console.log(`generated templates: ${forms} forms from seed ${seed}, ${bench.megabytes.toFixed(1)} MB, parsed at ${(bench.megabytes / bench.parseSeconds).toFixed(2)} MB/s (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  console.log(traitTable(bench));
  console.log('');
  console.log(silentList(bench, Number(process.env.TOP ?? 25)));
}

// Run when this file (or its bundle) is the program; `npm run bench` imports it instead.
if (basename(process.argv[1] ?? '').startsWith('template-traits')) main();
