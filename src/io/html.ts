/**
 * A saved web page's tables as grids (parse5, the HTML standard's parsing):
 * each `<table>` in document order, its rows, and each cell placed at the
 * first free column as a browser lays it out, `rowspan` and `colspan`
 * taking the columns and rows below and to the right. `<br>` and block ends
 * are line breaks, other white space collapses as a browser shows it. A
 * table inside a cell is a table of its own and not part of the cell's text;
 * text outside tables is not read. Rows and cells a browser does not show
 * (`display:none`, as a workbook saved as a web page writes its hidden rows
 * and columns) are hidden rows and columns: not read, but reported.
 */
import { parse as parseHtml } from 'parse5';
import { sortCells, type Grid, type GridCell } from './grid.js';

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

const BLOCKS = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote']);
const SKIPPED = new Set(['script', 'style', 'template', 'head', 'title', 'noscript']);
/** Spans a browser honours at most (the HTML standard's limits). */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

const attribute = (node: Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;

export function readPageTables(html: string): Grid[] {
  const tables: Node[] = [];
  collectTables(parseHtml(html) as unknown as Node, tables);
  return tables.map((table, i) => tableGrid(table, String(i + 1)));
}

function collectTables(node: Node, into: Node[]): void {
  if (node.nodeName === 'table') into.push(node);
  if (SKIPPED.has(node.nodeName)) return;
  for (const child of node.childNodes ?? []) collectTables(child, into);
}

/** The rows of a table: its own `<tr>`s, in `<thead>`, `<tbody>`, `<tfoot>` or directly, not those of a nested table. */
function tableRows(table: Node): Node[] {
  const rows: Node[] = [];
  for (const child of table.childNodes ?? []) {
    if (child.nodeName === 'tr') rows.push(child);
    else if (child.nodeName === 'thead' || child.nodeName === 'tbody' || child.nodeName === 'tfoot') for (const r of child.childNodes ?? []) if (r.nodeName === 'tr') rows.push(r);
  }
  return rows;
}

function tableGrid(table: Node, name: string): Grid {
  const cells: GridCell[] = [];
  const taken = new Map<number, Set<number>>();
  const isTaken = (row: number, column: number) => taken.get(row)?.has(column) ?? false;
  const take = (row: number, column: number) => {
    let set = taken.get(row);
    if (!set) taken.set(row, (set = new Set()));
    set.add(column);
  };
  const hiddenColumns = new Set<number>();
  const hiddenRows = new Set<number>();
  tableRows(table).forEach((tr, r) => {
    const row = r + 1;
    if (isHidden(tr)) hiddenRows.add(row);
    let column = 1;
    for (const td of tr.childNodes ?? []) {
      if (td.nodeName !== 'td' && td.nodeName !== 'th') continue;
      while (isTaken(row, column)) column++;
      const colSpan = clampSpan(attribute(td, 'colspan'), MAX_COLSPAN);
      const rowSpan = clampSpan(attribute(td, 'rowspan'), MAX_ROWSPAN);
      // A workbook saved as a web page keeps its hidden columns' cells, styled display:none.
      if (isHidden(td)) for (let dc = 0; dc < colSpan; dc++) hiddenColumns.add(column + dc);
      for (let dr = 0; dr < Math.min(rowSpan, 1000); dr++) for (let dc = 0; dc < colSpan; dc++) take(row + dr, column + dc);
      const text = cellText(td);
      if (text !== '') cells.push({ row, column, text, rowSpan, colSpan });
      column += colSpan;
    }
  });
  return { kind: 'table', name, cells: sortCells(cells), hiddenColumns, hiddenRows };
}

/** An element a browser does not show: styled `display:none`, or with the `hidden` attribute. */
function isHidden(node: Node): boolean {
  return attribute(node, 'hidden') !== undefined || /display\s*:\s*none/i.test(attribute(node, 'style') ?? '');
}

function clampSpan(value: string | undefined, limit: number): number {
  const n = value === undefined ? 1 : parseInt(value, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, limit) : 1;
}

/** A cell's text as a browser shows it: white space collapsed, `<br>` and block ends as line breaks. */
function cellText(td: Node): string {
  const pieces: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeName === '#text') pieces.push((node.value ?? '').replace(/[ \t\n\r\f]+/g, ' '));
    else if (node.nodeName === 'br') pieces.push('\n');
    else if (node.nodeName === 'table' || SKIPPED.has(node.nodeName)) return;
    else {
      const block = BLOCKS.has(node.nodeName);
      if (block) pieces.push('\n');
      for (const child of node.childNodes ?? []) walk(child);
      if (block) pieces.push('\n');
    }
  };
  for (const child of td.childNodes ?? []) walk(child);
  return pieces
    .join('')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join('\n')
    .trim();
}
