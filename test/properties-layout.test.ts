/**
 * The layout invariants over the template generator (support/template-gen.ts),
 * every trait drawn on its own:
 *
 * - every field the form was drawn with reads back as drawn, or its line
 *   carries a warning or an error (never a silent misread);
 * - provenance: every output label and figure is the text of a cell on its
 *   cited line (after width folding and whitespace), or that line carries one.
 *
 * Today's reader does not hold them for every trait. The trait values and
 * combinations it fails are named below, each with today's share of fields
 * read wrong with no report (its forms drawn with every other trait from the
 * values not named here) and seeds of forms it misreads. The target
 * is at most 0.2 % for every trait; an entry is held to no worse than its
 * figure, and leaves the list once its seeds and first forms read right (a
 * test below says so). Everything not listed is held to the invariants
 * exactly: each value alone, and all of them drawn together (forms with a
 * listed combination aside).
 *
 * `LIST_WEAK=1500 npx vitest run test/properties-layout.test.ts -t 'known weak'
 * --testTimeout=900000` prints each entry as it stands (seeds searched over
 * 1 500 forms); `npm run bench:traits` gives the per-trait figures over 10 000
 * forms, and the combinations failing forms need to fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import { compareToTruth, silentResults, violates, type Comparison } from './support/template-compare.js';
import {
  BASELINE,
  TRAIT_NAMES,
  TRAIT_VALUES,
  comboName,
  exactly,
  generateTemplate,
  hasCombo,
  minimalTraits,
  parseCombo,
  templateArb,
  type Generated,
  type TraitName,
  type Traits,
} from './support/template-gen.js';

/**
 * Today's figure for a known-weak trait: the % of fields read wrong with no
 * report over the first 60 forms drawn with it and every other trait from the
 * values not listed here (seeds 1, 2 …, forms with a listed combination
 * skipped), and seeds of such forms that it misreads.
 */
interface Weak {
  silent: number;
  seeds: number[];
}

/** Trait values today's reader misreads silently in the company of traits it reads right. */
const KNOWN_WEAK_VALUES: Readonly<Record<string, Weak>> = {};

/** Combinations of values, each fine alone, that today's reader misreads silently together. */
const KNOWN_WEAK_COMBINATIONS: Readonly<Record<string, Weak>> = {
  // A centred or bottom-aligned 二级 column beside a 一级 column that only a top convention fits: where a reading with
  // both columns top-aligned fits as well (every 一级 group's first 二级 group one row, or two when centred), no
  // declared points decide and no row's content agrees more with the other reading, the form reads exactly as a
  // plainly top-aligned one (the samples' layout), and is read so, with no report.
  'align1=top & align2=middle': { silent: 0.03, seeds: [22, 45, 53] },
  'align1=top & align2=bottom': { silent: 0, seeds: [137, 178, 331] },
};

/**
 * Drawn with traits once misread together, each held over its first 60 forms: space layouts read by each cell's
 * display columns (a blank 年初预算数 under a funds header whose 合计 row came first; a name overflowing its column
 * that pushes the cells after it right; component rows with blank 分值 and 得分 beside a label under the blank cell
 * of a spanning caption), and funds and indicator columns drawn one by one (a 合计 row with 其中 rows under it and
 * no rate; a funds block with 分值 and no 得分, whose share of the 总分 is unknown).
 */
const HELD_COMBINATIONS = [
  'blankLeading=yes & separator=spaces',
  'overflow=yes & separator=spaces',
  'filler=blank & separator=spaces',
  'columnSet=drawn',
  'columnSet=drawn & overflow=yes & separator=spaces',
];

/**
 * Centred and bottom-aligned label columns beside a 一级 column of a convention other than top, each held over its
 * first 120 forms: where both columns under one convention fit as well as a convention of its own for each, the rows
 * the readings place differently are reported.
 */
const HELD_ALIGNMENTS = ['align1=middle & align2=bottom', 'align1=bottom & align2=middle', 'align1=middle & align2=middle', 'align1=bottom & align2=bottom'];
/**
 * Forms of those combinations once misread further on: a text under the 二级 caption that could be a label or a
 * name, where the reading with it as a label leaves a row open that the reading with it as a name does not.
 */
const HELD_SEEDS: Readonly<Record<string, readonly number[]>> = { 'align1=middle & align2=middle': [524, 584] };

