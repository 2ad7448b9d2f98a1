/**
 * A file's output made form by form is byte for byte the whole-document
 * formatting: for every sample and bad fixture, for parse and check, in every
 * format, the chunks the batch processor hands on, put together, equal
 * `JSON.stringify` (compact, pretty, pretty inside an array), `csvRows` and
 * `formatCheckReport` of the document `parseFile` (+ `check`) gives; and the
 * summary figures are the whole document's.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProcessor, type BatchConfig, type FileOutcome, type OutputChunk, type Task } from '../src/cli/batch.js';
import { check } from '../src/check/check.js';
import { CSV_TABLES, csvRows } from '../src/output/csv.js';
import { parseFile } from '../src/api/files.js';
import { outputWriter, pieceText, type Channel, type Format, type Part, type Pieces } from '../src/output/writers.js';
import { parse } from '../src/api/pipeline.js';
import type { Document } from '../src/contract/schema.js';
import { formatCheckReport } from '../src/output/text.js';

const ROOT = join(import.meta.dirname, '..');
const SEED = 'samples/000_16052ebbc3505be3.txt';
const listed = (dir: string) => readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.txt')).map((e) => join(e.parentPath, e.name).slice(ROOT.length + 1));
const INPUTS = [...listed('samples'), ...listed('test/fixtures/unreadable'), ...listed('test/fixtures/cli')].sort();

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-batch-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const configOf = (command: BatchConfig['command'], format: Format, pretty = false, jsonIndent = ''): BatchConfig => ({ command, format, pretty, encoding: null, profile: null, jsonIndent });

/** Runs one task through the processor; the text of each channel, put together, and the chunks. */
async function streamed(config: BatchConfig, task: Task): Promise<{ text: Partial<Record<Channel, string>>; chunks: OutputChunk[]; outcome: FileOutcome }> {
  const chunks: OutputChunk[] = [];
  const outcome = await createProcessor(config)(task, (chunk) => void chunks.push(chunk));
  const text: Partial<Record<Channel, string>> = {};
  for (const chunk of chunks) for (const [channel, parts] of Object.entries(chunk.pieces) as [Channel, Part[]][]) text[channel] = (text[channel] ?? '') + pieceText(parts);
  return { text, chunks, outcome };
}

/** The document the batch processed whole before it streamed: `parseFile`, checked for `check`. */
async function wholeDocument(command: BatchConfig['command'], path: string): Promise<Document> {
  const document = await parseFile(path);
  return command === 'check' ? check(document) : document;
}

/** The whole-document formatting of each format, as the batch wrote it before it streamed. */
function wholeFormatting(document: Document, label: string): [string, BatchConfig['format'], boolean, string, Partial<Record<Channel, string>>][] {
  const pretty = JSON.stringify(document, null, 2);
  return [
    ['json', 'json', false, '', { main: JSON.stringify(document) }],
    ['pretty json', 'json', true, '', { main: pretty }],
    ['pretty json inside an array', 'json', true, '  ', { main: '  ' + pretty.replaceAll('\n', '\n  ') }],
    ['ndjson', 'ndjson', false, '', { main: JSON.stringify(document) }],
    ['text', 'text', false, '', { main: formatCheckReport([document]) }],
    ['csv', 'csv', false, '', Object.fromEntries(CSV_TABLES.map((table) => [table, csvRows(table, document, label)]).filter(([, rows]) => rows !== ''))],
  ];
}

describe.each(INPUTS)('%s', (path) => {
  it.each(['parse', 'check'] as const)('%s: every format streamed is the whole-document formatting, the figures those of the document', async (command) => {
    expect(process.cwd()).toBe(ROOT);
    const document = await wholeDocument(command, path);
    expect(document.forms.length + document.diagnostics.length).toBeGreaterThan(0);
    for (const [what, format, pretty, indent, expected] of wholeFormatting(document, path)) {
      const { text, chunks, outcome } = await streamed(configOf(command, format, pretty, indent), { path, label: path });
      expect(text, `${command} ${what}`).toEqual(expected);
      expect(chunks.at(-1)?.final).toBe(true);
      expect(outcome.stats).toMatchObject({
        label: path,
        forms: document.forms.length,
        indicators: document.forms.reduce((n, f) => n + f.indicators.length, 0),
        findings: Object.fromEntries((['error', 'warning', 'info'] as const).map((s) => [s, document.forms.reduce((n, f) => n + f.findings.filter((x) => x.severity === s).length, 0)])),
      });
      expect(outcome.stats.failure === null).toBe(document.forms.length > 0);
    }
  });
});

