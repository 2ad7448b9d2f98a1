/**
 * The test suite's own writers of workbooks, Word documents and web pages: a
 * text export's lines laid out as a table (line N → row N of its part, tab
 * field K → column K + 1), with the merges a department's workbook has where
 * the text export leaves cells empty (a 一级 or 二级 label down its group's
 * rows, where the group ends at another label or the block's end; the title
 * across the table, header captions across the empty cells after them). A merge covers only cells the text leaves empty, so the text
 * reads the same; figures are written as numbers with the number format that
 * shows the text's decimals (`98.20` as 98.2 under `0.00`, `98.62%` as 0.9862
 * under `0.00%`).
 */
import ExcelJS from 'exceljs';
import type { Document } from '../../src/contract/schema.js';
import { AlignmentType, Document as WordDocument, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

export interface Merge {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

export interface TextTable {
  /** Rows of cells (0-based), each cell's text as the export has it. */
  rows: string[][];
  merges: Merge[];
}

/** A text export's lines as rows of tab-separated cells. */
export function textRows(text: string): string[][] {
  return text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n').map((line) => (line === '' ? [] : line.split('\t')));
}

/** The sample's forms: each from its title line to the line before the next title. */
export function splitForms(text: string, title = '项目支出绩效自评表'): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const starts = lines.map((l, i) => (l.trim() === title ? i : -1)).filter((i) => i >= 0);
  return starts.map((start, k) => lines.slice(start, starts[k + 1] ?? lines.length).join('\n'));
}

const filled = (rows: string[][], r: number, c: number) => (rows[r]?.[c] ?? '').trim() !== '';

/** The merges a department's table has over the cells the text leaves empty. */
export function departmentMerges(rows: string[][]): Merge[] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const merges: Merge[] = [];
  let indicators = false;
  rows.forEach((row, r) => {
    const cells = row.map((t, c) => (t.trim() === '' ? -1 : c)).filter((c) => c >= 0);
    if (row.some((t) => t.includes('一级指标'))) indicators = true;
    if (/^\s*项目支出绩效自评表/.test(row[0] ?? '') && cells.length === 1) {
      indicators = false;
      merges.push({ row: r, column: 0, rowSpan: 1, colSpan: width });
      return;
    }
    if (indicators) {
      for (const c of [0, 1, 2]) {
        if (!filled(rows, r, c) || !/指标|满意度/.test(row[c]) || /^总分/.test(row[0] ?? '')) continue;
        let end = r;
        while (
          end + 1 < rows.length &&
          [...Array(c + 1).keys()].every((k) => !filled(rows, end + 1, k)) &&
          (rows[end + 1] ?? []).some((t, k) => k > c && t.trim() !== '')
        )
          end++;
        // A group that ends where the next row's cell in this column is not a label (a name shifted
        // into it, as text exports shift cells) has no extent a workbook could state: left unmerged.
        const next = rows[end + 1] ?? [];
        const closes = next.length === 0 || /^总分/.test(next[0] ?? '') || [...Array(c + 1).keys()].some((k) => /指标/.test(next[k] ?? ''));
        if (end > r && closes) merges.push({ row: r, column: c, rowSpan: end - r + 1, colSpan: 1 });
      }
      return;
    }
    // Header captions take the empty cells up to the next caption.
    for (let k = 0; k + 1 < cells.length; k++) if (cells[k + 1] - cells[k] > 1) merges.push({ row: r, column: cells[k], rowSpan: 1, colSpan: cells[k + 1] - cells[k] });
  });
  return merges;
}

export function textTable(text: string): TextTable {
  const rows = textRows(text);
  return { rows, merges: departmentMerges(rows) };
}

