/**
 * A pair of label conventions under which the groups of a block cannot even
 * follow one another from its first row to its last is not searched
 * (src/layout/hierarchy.ts, `groupsTile`): the groups are worked out here by
 * hand for each convention.
 */
import { describe, expect, it } from 'vitest';
import { groupsTile } from '../src/layout/hierarchy.js';

type Units = Parameters<typeof groupsTile>[0];
const units = (...rows: readonly (number | [number, 'flat'])[]): Units =>
  rows.map((r) => ({ row: typeof r === 'number' ? r : r[0], level1: null, level2: '二级', flat: typeof r !== 'number', free: false, points: null }));

describe('groupsTile', () => {
  it('labels on rows 0 and 3 of five: top fits, bottom does not, middle fits', () => {
    const block = units(0, 3);
    // top: [0, 3) and [3, 5).
    expect(groupsTile(block, 5, 'top', 'top')).toBe(true);
    // bottom: the first group is [0, 1), the second then must end right after row 3, not at row 5.
    expect(groupsTile(block, 5, 'bottom', 'bottom')).toBe(false);
    // middle: [0, 2) puts its label on row 0 (the first of two), then [2, 5) puts it on row 3.
    expect(groupsTile(block, 5, 'middle', 'middle')).toBe(true);
  });

  it('labels on rows 1 and 4 of five: bottom fits, top does not, middle fits', () => {
    const block = units(1, 4);
    // top: the first group starts on row 0, which holds no label.
    expect(groupsTile(block, 5, 'top', 'top')).toBe(false);
    // bottom: [0, 2) and [2, 5).
    expect(groupsTile(block, 5, 'bottom', 'bottom')).toBe(true);
    // middle: [0, 3) or [0, 4) holds row 1 in its middle; after [0, 4), [4, 5) holds row 4.
    expect(groupsTile(block, 5, 'middle', 'middle')).toBe(true);
  });

  it("a 一级 label owning its group follows the 一级 column's convention", () => {
    // Row 1: a 二级 at the bottom of [0, 2); row 3: a 一级 of its own, whose group is then [2, 5).
    const block = units(1, [3, 'flat']);
    // Row 3 is the middle of [2, 5), neither its top nor its bottom.
    expect(groupsTile(block, 5, 'bottom', 'middle')).toBe(true);
    expect(groupsTile(block, 5, 'bottom', 'top')).toBe(false);
    expect(groupsTile(block, 5, 'bottom', 'bottom')).toBe(false);
    // The same units asked again: each pair of conventions keeps its own answer.
    expect(groupsTile(block, 5, 'bottom', 'middle')).toBe(true);
  });
});
