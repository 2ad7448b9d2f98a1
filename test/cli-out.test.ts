/**
 * End to end, `--out DIR`: one output per input mirroring its path, CSV
 * tables read back with a CSV parser, and no way to write outside DIR. The
 * command line runs in this process (test/support/cli.ts) from the project
 * root, and as the built CLI for --jobs and for runs in a working directory
 * of their own.
 */
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, jixiao, ROOT, SEED, type Run } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-cli-out-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Every file under `dir`, as sorted `/`-separated relative paths; symbolic
 * links listed, not followed. The batch's manifest (test/resume.test.ts reads
 * it) is left out.
 */
function tree(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (/^jixiao-manifest.*\.ndjson$/.test(entry.name)) continue;
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Row>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

interface ExpectedForm {
  project: { name: string };
  funds: { unit: string; rows: (string | number | null)[][] } | null;
  findings: [number, string, string | null, string | null][];
}
const expectedFor = (name: string) => JSON.parse(readFileSync(join(ROOT, 'samples', `${name}.expected.json`), 'utf8')) as { forms: ExpectedForm[] };
const numeric = (value: string | number | null) => (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? value : '');

describe('--out mirrors each input under the directory', () => {
  const out = join(scratch, 'csv');
  let run: Run;
  beforeAll(async () => {
    run = await cli(['check', `${FIXTURES}/**/*.txt`, '--format', 'csv', '--out', out, '-q']);
  });
  const stems = ['2023/finance/seed', '2023/health/seed-gb18030', '2024/one-form-utf16', 'bad/empty', 'bad/image'];

  it('writes four tables per input at the input path relative to the pattern base', () => {
    expect(run.status).toBe(2);
    expect(tree(out)).toEqual(stems.flatMap((stem) => ['findings', 'forms', 'funds', 'indicators'].map((table) => `${stem}.${table}.csv`)).sort());
  });

  it('writes the hand-checked funds rows and findings of the seed', () => {
    const expected = expectedFor('000_16052ebbc3505be3');
    const funds = readCsv(join(out, '2023/finance/seed.funds.csv'));
    const findings = readCsv(join(out, '2023/finance/seed.findings.csv')).filter((r) => r.kind === 'finding');
    expected.forms.forEach((form, i) => {
      const n = String(i + 1);
      expect(funds.filter((r) => r.form === n).map((r) => [Number(r.line), r.label, r.kind, r.initial_budget, r.adjusted_budget, r.executed, r.weight, r.rate, r.score])).toEqual(
        (form.funds?.rows ?? []).map(([line, label, kind, ...figures]) => [line, label, kind, ...figures.map(numeric)]),
      );
      expect(funds.filter((r) => r.form === n).every((r) => r.unit === form.funds?.unit && r.project === form.project.name)).toBe(true);
      expect(findings.filter((r) => r.form === n).map((r) => [Number(r.line), r.code, r.declared || null, r.expected || null])).toEqual(form.findings);
    });
    expect(findings.find((r) => r.code === 'total-score-mismatch')).toMatchObject({ project: '专项业务', severity: 'error', declared: '92.49', expected: '96.49' });
  });

  it('writes the file-level problem of a bad input in its findings table', () => {
    expect(readCsv(join(out, 'bad/image.findings.csv')).map((r) => [r.kind, r.severity, r.code])).toEqual([['diagnostic', 'error', 'binary-input']]);
    expect(readCsv(join(out, 'bad/image.indicators.csv'))).toEqual([]);
  });

  it('writes the same tables with 2 workers as with 1', () => {
    const other = join(scratch, 'csv-jobs1');
    jixiao(['check', `${FIXTURES}/**/*.txt`, '--format', 'csv', '--out', other, '-q', '--jobs', '1']);
    const two = join(scratch, 'csv-jobs2');
    jixiao(['check', `${FIXTURES}/**/*.txt`, '--format', 'csv', '--out', two, '-q', '--jobs', '2']);
    expect(tree(other)).toEqual(tree(out));
    for (const file of tree(out)) {
      expect(readFileSync(join(two, file)), file).toEqual(readFileSync(join(other, file)));
      expect(readFileSync(join(out, file)), file).toEqual(readFileSync(join(other, file)));
    }
  });

  it('writes json documents equal to those of standard output', async () => {
    const json = join(scratch, 'json');
    expect((await cli(['parse', `${FIXTURES}/20*/**/*.txt`, '--out', json, '-q'])).status).toBe(0);
    expect(tree(json)).toEqual(['2023/finance/seed.json', '2023/health/seed-gb18030.json', '2024/one-form-utf16.json']);
    const stdout = JSON.parse((await cli(['parse', `${FIXTURES}/20*/**/*.txt`, '-q'])).stdout);
    expect(['2023/finance/seed', '2023/health/seed-gb18030', '2024/one-form-utf16'].map((stem) => JSON.parse(readFileSync(join(json, `${stem}.json`), 'utf8')))).toEqual(stdout);
  });

  it('mirrors a file named as such from its own folder, and keeps two inputs of one name apart', async () => {
    const dir = join(scratch, 'named');
    const twin = join(scratch, 'twin');
    mkdirSync(twin);
    cpSync(join(ROOT, SEED), join(twin, 'form.txt'));
    cpSync(join(ROOT, SEED), join(twin, 'form.tsv'));
    expect((await cli(['parse', `${FIXTURES}/2024/one-form-utf16.txt`, '--out', dir, '-q'])).status).toBe(0);
    expect(jixiao(['parse', 'form.txt', 'form.tsv', '--format', 'ndjson', '--out', 'out', '-q'], { cwd: twin }).status).toBe(0);
    expect(tree(dir)).toEqual(['one-form-utf16.json']);
    expect(tree(join(twin, 'out'))).toEqual(['form.ndjson', 'form~2.ndjson']);
  });

  it('leaves the outputs of an earlier run out of a pattern over the tree that holds them', () => {
    const dir = join(scratch, 'rerun');
    mkdirSync(dir);
    cpSync(join(ROOT, SEED), join(dir, 'a.txt'));
    const first = jixiao(['check', '**/*.txt', '--format', 'text', '--out', 'out', '--fail-on', 'never'], { cwd: dir });
    const second = jixiao(['check', '**/*.txt', '--format', 'text', '--out', 'out', '--fail-on', 'never'], { cwd: dir });
    expect([first.status, second.status]).toEqual([0, 0]);
    expect(second.stderr).toMatch(/^1 file, 7 forms/);
    expect(tree(dir)).toEqual(['a.txt', 'out/a.check.txt']);
    expect(readFileSync(join(dir, 'out/a.check.txt'), 'utf8')).toContain('a.txt:111  专项业务');
  });

  it('converts every sample to CSV with its Chinese text intact', async () => {
    const csv = join(scratch, 'samples');
    const samples = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.txt'));
    const run = await cli(['check', 'samples/**/*.txt', '--format', 'csv', '--out', csv]);
    expect(run.status === 2).toBe(/ failed:\n/.test(run.stderr));
    expect(tree(csv)).toEqual(samples.flatMap((f) => ['findings', 'forms', 'funds', 'indicators'].map((t) => f.replace(/\.txt$/, `.${t}.csv`))).sort());
    for (const sample of samples.filter((f) => readdirSync(join(ROOT, 'samples')).includes(f.replace(/\.txt$/, '.expected.json')))) {
      const expected = expectedFor(sample.replace(/\.txt$/, ''));
      const projects = [...new Set(readCsv(join(csv, sample.replace(/\.txt$/, '.funds.csv'))).map((r) => `${r.form} ${r.project}`))];
      expect(projects, sample).toEqual(expected.forms.filter((f) => f.funds !== null).map((f) => `${expected.forms.indexOf(f) + 1} ${f.project.name}`));
    }
  });
});

describe('--out never writes outside the directory', () => {
  const base = join(scratch, 'escape');
  const work = join(base, 'work');
  const outside = join(base, 'outside');
  mkdirSync(join(work, 'link'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  cpSync(join(ROOT, SEED), join(outside, 'far.txt'));
  cpSync(join(ROOT, SEED), join(work, 'near.txt'));
  cpSync(join(ROOT, SEED), join(work, 'link', 'deep.txt'));
  writeFileSync(join(outside, 'victim.json'), 'keep');
  const untouched = () => expect(tree(outside)).toEqual(['far.txt', 'victim.json']);

  it.each([
    ['a relative path out of the working directory', ['../outside/far.txt'], (out: string) => expect(tree(out)).toEqual(['far.json'])],
    ['a pattern out of the working directory', ['../outside/*.txt'], (out: string) => expect(tree(out)).toEqual(['far.json'])],
    ['an absolute pattern', [`${outside}/*.txt`], (out: string) => expect(tree(out)).toEqual(['far.json'])],
    ['an absolute path', [join(outside, 'far.txt')], (out: string) => expect(tree(out)).toEqual(['far.json'])],
    ['two paths in different folders, from their common base', ['../outside/far.txt', 'near.txt'], (out: string) => expect(tree(out)).toEqual(['outside/far.json', 'work/near.json'])],
    ['a pattern with .. inside it', ['link/../../outside/*.txt'], (out: string) => expect(tree(out)).toEqual(['far.json'])],
  ])('maps %s inside it', (_what, args, check) => {
    const out = mkdtempSync(join(work, 'out-'));
    expect(jixiao(['parse', ...args, '--out', out, '-q'], { cwd: work }).status).toBe(0);
    check(out);
    untouched();
  });

  it('does not follow a symbolic link to a directory outside', () => {
    const out = join(work, 'out-symlink-dir');
    mkdirSync(out);
    symlinkSync(outside, join(out, 'link'));
    const run = jixiao(['parse', 'link/deep.txt', 'near.txt', '--out', out], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/link\/deep\.txt: not written: link: exists in the output directory and is not a directory/);
    expect(tree(out).filter((f) => !lstatSync(join(out, f)).isSymbolicLink())).toEqual(['near.json']);
    untouched();
  });

  it('does not write through a symbolic link to a file outside', () => {
    const out = join(work, 'out-symlink-file');
    mkdirSync(out);
    symlinkSync(join(outside, 'victim.json'), join(out, 'near.json'));
    const run = jixiao(['parse', 'near.txt', '--out', out], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is a symbolic link, not written through');
    expect(readFileSync(join(outside, 'victim.json'), 'utf8')).toBe('keep');
  });

  it('never overwrites an input', () => {
    const input = join(work, 'export.json');
    cpSync(join(ROOT, SEED), input);
    const run = jixiao(['parse', 'export.json', '--out', '.'], { cwd: work });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is an input file, not overwritten');
    expect(readFileSync(input)).toEqual(readFileSync(join(ROOT, SEED)));
  });
});