/** The indicator block's header as a department's workbook writes it. */
const INDICATOR_HEADER = ['年度绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '*实际完成值', '*分值', '*得分', '偏差原因分析及改进措施'];

/**
 * A text export as the workbook it was exported from holds it, given the
 * export's reading (`document`, checked by hand in samples/*.expected.json):
 * the lines outside the indicator blocks as the text has them, with the
 * merges of `departmentMerges`; each indicator row with its cells in the
 * header's columns, its 一级 label (with its points) and 二级 label written
 * once, in the top cell of a merge down their group's rows, and 年度绩效指标
 * down the whole block, where a text export leaves labels on whichever row of
 * the group it printed them and shifts cells.
 */
export function workbookTable(text: string, document: Document): TextTable {
  const rows = textRows(text);
  const outside = departmentMerges(rows);
  const merges: Merge[] = [];
  const blockRows = new Set<number>();
  for (const form of document.forms) {
    if (form.indicators.length === 0) continue;
    const first = form.indicators[0].line;
    const last = form.indicators[form.indicators.length - 1].line;
    let header = first - 1;
    while (header > form.source.startLine && !(rows[header - 1] ?? []).some((t) => t.includes('一级指标'))) header--;
    rows[header - 1] = [...INDICATOR_HEADER];
    for (let line = header; line <= last; line++) blockRows.add(line - 1);
    merges.push({ row: header - 1, column: 0, rowSpan: last - header + 1, colSpan: 1 });
    const groupOf = (key: (i: (typeof form.indicators)[number]) => string | null, column: number, label: (i: (typeof form.indicators)[number]) => string) => {
      let start = 0;
      form.indicators.forEach((indicator, k) => {
        const next = form.indicators[k + 1];
        if (next && key(next) === key(indicator) && key(indicator) !== null) return;
        const head = form.indicators[start];
        if (key(head) !== null) {
          rows[head.line - 1][column] = label(head);
          if (indicator.line > head.line) merges.push({ row: head.line - 1, column, rowSpan: indicator.line - head.line + 1, colSpan: 1 });
        }
        start = k + 1;
      });
    };
    for (const indicator of form.indicators) {
      rows[indicator.line - 1] = ['', '', '', indicator.name ?? '', indicator.target?.raw ?? '', indicator.actual?.raw ?? '', indicator.weight?.raw ?? '', indicator.score?.raw ?? '', indicator.deviation ?? ''];
    }
    const level1Key = (i: (typeof form.indicators)[number]) => (i.level1 === null ? null : `${i.level1}|${i.level1Points}`);
    groupOf(level1Key, 1, (i) => `${i.level1}${i.level1Points === null ? '' : `(${i.level1Points}分)`}`);
    groupOf((i) => (i.level2 === null ? null : `${level1Key(i)}|${i.level2}`), 2, (i) => i.level2 ?? '');
  }
  for (const m of outside) if (!blockRows.has(m.row)) merges.push(m);
  return { rows, merges };
}

/** A table cut into the parts starting at the given rows (0-based), each part's merges with it. */
export function splitTable(table: TextTable, starts: readonly number[]): TextTable[] {
  return starts.map((start, k) => {
    const end = starts[k + 1] ?? table.rows.length;
    return {
      rows: table.rows.slice(start, end),
      merges: table.merges.filter((m) => m.row >= start && m.row < end).map((m) => ({ ...m, row: m.row - start })),
    };
  });
}

/** A figure's number and the format that shows it as written, or null for text (codes with leading zeros, words). */
export function asNumber(text: string): { value: number; format: string } | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?(%?)$/.exec(text.trim());
  if (!match || (match[2].length > 1 && match[2][0] === '0') || match[2].length + (match[3]?.length ?? 0) > 15) return null;
  const decimals = match[3]?.length ?? 0;
  const digits = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
  const value = Number(text.trim().replace('%', ''));
  return match[4] === '%' ? { value: Number((value / 100).toPrecision(15)), format: `${digits}%` } : { value, format: digits };
}

