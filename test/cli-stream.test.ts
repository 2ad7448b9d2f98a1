/**
 * The streamed batch output: for every sample, in every format, on standard
 * output and under --out, the command line (run in this process) writes byte
 * for byte what the whole-document formatting of the library's documents
 * gives (the batch wrote that whole before it streamed). A large export in
 * bounded memory is in cli-stream-memory.test.ts, files shared out over
 * worker threads in cli-stream-workers.test.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { CSV_TABLES, csvHeader, csvRows } from '../src/output/csv.js';
import { parse } from '../src/api/pipeline.js';
import type { Document } from '../src/contract/schema.js';
import { formatCheckReport } from '../src/output/text.js';
import { ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-cli-stream-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BOM = '\uFEFF';
const SAMPLES = readdirSync(join(ROOT, 'samples'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => `samples/${f}`);

const documentOf = (command: 'parse' | 'check', path: string): Document => {
  const document = parse(readFileSync(join(ROOT, path)), { file: path });
  return command === 'check' ? check(document) : document;
};

/** What the batch wrote for one input before it streamed: the whole document formatted at once. */
const whole = {
  json: (d: Document) => JSON.stringify(d),
  pretty: (d: Document) => JSON.stringify(d, null, 2),
  text: (d: Document) => formatCheckReport([d]),
};

describe.each(['parse', 'check'] as const)('%s of every sample', (command) => {
  const documents = SAMPLES.map((path) => documentOf(command, path));
  const options = command === 'check' ? ['-q', '--fail-on', 'never'] : ['-q'];
  const stdout = async (args: string[]) => {
    const run = await cli([command, 'samples/*.txt', ...options, ...args]);
    expect(run.status).toBe(0);
    return run.stdout;
  };

  it('json on standard output: the array of whole documents, compact and pretty', async () => {
    expect(await stdout(['--format', 'json'])).toBe('[\n' + documents.map(whole.json).join(',\n') + '\n]\n');
    expect(await stdout(['--format', 'json', '--pretty'])).toBe(JSON.stringify(documents, null, 2) + '\n');
  });

  it('ndjson on standard output: a whole document per line', async () => {
    expect(await stdout(['--format', 'ndjson'])).toBe(documents.map((d) => whole.json(d) + '\n').join(''));
  });

  it('csv on standard output: the indicator rows of every document under one header', async () => {
    expect(await stdout(['--format', 'csv'])).toBe(BOM + csvHeader('indicators') + documents.map((d, i) => csvRows('indicators', d, SAMPLES[i])).join(''));
  });

  if (command === 'check') {
    it('text on standard output: the report of every document', async () => {
      expect(await stdout(['--format', 'text'])).toBe(documents.map(whole.text).join('\n\n') + '\n');
    });
  }

  const outCases = [
    ['json', [], '.json', (d: Document) => whole.json(d) + '\n'],
    ['json', ['--pretty'], '.json', (d: Document) => whole.pretty(d) + '\n'],
    ['ndjson', [], '.ndjson', (d: Document) => whole.json(d) + '\n'],
    ['text', [], '.check.txt', (d: Document) => whole.text(d) + '\n'],
  ] as const;
  it.each(outCases.filter(([format]) => command === 'check' || format !== 'text'))('%s %j under --out: one whole document per file', async (format, extra, suffix, expected) => {
    const out = join(scratch, `${command}-${format}${extra.join('')}`);
    expect((await cli([command, 'samples/*.txt', ...options, '--format', format, ...extra, '--out', out])).status).toBe(0);
    for (const [i, path] of SAMPLES.entries()) {
      expect(readFileSync(join(out, path.slice('samples/'.length).replace(/\.txt$/, suffix)), 'utf8'), path).toBe(expected(documents[i]));
    }
  });

  it('csv under --out: three whole tables per file', async () => {
    const out = join(scratch, `${command}-csv`);
    expect((await cli([command, 'samples/*.txt', ...options, '--format', 'csv', '--out', out])).status).toBe(0);
    for (const [i, path] of SAMPLES.entries()) {
      for (const table of CSV_TABLES) {
        const file = join(out, path.slice('samples/'.length).replace(/\.txt$/, `.${table}.csv`));
        expect(readFileSync(file, 'utf8'), `${path} ${table}`).toBe(BOM + csvHeader(table) + csvRows(table, documents[i], path));
      }
    }
  });
});

describe('one named file', () => {
  it('is the bare document, compact and pretty', async () => {
    const document = documentOf('check', SEED);
    expect((await cli(['check', SEED, '--format', 'json', '-q'])).stdout).toBe(whole.json(document) + '\n');
    expect((await cli(['check', SEED, '--format', 'json', '--pretty', '-q'])).stdout).toBe(whole.pretty(document) + '\n');
  });
});

