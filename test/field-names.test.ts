/**
 * One table of the Chinese names of fields (src/tables/finding-words.ts): the
 * catalogue's diagnostics, the rules' findings and the tables name a funds
 * column alike, 到位数 included.
 */
import { describe, expect, it } from 'vitest';
import { diagnostic } from '../src/catalogue/messages.js';
import { FIELD_ZH, FUNDS_COLUMN_ZH } from '../src/tables/finding-words.js';

describe('the table of field names', () => {
  it('names every funds column in a number diagnostic as the findings name it', () => {
    for (const field of Object.keys(FUNDS_COLUMN_ZH) as (keyof typeof FUNDS_COLUMN_ZH)[]) {
      const made = diagnostic('invalid-number', { line: 3, column: 2 }, { field, raw: '1,00' });
      expect(made.message.zh, field).toBe(`${FUNDS_COLUMN_ZH[field]}“1,00”不是数字`);
    }
    expect(FIELD_ZH['funds.received']).toBe(FUNDS_COLUMN_ZH.received);
    expect(diagnostic('invalid-number', { line: 3, column: 2 }, { field: 'received', raw: 'x' }).message.zh).toBe('到位数“x”不是数字');
  });
});
