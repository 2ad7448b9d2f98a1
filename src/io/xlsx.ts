/**
 * An .xlsx workbook's sheets as grids: the cells' texts as Excel shows them
 * (shared and inline strings, numbers under their number format, booleans,
 * errors, formulas by their cached value), merged ranges as spans, hidden
 * rows and columns and hidden sheets noted. Read from the archive's XML
 * parts directly, synchronously, so that `parse` stays synchronous and the
 * same code runs in the browser.
 */
import { sortCells, type Grid, type GridCell } from './grid.js';
import { builtinFormat, formatNumber } from './number-format.js';
import { localName, xmlEvents } from './xml.js';
import type { ZipArchive } from './zip.js';

export interface WorkbookSheet {
  grid: Grid;
  /** The sheet is hidden in the workbook (state hidden or veryHidden). */
  hidden: boolean;
}

/** `C12` → {row: 12, column: 3}. */
export function parseReference(ref: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const ch of match[1].toUpperCase()) column = column * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(match[2]), column };
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function relationships(zip: ZipArchive, part: string): Map<string, string> {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const xml = zip.text(relsPath);
  const map = new Map<string, string>();
  if (xml === null) return map;
  for (const event of xmlEvents(xml)) {
    if (event.kind === 'open' && localName(event.name) === 'Relationship' && event.attributes.Id && event.attributes.Target) {
      map.set(event.attributes.Id, resolveTarget(part, event.attributes.Target));
    }
  }
  return map;
}

/** The text of a string item (`<si>` or `<is>`): its runs' `<t>` texts, phonetic guides (`<rPh>`) left out. */
function readStringItems(xml: string, itemName: string): string[] {
  const items: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  for (const event of xmlEvents(xml)) {
    if (event.kind === 'open') {
      const name = localName(event.name);
      if (name === itemName) current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    } else if (event.kind === 'close') {
      const name = localName(event.name);
      if (name === itemName && current !== null) {
        items.push(current);
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    } else if (inText && current !== null) current += event.text;
  }
  return items;
}

interface Styles {
  /** Number format code of each cell style (`s` attribute). */
  formats: (string | null)[];
}

function readStyles(xml: string | null): Styles {
  if (xml === null) return { formats: [] };
  const custom = new Map<number, string>();
  const formats: (string | null)[] = [];
  let inCellXfs = false;
  for (const event of xmlEvents(xml)) {
    if (event.kind === 'open') {
      const name = localName(event.name);
      if (name === 'numFmt') custom.set(Number(event.attributes.numFmtId), event.attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(event.attributes.numFmtId ?? 0);
        formats.push(custom.get(id) ?? builtinFormat(id));
      }
    } else if (event.kind === 'close' && localName(event.name) === 'cellXfs') inCellXfs = false;
  }
  return { formats };
}

/** The workbook's sheets, in workbook order, each as a grid. */
export function readWorkbook(zip: ZipArchive, workbookPart = 'xl/workbook.xml'): WorkbookSheet[] {
  const workbook = zip.text(workbookPart);
  if (workbook === null) return [];
  const rels = relationships(zip, workbookPart);
  const sheets: { name: string; target: string | undefined; hidden: boolean }[] = [];
  let date1904 = false;
  for (const event of xmlEvents(workbook)) {
    if (event.kind !== 'open') continue;
    const name = localName(event.name);
    if (name === 'workbookPr') date1904 = event.attributes.date1904 === '1' || event.attributes.date1904 === 'true';
    if (name === 'sheet') {
      const id = event.attributes['r:id'] ?? Object.entries(event.attributes).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1];
      sheets.push({ name: event.attributes.name ?? '', target: id === undefined ? undefined : rels.get(id), hidden: (event.attributes.state ?? 'visible') !== 'visible' });
    }
  }
  const shared = rels.size > 0 ? [...rels.values()].find((t) => /sharedStrings\.xml$/i.test(t)) : undefined;
  const strings = readStringItems(zip.text(shared ?? 'xl/sharedStrings.xml') ?? '', 'si');
  const stylesPart = [...rels.values()].find((t) => /styles\.xml$/i.test(t)) ?? 'xl/styles.xml';
  const styles = readStyles(zip.text(stylesPart));
  return sheets.map((sheet) => ({
    hidden: sheet.hidden,
    grid: readSheet(sheet.name, sheet.target === undefined ? null : zip.text(sheet.target), strings, styles, date1904),
  }));
}

