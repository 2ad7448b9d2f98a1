/**
 * A Word document's tables as grids: each top-level `<w:tbl>` of the body in
 * order, its rows, and each cell at the grid column it starts in, with its
 * horizontal span (`w:gridSpan`, `w:gridBefore`) and vertical merge
 * (`w:vMerge` restart … continue) as spans. A cell's paragraphs are its
 * lines; a nested table's text stays inside its cell. Text outside tables is
 * not read.
 */
import { sortCells, type Grid, type GridCell } from './grid.js';
import { localName, xmlEvents } from './xml.js';
import type { ZipArchive } from './zip.js';

interface OpenCell {
  column: number;
  span: number;
  merge: 'restart' | 'continue' | null;
  paragraphs: string[];
}

export function readWordTables(zip: ZipArchive, documentPart = 'word/document.xml'): Grid[] {
  const xml = zip.text(documentPart);
  if (xml === null) return [];
  const grids: Grid[] = [];
  let depth = 0;
  let grid: Grid | null = null;
  let row = 0;
  let column = 1;
  let cell: OpenCell | null = null;
  let paragraph = '';
  let inText = false;
  // The cell a vertically merged run started in, per grid column.
  let mergeHeads = new Map<number, GridCell>();
  let rowMerges = new Set<number>();
  for (const event of xmlEvents(xml)) {
    if (event.kind === 'open') {
      const tag = localName(event.name);
      if (tag === 'tbl') {
        depth++;
        if (depth === 1) {
          grid = { kind: 'table', name: String(grids.length + 1), cells: [], hiddenColumns: new Set(), hiddenRows: new Set() };
          grids.push(grid);
          row = 0;
          mergeHeads = new Map();
        }
      }
      if (depth !== 1 && !(depth > 1 && cell)) continue;
      if (depth > 1) {
        if (tag === 't') inText = true;
        else if (tag === 'tab') paragraph += ' ';
        else if (tag === 'br' || tag === 'cr') paragraph += '\n';
        continue;
      }
      if (tag === 'tr') {
        row++;
        column = 1;
        rowMerges = new Set();
      } else if (tag === 'gridBefore' && !cell) column += Number(event.attributes['w:val'] ?? 0) || 0;
      else if (tag === 'tc') {
        cell = { column, span: 1, merge: null, paragraphs: [] };
        paragraph = '';
      } else if (cell && tag === 'gridSpan') cell.span = Math.max(1, Math.min(1000, Number(event.attributes['w:val'] ?? 1) || 1));
      else if (cell && tag === 'vMerge') cell.merge = event.attributes['w:val'] === 'restart' ? 'restart' : 'continue';
      else if (cell && tag === 'p') paragraph = '';
      else if (cell && tag === 't') inText = true;
      else if (cell && tag === 'tab') paragraph += '\t';
      else if (cell && (tag === 'br' || tag === 'cr')) paragraph += '\n';
    } else if (event.kind === 'close') {
      const tag = localName(event.name);
      if (tag === 't') inText = false;
      else if (tag === 'p' && cell && depth >= 1) {
        cell.paragraphs.push(paragraph);
        paragraph = '';
      } else if (tag === 'tc' && depth === 1 && cell && grid) {
        closeCell(grid, cell, row, mergeHeads, rowMerges);
        column = cell.column + cell.span;
        cell = null;
      } else if (tag === 'tr' && depth === 1) {
        // A vertical merge not continued in this row has ended.
        for (const key of [...mergeHeads.keys()]) if (!rowMerges.has(key)) mergeHeads.delete(key);
      } else if (tag === 'tbl') depth--;
    } else if (inText && cell) paragraph += event.text;
  }
  for (const g of grids) sortCells(g.cells);
  return grids;
}

function closeCell(grid: Grid, cell: OpenCell, row: number, mergeHeads: Map<number, GridCell>, rowMerges: Set<number>): void {
  const text = cell.paragraphs.join('\n').trim();
  if (cell.merge === 'continue') {
    const head = mergeHeads.get(cell.column);
    if (head) {
      head.rowSpan = row - head.row + 1;
      rowMerges.add(cell.column);
      // Word keeps the text of a continued cell hidden under the merge; it is kept if any, as a cell of its own.
      if (text === '') return;
    }
  }
  const made: GridCell = { row, column: cell.column, text, rowSpan: 1, colSpan: cell.span };
  if (cell.merge === 'restart') {
    mergeHeads.set(cell.column, made);
    rowMerges.add(cell.column);
  }
  if (text !== '') grid.cells.push(made);
}
