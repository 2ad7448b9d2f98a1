/**
 * The data team's flags: form-level parse errors in `check`, --table,
 * --min-severity, --summary json, -q and --no-progress, -o - for every
 * command, and file names made inert on a terminal. The command line runs in
 * this process (test/support/cli.ts), and as the built CLI where a terminal
 * or a working directory of its own is needed.
 * Expected figures are read from the samples' lines (cited) or from the
 * same run's JSON output, never from the text being tested.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { csvHeader } from '../src/output/csv.js';
import type { Document, Severity } from '../src/contract/schema.js';
import { terminalSafe, terminalSafeLines } from '../src/output/terminal-text.js';
import { CLI, FIXTURES, jixiao, ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

// Every case runs the CLI a few times; on a loaded machine a run takes seconds.
vi.setConfig({ testTimeout: 180_000 });

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-flags-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ALL = `${FIXTURES}/**/*.txt`;
const EMPTY = `${FIXTURES}/bad/empty.txt`;
const IMAGE = `${FIXTURES}/bad/image.txt`;
const BAD_VALUES = 'samples/bad-values.txt';
const BOM = '\uFEFF';
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const documentsOf = (ndjson: string) => lines(ndjson).map((line) => JSON.parse(line) as Document);

function readCsv(text: string): Record<string, string>[] {
  expect(text.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/**
 * The one-form fixture (test/fixtures/cli/2024/one-form-utf16.txt, UTF-16LE)
 * as UTF-8 text, with its last line `总分 … 10 0 —` given the score `5.0.0`:
 * a form with no finding at all (`check … --fail-on info` exits 0 on the
 * original) and one parse error, on line 23.
 */
function oneFormWithUnreadableTotal(): string {
  const text = new TextDecoder('utf-16le').decode(readFileSync(join(ROOT, FIXTURES, '2024/one-form-utf16.txt'))).replace(/^\uFEFF/, '');
  const changed = text.replace(/^(总分\t\t\t\t\t10\t)0\t/m, '$15.0.0\t');
  expect(changed).not.toBe(text);
  return changed;
}

describe('form-level parse errors in check', () => {
  it('lists them in the text output with the findings, in line order, and counts them', async () => {
    // samples/bad-values.txt, form 2 (lines 14–24): line 18 执行率 1500.00%, line 22 得分 5.0.0, line 24 总分 一百 / 满分.
    const run = await cli(['check', BAD_VALUES]);
    const form = run.stdout.split('\n\n').find((block) => block.startsWith(`${BAD_VALUES}:14 `))!;
    const rows = lines(form).slice(2, -1).map((line) => line.trim().split(/\s+/).slice(0, 3));
    expect(rows).toEqual([
      ['18', 'warning', 'execution-rate-mismatch'],
      ['22', 'error', 'invalid-number'],
      ['24', 'error', 'invalid-number'],
      ['24', 'error', 'invalid-number'],
    ]);
    expect(form).toContain('得分 "5.0.0" is not a number');
    expect(form).toContain('总分分值 "一百" is not a number');
    expect(lines(form).at(-1)).toMatch(/; 3 parse errors$/);
    expect(run.stderr).toMatch(/; 3 parse errors; no file failed/);
  });

  it('makes a form with no finding but a parse error exit 1, and 0 with --fail-on never', async () => {
    const input = join(scratch, 'one-form.txt');
    writeFileSync(input, oneFormWithUnreadableTotal());
    const run = await cli(['check', input]);
    expect(run.status).toBe(1);
    expect(lines(run.stdout).slice(1, 3).map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['line', 'severity', 'code'],
      ['23', 'error', 'invalid-number'],
    ]);
    expect(JSON.parse((await cli(['check', input, '--format', 'json', '-q'])).stdout).forms[0].findings).toEqual([]);
    expect((await cli(['check', input, '--fail-on', 'never'])).status).toBe(0);
    expect((await cli(['check', input, '--fail-on', 'info'])).status).toBe(1);
    // Parse reports documents; its exit status is about reading only.
    expect((await cli(['parse', input, '-q'])).status).toBe(0);
  });
});

describe('--table', () => {
  let documents: Document[];
  beforeAll(async () => {
    documents = documentsOf((await cli(['check', ALL, '--format', 'ndjson', '-q', '--fail-on', 'never'])).stdout);
  });

  it('prints the funds table on standard output, one header, a row per funds row', async () => {
    const run = await cli(['check', ALL, '--table', 'funds', '-q', '--fail-on', 'never']);
    expect(run.stdout.startsWith(BOM + csvHeader('funds'))).toBe(true);
    const rows = readCsv(run.stdout);
    expect(rows).toHaveLength(documents.flatMap((d) => d.forms.flatMap((f) => f.funds?.rows ?? [])).length);
    // The seed (a byte copy of samples/000_16052ebbc3505be3.txt), line 116: 年度资金总额 8450000.00 19416170.49 19402034.90 10 99.92% 9.99 (form 4, 专项业务).
    expect(rows.find((r) => r.file === `${FIXTURES}/2023/finance/seed.txt` && r.project === '专项业务' && r.label === '年度资金总额')).toMatchObject({
      initial_budget: '8450000.00', adjusted_budget: '19416170.49', executed: '19402034.90', weight: '10', rate: '99.92', score: '9.99', line: '116',
    });
  });

  it('prints the findings table: every finding and diagnostic of every input', async () => {
    const rows = readCsv((await cli(['check', ALL, '--table', 'findings', '-q', '--fail-on', 'never'])).stdout);
    const expected = documents.reduce((n, d) => n + d.diagnostics.length + d.forms.reduce((m, f) => m + f.findings.length + f.diagnostics.length, 0), 0);
    expect(rows).toHaveLength(expected);
    expect(rows.filter((r) => r.kind === 'finding')).toHaveLength(documents.reduce((n, d) => n + d.forms.reduce((m, f) => m + f.findings.length, 0), 0));
  });

  it('keeps indicators as the default and works for parse too; refuses what it cannot do', async () => {
    expect((await cli(['check', SEED, '--format', 'csv', '-q'])).stdout).toBe((await cli(['check', SEED, '--table', 'indicators', '-q'])).stdout);
    expect((await cli(['parse', SEED, '--table', 'funds', '-q'])).stdout.startsWith(BOM + csvHeader('funds'))).toBe(true);
    for (const args of [['--table', 'totals'], ['--table', 'funds', '--format', 'json'], ['--table', 'funds', '--out', join(tmpdir(), 'never-written')]]) {
      const run = await cli(['check', SEED, ...args]);
      expect(run.status, args.join(' ')).toBe(2);
      expect(lines(run.stderr), args.join(' ')).toEqual([expect.stringMatching(/^jixiao: --table /)]);
    }
  });

  it('is in the help', async () => {
    for (const command of ['parse', 'check']) expect((await cli([command, '--help'])).stdout).toMatch(/--table TABLE\s+with csv on standard output: indicators \(default\),\s+forms, funds or findings/);
  });
});

describe('--min-severity', () => {
  let documents: Document[];
  beforeAll(async () => {
    documents = documentsOf((await cli(['check', ALL, BAD_VALUES, '--format', 'ndjson', '-q', '--fail-on', 'never'])).stdout);
  });

  it('shows only rows at or above the level and only the forms that have some', async () => {
    for (const level of ['error', 'warning'] as const) {
      const run = await cli(['check', ALL, BAD_VALUES, '--min-severity', level, '-q', '--fail-on', 'never']);
      const blocks = run.stdout.split('\n\n').filter((b) => b.trim() !== '');
      const formBlocks = blocks.filter((b) => /^\S+:\d+ {2}/.test(b));
      const wanted = documents.flatMap((d) =>
        d.forms.filter((f) => [...f.findings, ...f.diagnostics.filter((x) => x.severity === 'error')].some((x) => RANK[x.severity] >= RANK[level])),
      );
      expect(formBlocks.map((b) => b.split('\n')[0])).toEqual(wanted.map((f) => `${f.source.file}:${f.source.startLine}  ${f.project.name}`));
      const severities = formBlocks.flatMap((b) => lines(b).slice(2, -1).map((l) => l.trim().split(/\s+/)[1]));
      expect(severities.length).toBeGreaterThan(0);
      expect(severities.every((s) => RANK[s as Severity] >= RANK[level])).toBe(true);
      expect(run.stdout).not.toContain('no findings');
    }
  });

  it('filters the CSV findings table, not the indicators or JSON', async () => {
    const rows = readCsv((await cli(['check', ALL, BAD_VALUES, '--table', 'findings', '--min-severity', 'warning', '-q', '--fail-on', 'never'])).stdout);
    const expected = documents.flatMap((d) => [...d.diagnostics, ...d.forms.flatMap((f) => [...f.findings, ...f.diagnostics])]).filter((x) => x.severity !== 'info');
    expect(rows).toHaveLength(expected.length);
    expect(rows.some((r) => r.severity === 'info')).toBe(false);
    expect(documents.flatMap((d) => d.forms.flatMap((f) => f.findings)).some((f) => f.severity === 'info')).toBe(true);
    const json = documentsOf((await cli(['check', ALL, BAD_VALUES, '--format', 'ndjson', '--min-severity', 'error', '-q', '--fail-on', 'never'])).stdout);
    expect(json).toEqual(documents);
  });

  it('refuses an unknown level', async () => {
    const run = await cli(['check', SEED, '--min-severity', 'fatal']);
    expect(run).toMatchObject({ status: 2, stdout: '' });
    expect(run.stderr).toBe('jixiao: --min-severity must be one of error, warning, info, not "fatal"\n');
  });
});

describe('--summary json, -q and --no-progress', () => {
  it('writes the summary as one JSON object on standard error, with the figures of the output', async () => {
    const run = await cli(['check', ALL, BAD_VALUES, '--format', 'ndjson', '--summary', 'json', '--fail-on', 'never']);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    const summary = JSON.parse(run.stderr);
    const documents = documentsOf(run.stdout);
    const forms = documents.flatMap((d) => d.forms);
    const count = (items: { severity: Severity }[], severity: Severity) => items.filter((x) => x.severity === severity).length;
    const findings = forms.flatMap((f) => f.findings);
    const diagnostics = forms.flatMap((f) => f.diagnostics);
    expect(summary).toEqual({
      files: 6,
      forms: forms.length,
      graded: forms.filter((f) => f.summary?.grading?.status === 'graded').length,
      ungradable: forms.filter((f) => f.summary?.grading?.status === 'ungradable').length,
      ungradableReasons: expect.any(Array),
      indicators: forms.reduce((n, f) => n + f.indicators.length, 0),
      findings: { error: count(findings, 'error'), warning: count(findings, 'warning'), info: count(findings, 'info') },
      parseErrors: count(diagnostics, 'error'),
      diagnostics: { error: count(diagnostics, 'error'), warning: count(diagnostics, 'warning'), info: count(diagnostics, 'info') },
      failed: [
        { file: EMPTY, code: 'no-form', reason: 'the input is empty' },
        { file: IMAGE, code: 'binary-input', reason: expect.stringContaining('PNG') },
      ],
    });
    expect(summary.parseErrors).toBe(3);
    // Asked for explicitly, it is written with -q too.
    expect(JSON.parse((await cli(['check', ALL, '--format', 'ndjson', '--summary', 'json', '-q'])).stderr).files).toBe(5);
    expect((await cli(['check', SEED, '--summary', 'yaml'])).status).toBe(2);
  });

  it('-q prints each failed file and nothing else', async () => {
    const run = await cli(['parse', ALL, '-q']);
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toEqual([`jixiao: ${EMPTY}: the input is empty`, expect.stringMatching(new RegExp(`^jixiao: ${IMAGE}: .*PNG`))]);
    expect((await cli(['report', ALL, '-q', '-o', join(mkdtempSync(join(tmpdir(), 'jixiao-q-')), 'r.html')])).stderr).toBe(run.stderr);
  });

  // A terminal for standard error (script(1) gives one), output to a directory: the bar shows unless turned off.
  const onTerminal = (args: string[]) => {
    const out = mkdtempSync(join(tmpdir(), 'jixiao-tty-'));
    const command = [process.execPath, CLI, 'parse', ...args, '--out', out].map((a) => `'${a}'`).join(' ');
    return spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  };
  const inputs = [ALL, SEED, BAD_VALUES, 'samples/enc-gbk-crlf.txt'];

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('--no-progress hides the bar and keeps the summary; -q hides both', () => {
    const withBar = onTerminal([...inputs, '--jobs', '1']);
    expect(withBar.stdout).toMatch(/\r\[[#·]+\] \d+\/8 files/);
    const noBar = onTerminal([...inputs, '--jobs', '1', '--no-progress']);
    expect(noBar.stdout).not.toContain('files/s');
    expect(noBar.stdout).toMatch(/^8 files, /m);
    const quiet = onTerminal([...inputs, '--jobs', '1', '-q']);
    expect(quiet.stdout).not.toContain('files/s');
    expect(quiet.stdout).not.toMatch(/^8 files, /m);
    expect(quiet.stdout).toContain(`jixiao: ${EMPTY}: the input is empty`);
  });
});

describe('-o - means standard output for every command', () => {
  it('parse, check, report and render', async () => {
    for (const args of [['parse', SEED], ['check', SEED, '--format', 'json'], ['report', SEED, '--title', 'T']]) {
      const plain = await cli([...args, '-q']);
      const dashed = await cli([...args, '-q', '-o', '-']);
      expect(dashed.stdout.length, args[0]).toBeGreaterThan(1000);
      expect(dashed.stdout, args[0]).toBe(plain.stdout);
      expect(dashed.status, args[0]).toBe(plain.status);
    }
    const json = join(scratch, 'seed.json');
    writeFileSync(json, (await cli(['parse', SEED, '-q'])).stdout);
    const rendered = await cli(['render', json, '-o', '-']);
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toBe((await cli(['render', json])).stdout);
    expect(rendered.stdout).toContain('专项业务');
  });

  it('is explained in the help: a directory for parse and check, a file for report and render', async () => {
    expect((await cli(['check', '--help'])).stdout).toMatch(/-o, --out DIR\s+a DIRECTORY: one output file per input/);
    expect((await cli(['parse', '--help'])).stdout).toMatch(/-o - \(the default\): standard\s+output/);
    expect((await cli(['report', '--help'])).stdout).toMatch(/-o, --out FILE\s+the HTML FILE to write \(one page for all inputs\);\s+-o - or none: standard output/);
    expect((await cli(['render', '--help'])).stdout).toMatch(/-o, --out FILE\s+the FILE to write/);
  });
});

describe('file names on a terminal', () => {
  it('are shown with their control characters escaped: text output, summary, -q lines and errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-names-'));
    const evil = 'a\u001b[2J\u001b]8;;x\u0007b\u202e.txt';
    copyFileSync(join(ROOT, SEED), join(dir, evil));
    writeFileSync(join(dir, `empty${evil}`), '');
    const shown = 'a\\x1b[2J\\x1b]8;;x\\x07b\\u202e.txt';

    const run = jixiao(['check', '*.txt', '--fail-on', 'never'], { cwd: dir });
    for (const stream of [run.stdout, run.stderr]) {
      expect(stream).not.toMatch(/[\u001b\u0007\u202e]/);
    }
    expect(run.stdout).toContain(`${shown}:3  预算准备金`);
    expect(run.stderr).toContain(`  empty${shown}: the input is empty`);
    expect(jixiao(['check', '*.txt', '-q', '--format', 'json'], { cwd: dir }).stderr).toBe(`jixiao: empty${shown}: the input is empty\n`);
    const missing = jixiao(['parse', `none${evil}`], { cwd: dir });
    expect(missing.stderr).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(missing.stderr).toContain(`none${shown}`);
    // JSON keeps the exact name, escaped by JSON itself.
    const summary = jixiao(['check', '*.txt', '--format', 'json', '--summary', 'json'], { cwd: dir });
    expect(summary.stderr).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(JSON.parse(summary.stderr).failed[0].file).toBe(`empty${evil}`);
    expect(JSON.parse(summary.stdout)[0].forms[0].source.file).toBe(evil);
  });

  it('terminalSafe escapes C0, DEL, C1, separators and bidirectional marks, and nothing else', () => {
    expect(terminalSafe('财政局/2023 a.txt')).toBe('财政局/2023 a.txt');
    expect(terminalSafe('a\nb\tc\rd')).toBe('a\\x0ab\\x09c\\x0dd');
    expect(terminalSafe('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(terminalSafe('\u009b2J\u007f')).toBe('\\x9b2J\\x7f');
    expect(terminalSafe('x\u202ey\u2066z\u2028')).toBe('x\\u202ey\\u2066z\\u2028');
    expect(terminalSafeLines('one\u001b\ntwo')).toBe('one\\x1b\ntwo');
  });
});
