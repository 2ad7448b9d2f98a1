/**
 * One table of units (src/tables/units.ts): every word the lexer reads as a
 * unit after a figure is a unit the checker converts or compares, so that a
 * target written in 千元 or ‰ is read in the unit the checker scales.
 */
import { describe, expect, it } from 'vitest';
import { readScaled } from '../src/contract/decimal.js';
import { lex } from '../src/parse/lex.js';
import { buildRows, type Cell } from '../src/parse/rows.js';
import { lineIndex } from '../src/parse/text.js';
import { toMeasure } from '../src/parse/values.js';
import { comparable, inBaseUnit, unitDefinition } from '../src/check/units.js';
import { UNIT_TABLE, UNIT_WORDS } from '../src/tables/units.js';

function cell(text: string): Cell {
  const line = `标签\t${text}\n`;
  return buildRows(line, lex(line).chunks, lineIndex(line)).rows[0].cells[1];
}

describe('the one table of units', () => {
  it('lists each unit once, and the lexer reads every one of its words as the unit after a figure', () => {
    expect(new Set(UNIT_TABLE.map((d) => d.unit)).size).toBe(UNIT_TABLE.length);
    for (const word of UNIT_WORDS) {
      const measure = toMeasure(cell(`≤5${word}`));
      expect(measure.value, word).toBe('5');
      expect(measure.unit, word).toBe(word === '百分比' ? '%' : word);
      expect(unitDefinition(measure.unit), word).toEqual(UNIT_TABLE.find((d) => d.unit === measure.unit));
    }
  });

  it('reads 千元 and 百万元 as money the checker scales, and ‰ as a tenth of a percent', () => {
    const thousands = toMeasure(cell('≤5千元'));
    expect(thousands).toMatchObject({ kind: 'quantity', op: '<=', value: '5', unit: '千元' });
    expect(comparable(thousands.unit, '万元')).toBe(true);
    expect(inBaseUnit(readScaled(thousands.value!)!, thousands.unit, null).toFixed()).toBe('5000');
    expect(toMeasure(cell('2百万元'))).toMatchObject({ value: '2', unit: '百万元' });
    const permille = toMeasure(cell('≤5‰'));
    expect(permille).toMatchObject({ value: '5', unit: '‰' });
    expect(comparable(permille.unit, '%')).toBe(true);
    expect(inBaseUnit(readScaled('5')!, permille.unit, '%').toFixed()).toBe('0.5');
  });
});