/** Sheets of a workbook, each a text table, written by exceljs with its merges. */
export async function writeWorkbook(sheets: { name: string; table: TextTable }[], options: { numbers?: boolean } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const { name, table } of sheets) {
    const sheet = workbook.addWorksheet(name);
    table.rows.forEach((row, r) =>
      row.forEach((text, c) => {
        if (text === '') return;
        const cell = sheet.getCell(r + 1, c + 1);
        const number = options.numbers === false ? null : asNumber(text);
        if (number && text === text.trim()) {
          cell.value = number.value;
          cell.numFmt = number.format;
        } else cell.value = text;
      }),
    );
    for (const m of table.merges) sheet.mergeCells(m.row + 1, m.column + 1, m.row + m.rowSpan, m.column + m.colSpan);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Which cells a merge covers (not its top-left), and the merge starting at each top-left. */
function coverage(table: TextTable): { covered: Set<string>; heads: Map<string, Merge> } {
  const covered = new Set<string>();
  const heads = new Map<string, Merge>();
  for (const m of table.merges) {
    heads.set(`${m.row}:${m.column}`, m);
    for (let r = m.row; r < m.row + m.rowSpan; r++) for (let c = m.column; c < m.column + m.colSpan; c++) if (r !== m.row || c !== m.column) covered.add(`${r}:${c}`);
  }
  return { covered, heads };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

/** A saved web page: each table a `<table>` with rowspan/colspan, with headings and notes between them (text outside tables). */
export function writePage(tables: TextTable[], charset = 'utf-8'): string {
  const parts = [`<!DOCTYPE html>\n<html><head><meta charset="${charset}"><title>绩效自评</title><style>td{border:1px solid}</style></head><body>`, '<h1>部门项目支出绩效自评结果公开</h1>'];
  tables.forEach((table, t) => {
    const width = Math.max(1, ...table.rows.map((r) => r.length));
    const { covered, heads } = coverage(table);
    parts.push(`<p>附表 ${t + 1}（单位：元）</p>`, '<table>');
    table.rows.forEach((row, r) => {
      const cells: string[] = [];
      for (let c = 0; c < width; c++) {
        if (covered.has(`${r}:${c}`)) continue;
        const m = heads.get(`${r}:${c}`);
        const spans = m ? `${m.rowSpan > 1 ? ` rowspan="${m.rowSpan}"` : ''}${m.colSpan > 1 ? ` colspan="${m.colSpan}"` : ''}` : '';
        cells.push(`<td${spans}>${escapeHtml(row[c] ?? '')}</td>`);
      }
      parts.push(`  <tr>${cells.join('')}</tr>`);
    });
    parts.push('</table>');
  });
  parts.push('<p>注：以上数据由各单位自评填报。</p></body></html>');
  return parts.join('\n');
}

/** A Word document: each table a `<w:tbl>` with gridSpan and vMerge, a paragraph before each. */
export async function writeWordDocument(tables: TextTable[]): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [new Paragraph({ children: [new TextRun('部门项目支出绩效自评结果')], alignment: AlignmentType.CENTER })];
  tables.forEach((table, t) => {
    const width = Math.max(1, ...table.rows.map((r) => r.length));
    const { covered, heads } = coverage(table);
    const rows = table.rows.map((row, r) => {
      const cells: TableCell[] = [];
      for (let c = 0; c < width; c++) {
        if (covered.has(`${r}:${c}`)) continue;
        const m = heads.get(`${r}:${c}`);
        const lines = (row[c] ?? '').split('\n');
        cells.push(new TableCell({ children: lines.map((line) => new Paragraph(line)), ...(m && m.colSpan > 1 ? { columnSpan: m.colSpan } : {}), ...(m && m.rowSpan > 1 ? { rowSpan: m.rowSpan } : {}) }));
      }
      return new TableRow({ children: cells });
    });
    children.push(new Paragraph(`附表 ${t + 1}`), new Table({ rows }));
  });
  const document = new WordDocument({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** A generated form's drawn truth, as much of it as a workbook's layout needs (test/support/template-gen.ts). */
export interface DrawnForm {
  traits: { leadColumn: string; fundsHeader: string };
  fundsLines: number[];
  fields: { field: string; line: number; value: string | null }[];
  indicatorRows: { line: number }[];
  cells: string[][];
}

/**
 * A generated form as its workbook holds it: the drawn cells, line N on row
 * N, with each merged 一级 and 二级 label (printed by the text on whichever row
 * of its group the template aligns it to) moved to the top row of its group
 * and merged down the group's rows.
 */
export function generatedTable(truth: DrawnForm): TextTable {
  const rows = truth.cells.map((cells) => [...cells]);
  const merges: Merge[] = [];
  const value = (line: number, field: string) => truth.fields.find((f) => f.line === line && f.field === field)?.value ?? null;
  const lead = truth.traits.leadColumn === 'yes' ? 1 : 0;
  const lines = truth.indicatorRows.map((r) => r.line);
  const group = (column: number, key: (line: number) => string | null) => {
    let start = 0;
    lines.forEach((line, k) => {
      if (k + 1 < lines.length && lines[k + 1] === line + 1 && key(lines[k + 1]) === key(line)) return;
      const members = lines.slice(start, k + 1);
      const printed = members.map((l) => rows[l - 1][column]).find((t) => (t ?? '').trim() !== '');
      if (printed !== undefined && key(members[0]) !== null) {
        for (const l of members) rows[l - 1][column] = '';
        rows[members[0] - 1][column] = printed;
        if (members.length > 1) merges.push({ row: members[0] - 1, column, rowSpan: members.length, colSpan: 1 });
      }
      start = k + 1;
    });
  };
  const level1 = (line: number) => {
    const name = value(line, 'indicator.level1');
    return name === null ? null : `${name}|${value(line, 'indicator.level1Points')}`;
  };
  group(lead, level1);
  group(lead + 1, (line) => {
    const name = value(line, 'indicator.level2');
    return name === null ? null : `${level1(line)}|${name}`;
  });
  merges.push(...gapMerges(rows, truth));
  return { rows, merges };
}

/**
 * A gapped funds block (a blank column after the first figure column, in the
 * header and every funds row) is what a first figure column merged over two
 * columns leaves in a text export: the workbook states that merge on the
 * header and on every funds row.
 */
function gapMerges(rows: string[][], truth: DrawnForm): Merge[] {
  if (truth.traits.fundsHeader !== 'gapped' || truth.fundsLines.length === 0) return [];
  const lines = [truth.fundsLines[0] - 1, ...truth.fundsLines];
  const header = rows[lines[0] - 1] ?? [];
  const first = header.findIndex((text, c) => c > 0 && text.trim() !== '');
  const blank = (line: number, c: number) => (rows[line - 1]?.[c] ?? '').trim() === '';
  if (first < 0 || !lines.every((line) => blank(line, first + 1))) return [];
  return lines.map((line) => ({ row: line - 1, column: first, rowSpan: 1, colSpan: 2 }));
}
