/**
 * End to end: the command line on test/fixtures/cli (the seed export in
 * UTF-8, in GB18030 with CRLF, its first form in UTF-16LE, an empty file and
 * a PNG named .txt), run in this process (test/support/cli.ts); the built
 * dist/cli.js runs as a child process where only a process shows the
 * behaviour: --version, the exit status, standard input, --jobs, a standard
 * error that is not a terminal. Expected figures come from the
 * hand-checked samples/000_16052ebbc3505be3.expected.json, which the seed
 * fixture is a byte copy of.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, jixiao, ROOT, SEED, type Run } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

const ALL = `${FIXTURES}/**/*.txt`;
const FILES = ['2023/finance/seed.txt', '2023/health/seed-gb18030.txt', '2024/one-form-utf16.txt', 'bad/empty.txt', 'bad/image.txt'].map((f) => `${FIXTURES}/${f}`);
const [SEED_COPY, SEED_GB, ONE_FORM, EMPTY, IMAGE] = FILES;

interface ExpectedForm {
  project: { name: string };
  indicators: [number, string, string, string, string, string | null, string | null, string | null, string | null, string | null][];
  findings: [number, string, string | null, string | null][];
}
const expected = JSON.parse(readFileSync(join(ROOT, 'samples/000_16052ebbc3505be3.expected.json'), 'utf8')) as { forms: ExpectedForm[] };
const expectedIndicators = expected.forms.reduce((n, f) => n + f.indicators.length, 0);
const expectedFindings = expected.forms.reduce((n, f) => n + f.findings.length, 0);

const BOM = '\uFEFF';
type Row = Record<string, string>;

function readCsv(text: string): Row[] {
  expect(text.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<Row>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** A figure as the CSV writes it: its decimal value, empty for a marker such as `—`. */
const numeric = (value: string | null) => (value !== null && /^-?\d+(\.\d+)?$/.test(value) ? value : '');
/** Text as the CSV writes it: an absent cell is an empty field. */
const text = (value: string | null) => value ?? '';

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('the fixture', () => {
  it('is the sample the expectation was checked against', () => {
    expect(readFileSync(join(ROOT, SEED_COPY))).toEqual(readFileSync(join(ROOT, SEED)));
  });
});

describe('command line', () => {
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

  it('prints the version', () => {
    for (const flag of ['--version', '-v']) expect(jixiao([flag])).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it.each(['parse', 'check', 'report', 'render', 'schema'])('has help with examples for %s', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage: jixiao ${command}`);
    expect(run.stdout).toMatch(/Examples?:\n {2}jixiao /);
  });

  it('prints the command list and exits 2 without a command', () => {
    const run = jixiao([]);
    expect(run.status).toBe(2);
    for (const command of ['parse', 'check', 'report', 'render', 'schema']) expect(run.stdout).toContain(`jixiao ${command}`);
  });

  it.each([
    [['parse', '--bogus', SEED], '--bogus'],
    [['frobnicate'], 'frobnicate'],
    [['check', SEED, '--format', 'xml'], '--format'],
    [['check', SEED, '--jobs', '0'], '--jobs'],
    [['check', SEED, '--fail-on', 'fatal'], '--fail-on'],
    [['check', SEED, '--profile', 'no-such-profile'], 'no-such-profile'],
    [['parse', SEED, '--encoding', 'latin9'], 'latin9'],
    [['parse'], 'no input'],
    [['parse', 'no/such/file.txt'], 'no/such/file.txt: no such file'],
    [['parse', 'no/such/**/*.txt'], 'no/such/**/*.txt: no file matches'],
    [['parse', 'profiles'], 'profiles: is a folder without export files'],
    [['parse', '-', '-'], 'only once'],
  ])('refuses %j in one line with status 2', async (args, message) => {
    const run = await cli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });

  it('prints the JSON Schema of the documents, the file the package ships', async () => {
    const run = await cli(['schema']);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.properties.forms.type).toBe('array');
    expect(schema).toEqual(JSON.parse(readFileSync(join(ROOT, 'dist/jixiao.schema.json'), 'utf8')));
  });
});

