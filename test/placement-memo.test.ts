/**
 * Placements are memoised by row shape (src/layout/indicator-cells.ts): the
 * memo's key must hold everything a placement reads, so that a row is placed
 * the same whatever rows were placed before it in the process.
 */
import { describe, expect, it } from 'vitest';
import { assignCells, traitsOf, type IndicatorLayout } from '../src/layout/indicator-cells.js';
import { lex } from '../src/parse/lex.js';
import { buildRows, type Cell } from '../src/parse/rows.js';
import { lineIndex } from '../src/parse/text.js';

function cellAt(text: string, index: number): Cell {
  const line = `标签\t${text}\n`;
  // A cell reads its text, kind and tokens from its reading (src/parse/rows.ts): it is moved, not copied.
  const cell = buildRows(line, lex(line).chunks, lineIndex(line)).rows[0].cells[1];
  cell.index = index;
  return cell;
}

const LAYOUT: IndicatorLayout = {
  columns: new Map([
    [3, 'name'],
    [4, 'target'],
    [5, 'actual'],
    [6, 'weight'],
    [7, 'score'],
  ]),
  order: ['name', 'target', 'actual', 'weight', 'score'],
  fromHeader: true,
  drifts: [0],
};

const row = (lastIndex: number) => [cellAt('服务外包在岸', 3), cellAt('20000', 4), cellAt('23333.56', 5), cellAt('10', lastIndex)].map(traitsOf);

describe('placement memoised by row shape', () => {
  it('a figure between two captions (a half column, as a space-aligned row pushed right leaves it) stays unplaced after the same row with the figure under 分值', () => {
    const under = assignCells(row(6), LAYOUT);
    expect(under.fields.map(([field, cell]) => [field, cell.text])).toContainEqual(['weight', '10']);
    const between = assignCells(row(6.5), LAYOUT);
    expect(between.fields.map(([, cell]) => cell.text)).not.toContain('10');
    const ten = between.unplaced.find((u) => u.cell.text === '10');
    expect(ten?.reason).toBe('ambiguous');
    expect(ten?.candidates).toEqual(expect.arrayContaining(['weight', 'score']));
  });
});
