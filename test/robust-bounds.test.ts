/**
 * Issue 16, resources: the adversarial inputs scaled down, each asserting the
 * bound rather than a time (bench/adversarial.ts measures the full sizes):
 * one diagnostic per row of stray cells, a capped number of diagnostics per
 * form and per file, caps on cells per line and per form, an output whose
 * size does not grow with the input's garbage, and the byte limit enforced
 * while reading a file that `stat` cannot size.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parseFile } from '../src/api/files.js';
import { MAX_CELLS_PER_FORM, MAX_CELLS_PER_LINE } from '../src/parse/lex.js';
import { MAX_DIAGNOSTICS } from '../src/contract/limits.js';
import { parse } from '../src/api/pipeline.js';
import type { Diagnostic, Document } from '../src/contract/schema.js';
import { parseStreamToDocument } from '../src/api/stream.js';

const HEADER = '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n';
const ROW = '\t产出指标 (50分)\t数量指标\t采购数量\t100台\t100台\t5\t5\t\n';

const all = (document: Document): Diagnostic[] => [...document.diagnostics, ...document.forms.flatMap((f) => f.diagnostics)];
const ofCode = (document: Document, code: string) => all(document).filter((d) => d.code === code);

async function* piecesOf(text: string, size = 4096): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('stray cells: one diagnostic per row', () => {
  it('a row of 300 stray cells is one unplaced-cell diagnostic with the count, the first cells and every column', () => {
    const cells = Array.from({ length: 300 }, (_, i) => `x${i}`);
    const document = parse(cells.join('\t'));
    const unplaced = ofCode(document, 'unplaced-cell');
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0]).toMatchObject({ line: 1, column: 1 });
    expect(unplaced[0].detail?.count).toBe(300);
    expect(unplaced[0].detail?.cells).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    // Column of each cell counted from the text: x0 at 1, then each cell after its tab.
    let column = 1;
    const columns = cells.map((c) => {
      const at = column;
      column += c.length + 1;
      return at;
    });
    expect(unplaced[0].detail?.columns).toEqual(columns);
    expect(unplaced[0].message.en).toContain('300 cells');
  });
});

describe('cells per line', () => {
  it(`a line of ${4 * MAX_CELLS_PER_LINE} \\t1 cells: ${MAX_CELLS_PER_LINE} read, the rest counted where reading stopped`, () => {
    const total = 4 * MAX_CELLS_PER_LINE;
    const document = check(parse('\t1'.repeat(total)));
    expect(ofCode(document, 'unplaced-cell').map((d) => d.detail?.count)).toEqual([MAX_CELLS_PER_LINE]);
    // Cell k (1-based) starts at column 2k: the first cell left unread is at 2 × (cap + 1).
    expect(ofCode(document, 'too-many-cells').map((d) => [d.line, d.column, d.detail?.cells, d.detail?.scope])).toEqual([[1, 2 * (MAX_CELLS_PER_LINE + 1), total - MAX_CELLS_PER_LINE, 'line']]);
    expect(JSON.stringify(document).length).toBeLessThan(20_000);
  });

  it('the output does not grow with the line: 2× the cells, the same size give or take the counts', () => {
    const size = (n: number) => JSON.stringify(check(parse('\t1'.repeat(n)))).length;
    expect(Math.abs(size(8 * MAX_CELLS_PER_LINE) - size(4 * MAX_CELLS_PER_LINE))).toBeLessThan(10);
  }, 60_000);

  it('a line of many tabs around few cells keeps them all', () => {
    const document = parse('\t'.repeat(10 * MAX_CELLS_PER_LINE) + '甲\t乙');
    expect(ofCode(document, 'too-many-cells')).toEqual([]);
    expect(ofCode(document, 'unplaced-cell').map((d) => d.detail?.count)).toEqual([2]);
  });
});

describe('cells per form', () => {
  it('duplicate indicator rows past the cap: the form reads up to it and reports the lines after', () => {
    const rows = Math.ceil(MAX_CELLS_PER_FORM / 7) + 500;
    const text = '项目支出绩效自评表\n项目名称\t甲\n' + HEADER + ROW.repeat(rows) + '总分\t100\t100\n';
    const document = parse(text);
    expect(document.forms).toHaveLength(1);
    const form = document.forms[0];
    const cut = form.diagnostics.filter((d) => d.code === 'too-many-cells');
    expect(cut).toHaveLength(1);
    expect(cut[0].detail?.scope).toBe('form');
    // Every indicator row is either read or among the lines counted as unread (which include the 总分 line).
    expect(form.indicators.length + Number(cut[0].detail?.lines)).toBe(rows + 1);
    expect(cut[0].line).toBe(form.indicators.length + 4);
  }, 60_000);
});

describe('diagnostics per form and per file', () => {
  it(`${MAX_DIAGNOSTICS + 20_000} repeated titles: ${MAX_DIAGNOSTICS} diagnostics and one counting the rest, the same from parse and the stream`, async () => {
    const titles = MAX_DIAGNOSTICS + 20_000;
    const text = '项目支出绩效自评表\n'.repeat(titles);
    const document = parse(text);
    const diagnostics = document.diagnostics;
    expect(diagnostics.length).toBe(MAX_DIAGNOSTICS + 2);
    const more = diagnostics.filter((d) => d.code === 'more-diagnostics');
    expect(more).toHaveLength(1);
    expect(more[0].detail).toMatchObject({ count: 20_000, limit: MAX_DIAGNOSTICS, codes: { 'unplaced-cell': 20_000 } });
    expect(more[0].line).toBe(MAX_DIAGNOSTICS + 1);
    expect(diagnostics.at(-1)?.code).toBe('no-form');
    expect(await parseStreamToDocument(piecesOf(text))).toEqual(document);
  }, 60_000);

  it('a form with a stray cell on each of 2 × the cap of rows lists the cap and counts the rest, with the worst severity', () => {
    const text = '项目支出绩效自评表\n项目名称\t甲\n' + '\t'.repeat(3) + '\n总分\t100\t100\n' + '杂项\n'.repeat(2 * MAX_DIAGNOSTICS);
    const form = parse(text).forms[0];
    expect(form.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
    const more = form.diagnostics.filter((d) => d.code === 'more-diagnostics');
    expect(more).toHaveLength(1);
    expect(Number(more[0].detail?.count) + form.diagnostics.length - 1).toBe(2 * MAX_DIAGNOSTICS);
    expect(more[0].severity).toBe('warning');
  });
});

describe('a single 2 MB cell', () => {
  it('is one unplaced cell, its text given once', () => {
    const text = '甲乙丙丁'.repeat(512 * 1024);
    const document = parse(text);
    expect(ofCode(document, 'unplaced-cell').map((d) => d.detail?.count)).toEqual([1]);
    expect(JSON.stringify(document).length).toBeLessThan(text.length + 1000);
  });
});

describe('the byte limit while reading', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'jixiao-bounds-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('parseFile("/dev/zero") ends with input-too-large', async () => {
    const document = await parseFile('/dev/zero', { maxBytes: 1024 * 1024 });
    expect(document.forms).toEqual([]);
    expect(document.diagnostics.map((d) => [d.code, d.severity])).toEqual([['input-too-large', 'error']]);
  });

  it('parseFile of a FIFO that never ends stops at the limit', async () => {
    const fifo = join(scratch, 'fifo');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `yes 项目名称 > '${fifo}'`], { stdio: 'ignore' });
    try {
      const document = await parseFile(fifo, { maxBytes: 256 * 1024 });
      expect(document.diagnostics.map((d) => d.code)).toEqual(['input-too-large']);
    } finally {
      writer.kill();
    }
  });

  it('parseFile of a small FIFO reads it whole', async () => {
    const fifo = join(scratch, 'small');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '项目名称\\t甲\\n总分\\t1\\t1\\n' > '${fifo}'`], { stdio: 'ignore' });
    const document = await parseFile(fifo);
    writer.kill();
    expect(document.forms.map((f) => f.project.name)).toEqual(['甲']);
  });
});