describe('json and ndjson on standard output', () => {
  it('gives the document itself for one named file', async () => {
    const document = JSON.parse((await cli(['parse', SEED, '-q'])).stdout);
    expect(document.forms.map((f: { project: { name: string } }) => f.project.name)).toEqual(expected.forms.map((f) => f.project.name));
  });

  it('gives an array in input order for a pattern, bad files as documents with their diagnostic', async () => {
    const run = await cli(['parse', ALL, '-q']);
    expect(run.status).toBe(2);
    const documents = JSON.parse(run.stdout) as { forms: { source: { file: string; encoding: string } }[]; diagnostics: { code: string; file: string }[] }[];
    expect(documents.map((d) => d.forms.length)).toEqual([7, 7, 1, 0, 0]);
    expect(documents.slice(0, 3).map((d) => [d.forms[0].source.file, d.forms[0].source.encoding])).toEqual([
      [SEED_COPY, 'utf-8'],
      [SEED_GB, 'gb18030'],
      [ONE_FORM, 'utf-16le'],
    ]);
    expect(documents[3].diagnostics.map((d) => [d.file, d.code])).toEqual([[EMPTY, 'no-form']]);
    expect(documents[4].diagnostics.map((d) => [d.file, d.code])).toEqual([[IMAGE, 'binary-input']]);
  });

  it('indents the array with --pretty and keeps the same documents', async () => {
    const compact = JSON.parse((await cli(['parse', ALL, '-q'])).stdout);
    const pretty = (await cli(['parse', ALL, '-q', '--pretty'])).stdout;
    expect(pretty).toMatch(/^\[\n {2}\{\n {4}"forms"/);
    expect(JSON.parse(pretty)).toEqual(compact);
  });

  it('gives one document per line with ndjson, the same as json', async () => {
    const array = JSON.parse((await cli(['check', ALL, '-q', '--format', 'json'])).stdout);
    const ndjson = lines((await cli(['check', ALL, '-q', '--format', 'ndjson'])).stdout);
    expect(ndjson).toHaveLength(FILES.length);
    expect(ndjson.map((line) => JSON.parse(line))).toEqual(array);
    expect(ndjson.map((line) => JSON.parse(line))[0].forms[3].summary.difference).toBe('-4.00');
  });
});

describe('csv on standard output', () => {
  let run: Run;
  let rows: Row[];
  beforeAll(async () => {
    run = await cli(['check', ALL, '--format', 'csv', '-q']);
    rows = readCsv(run.stdout);
  });
  const ofFile = (file: string) => rows.filter((r) => r.file === file);
  const withoutFile = ({ file: _file, ...rest }: Row) => rest;

  it('has one row per indicator of every readable file, none for the bad ones', () => {
    expect(run.status).toBe(2);
    expect(ofFile(SEED_COPY)).toHaveLength(expectedIndicators);
    expect(ofFile(EMPTY).length + ofFile(IMAGE).length).toBe(0);
  });

  it('holds the hand-checked indicators of the seed, Chinese text intact', () => {
    const seedRows = ofFile(SEED_COPY);
    expected.forms.forEach((form, i) => {
      const mine = seedRows.filter((r) => r.form === String(i + 1));
      expect(mine.map((r) => r.project)).toEqual(form.indicators.map(() => form.project.name));
      expect(mine.map((r) => [Number(r.line), r.level1, r.level2, r.indicator, r.target, r.actual, r.weight, r.score])).toEqual(
        form.indicators.map(([line, level1, , level2, name, target, actual, weight, score]) => [line, text(level1), text(level2), text(name), text(target), text(actual), numeric(weight), numeric(score)]),
      );
    });
  });

  it('lists the codes of the findings on each indicator line', () => {
    const seedRows = ofFile(SEED_COPY);
    const indicatorLines = new Set(seedRows.map((r) => Number(r.line)));
    const codesByLine = new Map<number, Set<string>>();
    for (const form of expected.forms) {
      for (const [line, code] of form.findings) if (indicatorLines.has(line)) codesByLine.set(line, (codesByLine.get(line) ?? new Set()).add(code));
    }
    for (const row of seedRows) {
      const codes = row.finding_codes === '' ? [] : row.finding_codes.split(' ');
      expect(new Set(codes), `line ${row.line}`).toEqual(codesByLine.get(Number(row.line)) ?? new Set());
    }
    expect(seedRows.find((r) => r.line === '43')?.recomputed_score).toBe('1.96');
  });

  it('gives the same rows for the same forms in GB18030 and UTF-16', () => {
    expect(ofFile(SEED_GB).map(withoutFile)).toEqual(ofFile(SEED_COPY).map(withoutFile));
    expect(ofFile(ONE_FORM).map(withoutFile)).toEqual(ofFile(SEED_COPY).filter((r) => r.form === '1').map(withoutFile));
  });

  it('leaves out the byte order mark with --no-bom', async () => {
    const plain = (await cli(['parse', SEED, '--format', 'csv', '--no-bom', '-q'])).stdout;
    expect(plain.startsWith('file,form,project,')).toBe(true);
  });
});

describe('text report', () => {
  it('is the default of check on standard output', async () => {
    const run = await cli(['check', SEED, '-q']);
    expect(run.stdout).toContain(`${SEED}:111  专项业务`);
    expect(run.stdout).toContain('total: declared 92.49 (优), recomputed 96.49 (优), difference (declared − recomputed) -4.00');
  });
});

describe('exit status and summary', () => {
  it('is 2 when a file fails, the others still converted, each failure named in the summary', async () => {
    const run = await cli(['check', ALL, '--format', 'ndjson']);
    expect(run.status).toBe(2);
    expect(lines(run.stdout)).toHaveLength(FILES.length);
    const forms = 7 + 7 + 1;
    // Suspended projects are not graded: two forms in each copy of the sample, and the one form of the UTF-16 file.
    const graded = forms - 5;
    const indicators = 2 * expectedIndicators + expected.forms[0].indicators.length;
    expect(run.stderr).toMatch(new RegExp(`^5 files, ${forms} forms \\(${graded} graded, ${forms - graded} not gradable\\), ${indicators} indicators; findings: (\\d+) errors, (\\d+) warnings, (\\d+) info; 2 files failed:\n`));
    const [, errors, warnings, info] = run.stderr.match(/findings: (\d+) errors, (\d+) warnings, (\d+) info/)!.map(Number);
    expect(errors + warnings + info).toBe(2 * expectedFindings);
    expect(lines(run.stderr).slice(1)).toEqual([
      `  ${EMPTY}: the input is empty [no-form]`,
      expect.stringMatching(new RegExp(`^  ${IMAGE}: .*PNG.* \\[binary-input\\]$`)),
      // Then the forms that could not be graded, by why: every one a suspended project.
      `${forms - graded} forms not gradable:`,
      `  a suspended project: every indicator is 不适用 [suspended]: ${forms - graded}`,
    ]);
  });

  it('is 1 when a finding reaches --fail-on, 0 below it', () => {
    expect(jixiao(['check', SEED, '-q']).status).toBe(1);
    expect(jixiao(['check', SEED, '-q', '--fail-on', 'never']).status).toBe(0);
    expect(jixiao(['check', ONE_FORM, '-q', '--fail-on', 'info']).status).toBe(0);
    expect(jixiao(['parse', SEED, '-q']).status).toBe(0);
  });

  it('prints no progress bar when standard error is not a terminal, and with --quiet only the failed files', () => {
    const run = jixiao(['check', ALL, SEED, '--format', 'ndjson']);
    expect(run.stderr).not.toContain('\r');
    expect(lines(run.stderr)[0]).toMatch(/^6 files, /);
    expect(lines(jixiao(['check', ALL, SEED, '--format', 'ndjson', '--quiet']).stderr)).toEqual([`jixiao: ${EMPTY}: the input is empty`, expect.stringMatching(new RegExp(`^jixiao: ${IMAGE}: .*PNG`))]);
    expect(jixiao(['check', SEED, '--format', 'ndjson', '--quiet']).stderr).toBe('');
  });
});

describe('standard input', () => {
  const withoutFile = (text: string) => JSON.parse(text, (key, value) => (key === 'file' ? undefined : value));

  it('reads - like a file', () => {
    const fromStdin = jixiao(['parse', '-', '-q'], { input: readFileSync(join(ROOT, SEED_GB)) });
    expect(fromStdin.status).toBe(0);
    expect(withoutFile(fromStdin.stdout)).toEqual(withoutFile(jixiao(['parse', SEED_GB, '-q']).stdout));
  });

  it('keeps the place of - among the inputs', () => {
    const run = jixiao(['parse', ONE_FORM, '-', SEED, '--format', 'ndjson', '-q'], { input: readFileSync(join(ROOT, SEED)) });
    const documents = lines(run.stdout).map((l) => JSON.parse(l));
    expect(documents.map((d) => [d.forms.length, d.forms[0].source.file])).toEqual([[1, ONE_FORM], [7, null], [7, SEED]]);
  });
});

describe('--jobs', () => {
  it.each(['json', 'ndjson', 'csv'])('gives byte-identical %s with 1 and 2 workers', (format) => {
    const args = ['check', ALL, SEED, ONE_FORM, '--format', format, '-q'];
    const one = jixiao([...args, '--jobs', '1']);
    const two = jixiao([...args, '--jobs', '2']);
    expect(one.stdout.length).toBeGreaterThan(0);
    expect(two).toEqual(one);
  });

  it('gives the same text report with 1 and 3 workers', () => {
    const args = ['check', ALL, '-q'];
    expect(jixiao([...args, '-j', '3'])).toEqual(jixiao([...args, '-j', '1']));
  });
});

describe('report and render', () => {
  it('writes one HTML page for all inputs, the bad ones among its notices', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
    try {
      const file = join(dir, 'report.html');
      const run = await cli(['report', ALL, '-o', file, '--title', '复核 2023', '-q']);
      expect(run).toMatchObject({ status: 2, stdout: '' });
      const html = readFileSync(file, 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<title>复核 2023</title>');
      for (const form of expected.forms) expect(html).toContain(form.project.name);
      expect(html).toContain('binary-input');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders parsed documents back to exports that parse to the same forms', async () => {
    const parsed = (await cli(['parse', ALL, '--format', 'ndjson', '-q'])).stdout;
    const rendered = jixiao(['render', '-'], { input: parsed });
    expect(rendered.status).toBe(0);
    const again = JSON.parse(jixiao(['parse', '-', '-q'], { input: rendered.stdout }).stdout);
    const names = (documents: { forms: { project: { name: string } }[] }[]) => documents.flatMap((d) => d.forms.map((f) => f.project.name));
    expect(names([again])).toEqual(names(lines(parsed).map((l) => JSON.parse(l))));
  });

  it('refuses JSON that is not a document, in one line', () => {
    const run = jixiao(['render', '-'], { input: '{"forms": 3}' });
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringContaining('-: not a jixiao document (forms:')]);
  });
});
