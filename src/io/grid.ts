/**
 * What every input adapter gives: the tables of a document as grids of cells,
 * each cell with its text, its row and column (1-based, as the source counts
 * them), the rows and columns a merge makes it span, and its reference in the
 * source's own terms (`Sheet1!C12`, `T2!R5C3`).
 */
export interface GridCell {
  row: number;
  column: number;
  text: string;
  rowSpan: number;
  colSpan: number;
}

export interface Grid {
  /** `sheet` for a workbook's sheet, `table` for a page's or a Word document's table. */
  kind: 'sheet' | 'table';
  /** The sheet's name, or the table's number (1-based) as text. */
  name: string;
  /** Non-empty cells, by row then column. */
  cells: GridCell[];
  /** Columns and rows the source hides: their cells are not read, but reported. */
  hiddenColumns: ReadonlySet<number>;
  hiddenRows: ReadonlySet<number>;
}

/** `A` for column 1, `AB` for 28. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return letters;
}

/** A sheet's name as a reference writes it: quoted when it holds anything but letters, digits and `_`. */
export function sheetPrefix(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A cell's reference: `Sheet1!C12` in a workbook, `T2!R5C3` in a page's or Word document's table. */
export function cellReference(grid: Pick<Grid, 'kind' | 'name'>, row: number, column: number): string {
  return grid.kind === 'sheet' ? `${sheetPrefix(grid.name)}!${columnLetters(column)}${row}` : `T${grid.name}!R${row}C${column}`;
}

/** Cells sorted by row, then column. */
export function sortCells(cells: GridCell[]): GridCell[] {
  return cells.sort((a, b) => a.row - b.row || a.column - b.column);
}

/** The prefix that places a row of a form's source: `Sheet1!` for a workbook sheet, `T2!` for a table, empty for a text export. */
export function placePrefix(source: { sheet?: string; table?: number }): string {
  if (source.sheet !== undefined) return `${sheetPrefix(source.sheet)}!`;
  if (source.table !== undefined) return `T${source.table}!`;
  return '';
}

/** A whole row of a form's source in the source's terms (`Sheet1!8:8`, `T2!R8`), or null for a text export. */
export function rowReference(source: { sheet?: string; table?: number }, row: number): string | null {
  if (source.sheet !== undefined) return `${sheetPrefix(source.sheet)}!${row}:${row}`;
  if (source.table !== undefined) return `T${source.table}!R${row}`;
  return null;
}