describe('writers resumed after some forms (a file another thread began)', () => {
  const document = check(parse(readFileSync(join(ROOT, SEED)), { file: SEED }));

  it.each(wholeFormatting(document, SEED).map(([what, format, pretty, indent]) => [what, format, pretty, indent] as const))('%s: any split point gives the whole output', (_what, format, pretty, indent) => {
    const options = { format, pretty, label: SEED, indent };
    const whole = outputWriter(options);
    const join = (parts: Pieces[]) => {
      const text: Partial<Record<Channel, string>> = {};
      for (const part of parts) for (const [c, s] of Object.entries(part) as [Channel, string | Part[]][]) text[c] = (text[c] ?? '') + pieceText(s);
      return text;
    };
    const expected = join([...document.forms.map((f) => whole.form(f)), whole.end(document.diagnostics)]);
    for (let at = 0; at <= document.forms.length; at++) {
      const first = outputWriter(options);
      const second = outputWriter({ ...options, formsBefore: at });
      const parts = [...document.forms.slice(0, at).map((f) => first.form(f)), ...document.forms.slice(at).map((f) => second.form(f)), second.end(document.diagnostics)];
      expect(join(parts), `split at ${at}`).toEqual(expected);
    }
  });
});

describe('the batch processor', () => {
  const seed = readFileSync(join(ROOT, SEED));
  const write = (name: string, bytes: Uint8Array | string) => {
    const path = join(scratch, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('says an empty or blank file is empty, as parse does', async () => {
    for (const [name, bytes] of [['empty.txt', ''], ['blank.txt', ' \r\n\t\n\u3000\n']] as const) {
      const path = write(name, bytes);
      const { text, outcome } = await streamed(configOf('check', 'json'), { path, label: name });
      expect(JSON.parse(text.main!)).toEqual(check(parse(readFileSync(path), { file: path })));
      expect(outcome.stats.failure).toBe('the input is empty');
    }
  });

  it('reads standard input like the same bytes in a file, without a file name', async () => {
    const { text } = await streamed(configOf('check', 'ndjson'), { path: null, bytes: seed, label: '<stdin>' });
    expect(text.main).toBe(JSON.stringify(check(parse(seed))));
  });

  it.each([
    ['a directory', () => scratch, 'is a directory'],
    ['a missing file', () => join(scratch, 'missing.txt'), 'no such file'],
  ])('reports %s as an unreadable file', async (_what, path, why) => {
    const { text, outcome } = await streamed(configOf('parse', 'json'), { path: path(), label: path() });
    expect(JSON.parse(text.main!)).toEqual(await parseFile(path()));
    expect(JSON.parse(text.main!).diagnostics[0]).toMatchObject({ code: 'unreadable-file', message: { en: `${path()}: ${why}` } });
    expect(outcome.stats.failure).toBe(why);
  });

  it('hands a large file on in bounded chunks that end at forms', async () => {
    const path = write('large.txt', Buffer.concat(new Array(40).fill(seed)));
    const document = check(parse(readFileSync(path), { file: path }));
    const { text, chunks } = await streamed(configOf('check', 'json', true), { path, label: path });
    expect(text.main).toBe(JSON.stringify(document, null, 2));
    const largestForm = Math.max(...document.forms.map((f) => JSON.stringify(f, null, 2).length));
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.pieces.main === undefined ? 0 : pieceText(chunk.pieces.main).length).toBeLessThan(64 * 1024 + 2 * largestForm);
    // Each chunk ends after a form: the forms counted so far grow chunk by chunk up to all of them.
    const counts = chunks.map((c) => c.stats.forms);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(document.forms.length);
  });

  it('keeps the forms read before bytes that are not text, then reports them and fails the file', async () => {
    // Beyond the first 64 KiB the encoding is decided: forms come out before the bad bytes are met.
    const good = Buffer.concat(new Array(6).fill(seed));
    const path = write('bad-tail.txt', Buffer.concat([good, Buffer.from([0xff, 0xfe, 0xff, 0x0a])]));
    const { text, outcome } = await streamed(configOf('parse', 'json'), { path, label: path });
    const document = JSON.parse(text.main!) as Document;
    expect(document.forms.length).toBeGreaterThan(0);
    expect(document.forms.map((f) => f.project.name)).toEqual(parse(good, { file: path }).forms.slice(0, document.forms.length).map((f) => f.project.name));
    expect(document.diagnostics.at(-1)).toMatchObject({ code: 'invalid-encoding', severity: 'error', line: 0, file: path });
    expect(outcome.stats.failure).toMatch(/^not valid UTF-8 text \(first invalid byte at offset \d+\)$/);
    expect(outcome.stats.forms).toBe(document.forms.length);
  });

  it('gives the report the checked document itself', async () => {
    const { text, outcome } = await streamed(configOf('check', 'document'), { path: SEED, label: SEED });
    expect(text).toEqual({});
    expect(outcome.document).toEqual(check(parse(seed, { file: SEED })));
  });
});