const WEAK_COMBINATIONS = Object.keys(KNOWN_WEAK_COMBINATIONS).map(parseCombo);
/** Every trait drawn from its values not known weak (the baseline values never are). */
const GUARDED = Object.fromEntries(TRAIT_NAMES.map((t) => [t, TRAIT_VALUES[t].filter((v) => !(`${t}=${v}` in KNOWN_WEAK_VALUES))])) as Record<TraitName, string[]>;
const excused = (traits: Traits, except?: string) =>
  Object.keys(KNOWN_WEAK_COMBINATIONS).some((name, i) => name !== except && hasCombo(traits, WEAK_COMBINATIONS[i]));

const compare = (g: Generated): Comparison => compareToTruth(parse(g.bytes), g.truth);
const fails = (g: Generated) => violates(compare(g));

/** What a failing form shows: its seed, traits, the traits it needs to fail, and its first misreads. */
function report(g: Generated, c: Comparison): string {
  const needs = comboName(minimalTraits(g.truth.seed, g.truth.traits, fails)) || 'the baseline';
  const misreads = silentResults(c)
    .slice(0, 6)
    .map((r) => `  line ${r.line} ${r.field}: drawn ${JSON.stringify(r.expected)}, read ${JSON.stringify(r.got)} (${r.verdict})`);
  const provenance = c.provenance.slice(0, 3).map((p) => `  line ${p.line} ${p.field}: ${JSON.stringify(p.value)} is no cell of its line`);
  return [`seed ${g.truth.seed} (${comboName(g.truth.traits)}) fails; it needs ${needs}`, ...misreads, ...provenance].join('\n');
}

/** A form of a listed combination: the combination, every other trait guarded. */
const drawWith = (combination: string, seed: number) => generateTemplate(seed, { ...GUARDED, ...exactly(parseCombo(combination)) });

/** Silent-wrong % over `runs` forms of a combination (none with another listed combination), and the seeds that fail. */
function measure(combination: string, runs: number): { silent: number; failing: number[] } {
  let fields = 0;
  let silent = 0;
  const failing: number[] = [];
  for (let seed = 1, measured = 0; measured < runs; seed++) {
    const g = drawWith(combination, seed);
    if (excused(g.truth.traits, combination)) continue;
    measured++;
    const c = compare(g);
    fields += c.fields.length + c.extras.length;
    silent += silentResults(c).length;
    if (violates(c)) failing.push(seed);
  }
  return { silent: Math.round((10000 * silent) / fields) / 100, failing };
}

describe('layout invariants over generated templates', () => {
  it('every field reads as drawn or is reported on its line, and every output value is a cell of its line (all guarded traits together)', () => {
    fc.assert(
      fc.property(templateArb(GUARDED), (g) => {
        if (excused(g.truth.traits)) return;
        const c = compare(g);
        if (violates(c)) throw new Error(report(g, c));
      }),
      // A fixed seed: the lists above are measured, so the draws are the same on every run.
      { numRuns: 300, seed: 20261207 },
    );
  }, 120_000);

  // A value whose plainest company is a listed combination (align2=middle beside the baseline's top 一级) is held by
  // that combination's entry and, beside the other values of the trait it pairs with, by the properties here.
  const values = TRAIT_NAMES.flatMap((t) => TRAIT_VALUES[t].map((v) => `${t}=${v}`)).filter(
    (name) => !(name in KNOWN_WEAK_VALUES) && !excused({ ...BASELINE, ...parseCombo(name) } as Traits),
  );
  it.each(values)('%s alone (every other trait at its plainest) reads right', (name) => {
    const combo = parseCombo(name);
    for (let seed = 1; seed <= 12; seed++) {
      const g = generateTemplate(seed, exactly({ ...BASELINE, ...combo } as Traits));
      const c = compare(g);
      if (violates(c)) throw new Error(report(g, c));
    }
  }, 60_000);

  /** The first `count` forms drawn with `name` that no other trait excuses read right. */
  const readsRight = (name: string, count: number) => {
    for (let seed = 1, measured = 0; measured < count; seed++) {
      const g = drawWith(name, seed);
      if (excused(g.truth.traits)) continue;
      measured++;
      const c = compare(g);
      if (violates(c)) throw new Error(report(g, c));
    }
  };

  it.each(HELD_COMBINATIONS)('%s reads right over its first 60 forms (every other trait guarded)', (name) => readsRight(name, 60), 120_000);

  it.each(HELD_ALIGNMENTS)('%s reads right over its first 120 forms (every other trait guarded)', (name) => {
    for (const seed of HELD_SEEDS[name] ?? []) {
      const c = compare(drawWith(name, seed));
      if (violates(c)) throw new Error(report(drawWith(name, seed), c));
    }
    readsRight(name, 120);
  }, 120_000);

  const weak = [...Object.entries(KNOWN_WEAK_VALUES), ...Object.entries(KNOWN_WEAK_COMBINATIONS)];
  it.each(weak)('known weak: %s is no worse than listed, and still misread', (name, today) => {
    if (process.env.LIST_WEAK) {
      // Prints the entry as it stands today, seeds found over more forms.
      const { silent } = measure(name, 60);
      console.log(`'${name}': { silent: ${silent}, seeds: [${measure(name, Number(process.env.LIST_WEAK)).failing.slice(0, 3).join(', ')}] },`);
    }
    const { silent } = measure(name, 60);
    expect(silent, `${name}: ${silent} % silent-wrong against ${today.silent} % when listed`).toBeLessThanOrEqual(today.silent + Math.max(0.5, today.silent / 4));
    // Once a trait reads right, it leaves the list, so that the properties above hold it.
    const still = today.seeds.filter((seed) => fails(drawWith(name, seed)));
    expect(still.length > 0 || silent > 0, `${name} now reads right on its listed seeds and its first 60 forms: take it off the known-weak list`).toBe(true);
  }, 120_000);
});

