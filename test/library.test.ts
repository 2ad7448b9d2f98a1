/** The library entry: what `import … from 'jixiao'` gives, and the async iterator over files. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as jixiao from '../src/index.js';
import { check, Document, parse, parseFile, parseFiles } from '../src/index.js';

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
