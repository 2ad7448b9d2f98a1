/** The pure parts of the batch CLI: output names, CSV fields, progress and summary lines. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvRows } from '../src/output/csv.js';
import { mirroredName, outputFile, uniqueNames } from '../src/cli/output-paths.js';
import { addStats, emptyTotals, formatFailures, formatProgress, formatSummary, summaryJson, type FileStats } from '../src/cli/progress.js';
import type { Document } from '../src/contract/schema.js';

describe('mirroredName', () => {
  it.each([
    ['exports/2023/财政局.txt', 'exports', '2023/财政局'],
    ['exports/a.b.txt', 'exports', 'a.b'],
    ['exports/README', 'exports', 'README'],
    ['exports/.hidden', 'exports', '.hidden'],
    ['a.txt', '.', 'a'],
    ['/data/in/a.txt', '/data', 'in/a'],
  ])('%s from %s → %s', (path, base, name) => {
    expect(mirroredName(path, base)).toBe(name);
  });

  it('keeps a path that leaves its base inside, by its absolute path', () => {
    expect(mirroredName('/data/x/a.txt', '/work')).toBe('data/x/a');
    expect(mirroredName('../../../../../../../etc/passwd', '.')).toBe('etc/passwd');
  });

  it('never gives a .. segment or an absolute name', () => {
    for (const path of ['../a.txt', '/a.txt', 'x/../../a.txt', '..', '/', './../..//a..txt']) {
      const name = mirroredName(path, '.');
      expect(name.split('/')).not.toContain('..');
      expect(name.startsWith('/')).toBe(false);
      expect(outputFile('/out', name, '.json')).toMatch(/^\/out\//);
    }
  });
});

describe('uniqueNames', () => {
  it('numbers repeats in order', () => {
    expect(uniqueNames(['a', 'b', 'a', 'a', 'a~2'])).toEqual(['a', 'b', 'a~2', 'a~3', 'a~2~2']);
  });
});

describe('outputFile', () => {
  it('refuses a name that leaves the directory', () => {
    expect(outputFile('/out', '../etc/x', '.json')).toBeNull();
    expect(outputFile('/out', '/etc/x', '.json')).toBeNull();
    expect(outputFile('/out', 'a/b', '.json')).toBe('/out/a/b.json');
  });
});

describe('csvCell', () => {
  it.each([
    [null, ''],
    ['专项业务', '专项业务'],
    ['丰富办事事项,压缩办事材料', '"丰富办事事项,压缩办事材料"'],
    ['他说"好"', '"他说""好"""'],
    ['两行\n文本', '"两行\n文本"'],
    [12, '12'],
    ['-4.00', '-4.00'],
    ['+5%', '+5%'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['-1+cmd', "'-1+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('%j → %s', (value, field) => {
    expect(csvCell(value)).toBe(field);
  });
});

describe('csvRows', () => {
  const document: Document = {
    forms: [],
    diagnostics: [{ code: 'no-form', severity: 'error', message: { zh: '输入为空', en: 'the input is empty' }, line: 1, column: 1, file: 'a.txt', detail: { empty: true } }],
  };

  it('puts a file-level diagnostic in the findings table, with as many fields as the header', () => {
    const fields = (line: string) => line.replace(/\r\n$/, '').split(',');
    const row = csvRows('findings', document, 'a.txt');
    expect(fields(row)).toHaveLength(fields(csvHeader('findings')).length);
    // The message in Chinese from the catalogue, then as emitted, as a finding's message and message_en; no rule, no 依据, no cell, as in any text export.
    expect(row).toBe('a.txt,,,,diagnostic,error,no-form,1,1,,,,,,,输入为空,the input is empty,\r\n');
    expect(csvRows('indicators', document, 'a.txt')).toBe('');
  });
});

describe('progress and summary', () => {
  const stats = (label: string, forms: number, failure: string | null = null): FileStats => ({
    label,
    forms,
    indicators: forms * 10,
    findings: { error: forms, warning: 2 * forms, info: 0 },
    diagnostics: { error: 0, warning: forms, info: 0 },
    failure,
  });

  it('counts files, forms, indicators and findings, and names each failed file', () => {
    const totals = emptyTotals(3);
    addStats(totals, stats('a.txt', 7));
    addStats(totals, stats('b.txt', 1));
    addStats(totals, stats('c.txt', 0, 'the input is empty'));
    expect(formatSummary(totals)).toBe('3 files, 8 forms, 80 indicators; findings: 8 errors, 16 warnings, 0 info; 1 file failed:\n  c.txt: the input is empty');
  });

  it("counts the forms' parse errors, names failed files safely, and gives the same figures as JSON", () => {
    const totals = emptyTotals(2);
    addStats(totals, { ...stats('a.txt', 2), diagnostics: { error: 3, warning: 1, info: 0 } });
    addStats(totals, stats('b\u001b[2J.txt', 0, 'the input is empty'));
    expect(formatSummary(totals)).toBe('2 files, 2 forms, 20 indicators; findings: 2 errors, 4 warnings, 0 info; 3 parse errors; 1 file failed:\n  b\\x1b[2J.txt: the input is empty');
    expect(formatFailures(totals)).toEqual(['jixiao: b\\x1b[2J.txt: the input is empty']);
    const json = summaryJson(totals);
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(JSON.parse(json)).toEqual({
      files: 2, forms: 2, graded: 0, ungradable: 0, ungradableReasons: [], indicators: 20,
      findings: { error: 2, warning: 4, info: 0 },
      parseErrors: 3,
      diagnostics: { error: 3, warning: 1, info: 0 },
      failed: [{ file: 'b\u001b[2J.txt', reason: 'the input is empty' }],
    });
    expect(JSON.parse(summaryJson({ ...totals, failed: [{ label: 'c\u009b.txt', reason: 'x' }] })).failed[0].file).toBe('c\u009b.txt');
  });

  it('says so when no file failed', () => {
    const totals = emptyTotals(1);
    addStats(totals, stats('a.txt', 1));
    expect(formatSummary(totals)).toBe('1 file, 1 form, 10 indicators; findings: 1 error, 2 warnings, 0 info; no file failed');
  });

  it('shows files done, forms, findings, rate and time left within the terminal width', () => {
    const totals = emptyTotals(200);
    for (let i = 0; i < 50; i++) addStats(totals, stats(`${i}.txt`, 2));
    const line = formatProgress(totals, 10_000, 120);
    expect(line).toContain('50/200 files');
    expect(line).toContain('100 forms');
    expect(line).toContain('300 findings');
    expect(line).toContain('5 files/s');
    expect(line).toContain('ETA 0:30');
    expect(line.length).toBeLessThan(120);
    expect(formatProgress(totals, 10_000, 40).length).toBeLessThan(40);
  });
});