describe('the instrument', () => {
  const canonical = (seed: number) => generateTemplate(seed, exactly(BASELINE));

  it('reads a canonical form as right, field by field, with nothing to say about provenance', () => {
    const g = canonical(1);
    const c = compare(g);
    expect(c.fields.length).toBeGreaterThan(40);
    expect(c.fields.filter((r) => r.verdict !== 'right')).toEqual([]);
    expect(c.extras).toEqual([]);
    expect(c.provenance).toEqual([]);
  });

  it('tells a wrong figure from a reported one and a missing row, by the line of the field', () => {
    const g = canonical(2);
    const document = parse(g.bytes);
    const form = document.forms[0];
    const [first, second] = form.indicators;
    first.weight = { ...first.weight!, raw: '99', value: '99' };
    const verdictOf = (field: string, line: number) => compareToTruth(document, g.truth).fields.find((r) => r.field === field && r.line === line)!.verdict;
    expect(verdictOf('indicator.weight', first.line)).toBe('wrong-silent');
    form.diagnostics.push({ code: 'unplaced-cell', severity: 'warning', message: 'test', line: first.line, column: 1 });
    expect(verdictOf('indicator.weight', first.line)).toBe('wrong-reported');
    form.indicators.splice(1, 1);
    expect(verdictOf('indicator.name', second.line)).toBe('missing-silent');
    form.diagnostics.push({ code: 'unplaced-cell', severity: 'info', message: 'test', line: second.line, column: 1 });
    expect(verdictOf('indicator.name', second.line), 'an info note reports nothing').toBe('missing-silent');
  });

  it('finds a label or a figure that is no cell of its line', () => {
    const g = canonical(3);
    const document = parse(g.bytes);
    const ind = document.forms[0].indicators[0];
    ind.level2 = '其他指标';
    ind.score = { ...ind.score!, raw: '12345' };
    expect(compareToTruth(document, g.truth).provenance.map((p) => [p.line, p.field])).toEqual([
      [ind.line, 'indicator.score'],
      [ind.line, 'indicator.level2'],
    ]);
  });

  it('draws every field it expects on the line it names', () => {
    const fold = (text: string) => text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
    for (let seed = 1; seed <= 100; seed++) {
      const { truth } = generateTemplate(seed);
      const [from, to] = truth.indicatorLines;
      const tableCells = truth.cells.slice(from - 1, to).flat().map(fold);
      for (const f of truth.fields) {
        if (f.value === null || f.kind === 'points') continue;
        const cells = f.kind === 'label' ? tableCells : truth.cells[f.line - 1].map(fold);
        const value = fold(f.value);
        const exact = (cell: string) => (f.kind === 'label' ? cell.startsWith(value) : cell === value || cell === `${value}%`);
        // A split target is drawn as 性质 · 值 · 单位, neighbouring cells.
        const found = cells.some(exact) || (f.field === 'indicator.target' && cells.join('').includes(value));
        expect(found, `seed ${seed}: ${f.field} ${JSON.stringify(f.value)} is not drawn on line ${f.line}`).toBe(true);
      }
    }
  });
});
