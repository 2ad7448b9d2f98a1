/**
 * The published package: `npm pack` of the built tree, installed into an
 * empty project, must run its command (worker threads included), import as
 * ESM, ship the JSON Schema and type its exports. Dependencies come from the
 * npm cache that `npm ci` filled, so this runs offline after an install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SEED = join(ROOT, 'samples/000_16052ebbc3505be3.txt');
const scratch = mkdtempSync(join(tmpdir(), 'jixiao-pack-'));
const app = join(scratch, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function inApp(command: string, args: string[], input?: string) {
  return spawnSync(command, args, { cwd: app, encoding: 'utf8', input, timeout: 120_000 });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('dist/ is missing: run `node scripts/build.mjs` (npm test does) first');
  // --ignore-scripts: dist/ is already built; rebuilding it here would pull it from under the other test files.
  const tarball = execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(scratch, tarball)], { cwd: app, stdio: 'pipe', timeout: 240_000 });
  cpSync(SEED, join(app, 'export.txt'));
}, 300_000);

// The installed package holds thousands of files: on a loaded machine removing them takes longer than a hook's default 10 s.
afterAll(() => rmSync(scratch, { recursive: true, force: true }), 120_000);

describe('the packed package, installed in an empty project', () => {
  it('runs npx jixiao --help', () => {
    const run = inApp('npx', ['--no-install', 'jixiao', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('jixiao parse FILE...');
  });

  it('checks a file on two worker threads', () => {
    const one = inApp('npx', ['--no-install', 'jixiao', 'check', 'export.txt', '--format', 'ndjson', '--jobs', '1', '-q']);
    const two = inApp('npx', ['--no-install', 'jixiao', 'check', 'export.txt', 'export.txt', join(ROOT, 'samples/*.txt'), '--format', 'ndjson', '--jobs', '2', '-q']);
    expect(JSON.parse(one.stdout).forms[3].summary.recomputedTotal).toBe('96.49');
    expect(two.stdout.split('\n')[0]).toBe(one.stdout.trim());
  }, 60_000);

  it('reads a workbook, a Word document and a page, from the CLI and the library', async () => {
    const { splitForms, textTable, writePage, writeWordDocument, writeWorkbook } = await import('./support/office-writers.js');
    const sample = readFileSync(SEED, 'utf8');
    const forms = splitForms(sample).map(textTable);
    writeFileSync(join(app, 'forms.xlsx'), await writeWorkbook([{ name: 'Sheet1', table: textTable(sample) }]));
    writeFileSync(join(app, 'forms.docx'), await writeWordDocument(forms));
    writeFileSync(join(app, 'forms.html'), writePage(forms));
    const run = inApp('npx', ['--no-install', 'jixiao', 'check', 'forms.xlsx', 'forms.docx', 'forms.html', '--format', 'ndjson', '--summary', 'json', '-q']);
    expect(JSON.parse(run.stderr.trim())).toMatchObject({ files: 3, forms: 21, failed: [] });
    const script = `
      import { parse } from 'jixiao';
      import { parse as parseInBrowser } from 'jixiao/core';
      import { readFileSync } from 'node:fs';
      const a = parse(readFileSync('forms.xlsx'), { file: 'forms.xlsx' });
      const b = parseInBrowser(readFileSync('forms.docx'), { file: 'forms.docx' });
      console.log(JSON.stringify([a.forms.length, a.forms[3].indicators[0].score.cell, b.forms.length, b.forms[3].indicators[0].score.cell]));
    `;
    const library = inApp(process.execPath, ['--input-type=module', '-e', script]);
    expect(JSON.parse(library.stdout)).toEqual([7, 'Sheet1!H123', 7, 'T4!R13C8']);
  }, 60_000);

  it("imports { parse } from 'jixiao' and reads the schema at 'jixiao/schema.json'", () => {
    const script = `
      import { parse, check, parseFiles } from 'jixiao';
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      const document = check(parse(readFileSync('export.txt'), { file: 'export.txt' }));
      const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('jixiao/schema.json'), 'utf8'));
      let files = 0;
      for await (const _ of parseFiles('*.txt')) files++;
      console.log(JSON.stringify([document.forms.length, document.forms[3].project.name, schema.title, files]));
    `;
    const run = inApp(process.execPath, ['--input-type=module', '-e', script]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([7, '专项业务', 'jixiao document', 1]);
  });

  it("imports the browser-safe entry 'jixiao/core', which gives the same documents", () => {
    const script = `
      import * as core from 'jixiao/core';
      import { parse, check } from 'jixiao';
      import { readFileSync } from 'node:fs';
      const bytes = readFileSync('export.txt');
      const fromCore = core.check(core.parse(new Uint8Array(bytes).buffer, { file: 'export.txt' }), { profile: 'default' });
      const fromMain = check(parse(bytes, { file: 'export.txt' }));
      let thrown = '';
      try { core.parse(null); } catch (error) { thrown = error.name; }
      console.log(JSON.stringify([fromCore.forms.length, fromCore.forms[3].summary.recomputedTotal, JSON.stringify(fromCore) === JSON.stringify(fromMain), typeof core.parseFile, typeof core.renderReport, thrown]));
    `;
    const run = inApp(process.execPath, ['--input-type=module', '-e', script]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([7, '96.49', true, 'undefined', 'function', 'TypeError']);
  }, 60_000);

  it('runs no script when installed: it is built before packing, not on install', () => {
    const scripts = JSON.parse(readFileSync(join(app, 'node_modules/jixiao/package.json'), 'utf8')).scripts ?? {};
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook], hook).toBeUndefined();
    expect(scripts.prepack).toBe('node scripts/build.mjs');
  });

  it('types its exports for TypeScript', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const options = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', ''];
    writeFileSync(join(app, 'good.ts'), "import { check, parse, type Document } from 'jixiao';\nconst d: Document = check(parse('x'));\nexport const name: string | null | undefined = d.forms[0]?.project.name;\n");
    writeFileSync(join(app, 'bad.ts'), "import { check, parse } from 'jixiao';\nexport const name: number = check(parse('x')).forms[0].project.name;\n");
    writeFileSync(join(app, 'core.ts'), "import { check, parse, type ProfileName } from 'jixiao/core';\nconst p: ProfileName = 'hubei';\nexport const d = check(parse(new ArrayBuffer(0)), { profile: p });\n");
    writeFileSync(join(app, 'typo.ts'), "import { check, parse } from 'jixiao/core';\nexport const d = check(parse('x'), { profile: 'mof2002' });\n");
    // One compiler run for the files that must compile, one for those that must
    // not: each of the latter must be reported, by name, with its own error.
    expect(inApp(process.execPath, [tsc, ...options, 'good.ts', 'core.ts']).stdout).toBe('');
    const failing = inApp(process.execPath, [tsc, ...options, 'bad.ts', 'typo.ts']).stdout;
    expect(failing).toMatch(/bad\.ts.*TS2322/);
    expect(failing).toMatch(/typo\.ts.*TS(2322|2820)/);
  }, 60_000);

  it('writes the CSV, XLSX and Parquet tables from the library, typed', () => {
    const script = `
      import { check, parse, csvHeader, csvRows, xlsxBytes, parquetTables } from 'jixiao';
      import { readFileSync } from 'node:fs';
      const document = check(parse(readFileSync('export.txt'), { file: 'export.txt' }));
      const labelled = [{ document, label: 'export.txt' }];
      const parquet = await parquetTables(labelled);
      const workbook = await xlsxBytes(labelled);
      const forms = csvHeader('forms') + csvRows('forms', document, 'export.txt');
      console.log(JSON.stringify([Object.keys(parquet), Buffer.from(parquet.findings.subarray(0, 4)).toString(), Buffer.from(workbook.subarray(0, 2)).toString(), forms.trim().split('\\r\\n').length]));
    `;
    const run = inApp(process.execPath, ['--input-type=module', '-e', script]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([['forms', 'indicators', 'funds', 'findings'], 'PAR1', 'PK', 8]);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const options = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', ''];
    writeFileSync(join(app, 'tables.ts'), "import { check, parse, parquetTables, type CsvTable } from 'jixiao';\nexport const t: Promise<Record<CsvTable, Uint8Array>> = parquetTables([{ document: check(parse('x')), label: 'x' }]);\n");
    writeFileSync(join(app, 'tables-bad.ts'), "import { parquetTables } from 'jixiao';\nexport const t = parquetTables([{ document: 'x', label: 'x' }]);\n");
    expect(inApp(process.execPath, [tsc, ...options, 'tables.ts']).stdout).toBe('');
    expect(inApp(process.execPath, [tsc, ...options, 'tables-bad.ts']).stdout).toMatch(/tables-bad\.ts.*TS2322/);
  }, 60_000);

  it('ships the build, the profiles and the README, and no sources or tests', () => {
    const installed = join(app, 'node_modules/jixiao');
    for (const file of ['bin/jixiao.mjs', 'dist/cli.js', 'dist/worker.js', 'dist/index.js', 'dist/index.d.ts', 'dist/core.js', 'dist/core.d.ts', 'dist/jixiao.schema.json', 'profiles/default.json', 'README.md']) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    for (const dir of ['src', 'test', 'samples']) expect(existsSync(join(installed, dir)), dir).toBe(false);
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});
