/** The library entry: what `import … from 'jixiao'` gives, and the async iterator over files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as jixiao from '../src/api/index.js';
import { check, Document, parse, parseFile, parseFiles } from '../src/api/index.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures/cli';

async function collect(patterns: string | string[], options: jixiao.ParseFilesOptions = {}) {
  const results: { file: string; document: Document }[] = [];
  for await (const result of parseFiles(patterns, options)) results.push(result);
  return results;
}

describe('parseFiles', () => {
  it('yields every file a pattern matches, sorted, with the document parseFile gives', async () => {
    const results = await collect(`${FIXTURES}/**/*.txt`, { cwd: ROOT });
    expect(results.map((r) => r.file)).toEqual(
      ['2023/finance/seed.txt', '2023/health/seed-gb18030.txt', '2024/one-form-utf16.txt', 'bad/empty.txt', 'bad/image.txt'].map((f) => `${FIXTURES}/${f}`),
    );
    expect(results[1].document).toEqual(await parseFile(join(ROOT, results[1].file), { file: results[1].file }));
    expect(results.map((r) => r.document.forms.length)).toEqual([7, 7, 1, 0, 0]);
  });

  it('keeps the order of several names and patterns, each file once', async () => {
    const results = await collect([`${FIXTURES}/2024/*.txt`, `${FIXTURES}/2023/**/*.txt`, `${FIXTURES}/2024/one-form-utf16.txt`], { cwd: ROOT });
    expect(results.map((r) => r.file.slice(FIXTURES.length + 1))).toEqual(['2024/one-form-utf16.txt', '2023/finance/seed.txt', '2023/health/seed-gb18030.txt']);
  });

  it('yields a missing named file as a document with its diagnostic, and nothing for a pattern without match', async () => {
    const results = await collect(['nothing/here.txt', 'nothing/**/*.txt'], { cwd: ROOT });
    expect(results.map((r) => [r.file, r.document.forms.length, r.document.diagnostics.map((d) => d.code)])).toEqual([['nothing/here.txt', 0, ['unreadable-file']]]);
  });

  it('passes parse options on', async () => {
    const [forced] = await collect(`${FIXTURES}/2023/health/*.txt`, { cwd: ROOT, encoding: 'utf-16le' });
    expect(forced.document.forms).toEqual([]);
  });
});

describe('the entry point', () => {
  it('exports the pipeline, the schemas and the writers', () => {
    for (const name of ['parse', 'check', 'parseFile', 'parseFiles', 'render', 'renderReport', 'jsonSchema', 'decode', 'loadProfile']) {
      expect(typeof (jixiao as Record<string, unknown>)[name], name).toBe('function');
    }
    for (const name of ['Document', 'Form', 'Indicator', 'Finding', 'Diagnostic']) {
      expect(typeof (jixiao as Record<string, { safeParse?: unknown }>)[name].safeParse, name).toBe('function');
    }
  });

  it('gives documents that its zod schema accepts', () => {
    const document = check(parse(readFileSync(join(ROOT, `${FIXTURES}/2024/one-form-utf16.txt`)), { file: 'one.txt' }));
    expect(Document.safeParse(document).success).toBe(true);
    expect(document.forms[0].project.name).toBe('预算准备金');
  });

  it('does nothing when imported from the build: no output, no open handle', () => {
    const url = new URL('../dist/index.js', import.meta.url).href;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(Object.keys(m).includes('parseFiles'))`], { encoding: 'utf8', timeout: 60_000 });
    expect(run).toMatchObject({ status: 0, stdout: 'true\n', stderr: '' });
  });
});

describe('the door: wrong arguments are thrown, problems in the input are diagnostics', () => {
  const sample = readFileSync(join(ROOT, 'samples/000_16052ebbc3505be3.txt'));

  it('throws a TypeError naming the argument for what is not an export', () => {
    expect(() => parse(null as never)).toThrow(new TypeError("parse: input must be a string or the file's bytes (Uint8Array, Buffer or ArrayBuffer), not null"));
    expect(() => parse(123 as never)).toThrow(/^parse: input must be .* not a number \(123\)$/);
    expect(() => parse(undefined as never)).toThrow(TypeError);
    expect(() => parse({ text: 'x' } as never)).toThrow(/not an object$/);
    expect(() => parse(sample, 'a.txt' as never)).toThrow(/^parse: options must be an object, not a string/);
    expect(() => parse(sample, { file: 12 as never })).toThrow(/^parse: options\.file must be a string, not a number/);
  });

  it('throws a TypeError for what is not a document', () => {
    expect(() => check(undefined as never)).toThrow(new TypeError('check: document must be a jixiao document ({ forms, diagnostics }), not undefined'));
    expect(() => check({} as never)).toThrow(new TypeError('check: document.forms must be an array of forms, not undefined'));
    expect(() => check({ forms: [null] } as never)).toThrow(/^check: document\.forms\[0\] must be a form object, not null$/);
    expect(() => check(parse(sample), 'mof2020' as never)).toThrow(/^check: options must be an object/);
    expect(() => jixiao.checkForm(null as never)).toThrow(TypeError);
  });

  it('takes the bytes as a Buffer, a Uint8Array, an ArrayBuffer or another view, all alike', () => {
    const expected = parse(sample, { file: 'a.txt' });
    const copy = new Uint8Array(sample);
    expect(expected.forms).toHaveLength(7);
    expect(parse(copy, { file: 'a.txt' })).toEqual(expected);
    expect(parse(copy.buffer, { file: 'a.txt' })).toEqual(expected);
    // A view into a larger buffer: only its own bytes are read.
    const padded = new Uint8Array(copy.length + 8);
    padded.set(copy, 4);
    expect(parse(new DataView(padded.buffer, 4, copy.length), { file: 'a.txt' })).toEqual(expected);
  });

  it('throws a RangeError for an unknown profile name or encoding, a TypeError for an invalid profile', () => {
    const document = parse(sample);
    expect(() => check(document, { profile: 'mof2002' as 'mof2020' })).toThrow(RangeError);
    expect(() => check(document, { profile: 'mof2002' as 'mof2020' })).toThrow(/^check: unknown profile "mof2002": neither a built-in \(default, mof2020, mof2021, vendor, hubei, sichuan\) nor a profile file$/);
    expect(() => check(document, { profile: '/nonexistent/profile.json' })).toThrow(RangeError);
    expect(() => check(document, { profile: { name: 'x', reverseRule: 'harsh' } as never })).toThrow(/^check: options\.profile is not a valid profile/);
    expect(() => check(document, { profile: 42 as never })).toThrow(TypeError);
    expect(() => parse(sample, { encoding: 'latin-9' })).toThrow(new RangeError('parse: options.encoding must be one of utf-8, utf-16le, utf-16be, gb18030, gbk, not "latin-9"'));
    expect(() => jixiao.parseStream(sample as never)).toThrow(/^parseStream: source must be an iterable of chunks/);
    expect(() => jixiao.parseStream(null as never)).toThrow(/^parseStream: source must be an async iterable/);
    expect(() => jixiao.parseStream([sample], { check: { profile: 'nope' as 'default' } })).toThrow(RangeError);
  });

  it('accepts every built-in name, a profile object, an overlay and a profile file', () => {
    const document = parse(sample);
    for (const profile of ['default', 'mof2020', 'mof2021', 'vendor', 'hubei'] as const) {
      expect(check(document, { profile }).forms[3].findings.every((f) => f.profile === profile)).toBe(true);
    }
    const overlay = { name: 'ours', extends: 'mof2020' as const, reverseRule: 'linear2x' as const };
    expect(check(document, { profile: overlay }).forms[3].findings[0].profile).toBe('ours');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-door-'));
    writeFileSync(join(dir, 'ours.json'), JSON.stringify(overlay));
    expect(check(document, { profile: join(dir, 'ours.json') as `${string}.json` }).forms[3].findings[0].profile).toBe('ours');
  });

  it('keeps problems in the input as diagnostics: nothing is thrown for garbage, empty or binary input', () => {
    expect(parse('').diagnostics.map((d) => d.code)).toEqual(['no-form']);
    expect(parse(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])).diagnostics.map((d) => d.code)).toEqual(['binary-input']);
    // A form made by hand that is not a form is the caller's mistake, named by its first wrong field.
    expect(() => check({ forms: [{}], diagnostics: [] } as never)).toThrow(/document\.forms\[0\]\.title/);
  });
});
