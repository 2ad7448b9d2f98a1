/**
 * A row's weight is read once (src/layout/placed-row.ts, `weightOf`): the
 * hierarchy's key, its sums of a group's weights and the form's sums of its
 * points share the reading, and a row given another weight cell (a copy of the
 * row read another way) reads that cell, never the one read before.
 */
import { describe, expect, it } from 'vitest';
import { noFields, weightOf, weightScaledOf, type PlacedRow } from '../src/layout/placed-row.js';
import type { Cell, Row } from '../src/parse/rows.js';

const figure = (text: string): Cell => ({ kind: 'number', text, raw: text, tokens: [{ image: text }], line: 1, column: 1, index: 1 }) as unknown as Cell;

function rowWith(weight: Cell | undefined): PlacedRow {
  const fields = noFields();
  fields.weight = weight;
  return { row: { line: 1, cells: [] } as unknown as Row, level1Labels: [], level2Labels: [], fields };
}

describe('weightOf', () => {
  it('reads the figure of the weight cell, as text and as an exact decimal', () => {
    const row = rowWith(figure('12.5'));
    expect(weightOf(row)).toBe('12.5');
    const scaled = weightScaledOf(row);
    expect(scaled && { coefficient: scaled.coefficient, scale: scaled.scale }).toEqual({ coefficient: 125, scale: 1 });
  });

  it('gives nothing for a row without a weight', () => {
    expect(weightOf(rowWith(undefined))).toBeNull();
    expect(weightScaledOf(rowWith(undefined))).toBeNull();
  });

  it('reads a row once, and reads again when the row holds another weight cell', () => {
    const row = rowWith(figure('10'));
    const first = weightScaledOf(row);
    expect(weightScaledOf(row)).toBe(first);
    // A copy of the row with other fields (another reading of its cells) carries the first reading along.
    const copy: PlacedRow = { ...row, fields: { ...row.fields, weight: figure('7') } };
    expect(weightOf(copy)).toBe('7');
    expect(weightScaledOf(copy)?.coefficient).toBe(7);
    expect(weightOf(row)).toBe('10');
    expect(weightScaledOf(row)?.coefficient).toBe(10);
    const emptied: PlacedRow = { ...row, fields: { ...row.fields, weight: undefined } };
    expect(weightOf(emptied)).toBeNull();
    expect(weightScaledOf(emptied)).toBeNull();
  });
});