function readSheet(name: string, xml: string | null, strings: readonly string[], styles: Styles, date1904: boolean): Grid {
  const cells: GridCell[] = [];
  const hiddenColumns = new Set<number>();
  const hiddenRows = new Set<number>();
  const grid: Grid = { kind: 'sheet', name, cells, hiddenColumns, hiddenRows };
  if (xml === null) return grid;
  const merges: string[] = [];
  let row = 0;
  let nextColumn = 1;
  let cell: { row: number; column: number; type: string; style: number; value: string | null; inline: string | null } | null = null;
  let collecting: 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;
  for (const event of xmlEvents(xml)) {
    if (event.kind === 'open') {
      const tag = localName(event.name);
      if (tag === 'row') {
        row = event.attributes.r ? Number(event.attributes.r) : row + 1;
        nextColumn = 1;
        if (event.attributes.hidden === '1' || event.attributes.hidden === 'true') hiddenRows.add(row);
      } else if (tag === 'c') {
        const at = event.attributes.r ? parseReference(event.attributes.r) : null;
        const column = at?.column ?? nextColumn;
        nextColumn = column + 1;
        cell = { row: at?.row ?? row, column, type: event.attributes.t ?? 'n', style: Number(event.attributes.s ?? 0), value: null, inline: null };
      } else if (tag === 'v' && cell) {
        collecting = 'v';
        cell.value = '';
      } else if (tag === 'is' && cell) {
        inInline = true;
        cell.inline = '';
      } else if (tag === 'rPh') phonetic++;
      else if (tag === 't' && inInline && phonetic === 0) collecting = 't';
      else if (tag === 'col' && (event.attributes.hidden === '1' || event.attributes.hidden === 'true')) {
        const min = Number(event.attributes.min);
        const max = Math.min(Number(event.attributes.max), min + 16384);
        for (let c = min; c <= max; c++) hiddenColumns.add(c);
      } else if (tag === 'mergeCell' && event.attributes.ref) merges.push(event.attributes.ref);
    } else if (event.kind === 'close') {
      const tag = localName(event.name);
      if (tag === 'c' && cell) {
        const text = cellText(cell, strings, styles, date1904);
        if (text !== '') cells.push({ row: cell.row, column: cell.column, text, rowSpan: 1, colSpan: 1 });
        cell = null;
      } else if (tag === 'v' || tag === 't') collecting = null;
      else if (tag === 'is') inInline = false;
      else if (tag === 'rPh') phonetic--;
    } else if (collecting !== null && cell) {
      if (collecting === 'v') cell.value += event.text;
      else cell.inline += event.text;
    }
  }
  applyMerges(cells, merges);
  sortCells(cells);
  return grid;
}

function cellText(cell: { type: string; style: number; value: string | null; inline: string | null }, strings: readonly string[], styles: Styles, date1904: boolean): string {
  switch (cell.type) {
    case 's':
      return cell.value === null ? '' : (strings[Number(cell.value)] ?? '');
    case 'inlineStr':
      return cell.inline ?? '';
    case 'str':
    case 'e':
      return cell.value ?? '';
    case 'b':
      return cell.value === null ? '' : cell.value === '1' ? 'TRUE' : 'FALSE';
    default:
      return cell.value === null || cell.value === '' ? '' : formatNumber(cell.value, styles.formats[cell.style] ?? null, date1904);
  }
}

/** A merged range's span goes to its top-left cell; the cells it covers are empty, as Excel keeps them. */
function applyMerges(cells: GridCell[], merges: readonly string[]): void {
  if (merges.length === 0) return;
  const byPlace = new Map<string, GridCell>();
  for (const cell of cells) byPlace.set(`${cell.row}:${cell.column}`, cell);
  for (const ref of merges) {
    const [from, to] = ref.split(':').map(parseReference);
    if (!from || !to) continue;
    const top = byPlace.get(`${from.row}:${from.column}`);
    if (!top) continue;
    top.rowSpan = to.row - from.row + 1;
    top.colSpan = to.column - from.column + 1;
  }
}
