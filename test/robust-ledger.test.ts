/**
 * Nothing lost: every non-empty cell of the input is, in the output, a field
 * value, a recognised label, or an `unplaced-cell` diagnostic with its line
 * and column, and exactly one of them. The cells of the input are the rows
 * stage's cells; the ledger of each form says which cells became fields and
 * which were read as labels.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAccounted } from '../src/api/pipeline.js';
import { tally } from './support/ledger.js';
import { cutArb, mutatedBytes, mutationsArb } from './support/mutate.js';
import { formArb, messArb, renderForms } from './support/render-mess.js';

const samplesDir = join(import.meta.dirname, '..', 'samples');
const SEED = '000_16052ebbc3505be3.txt';
const sampleFiles = readdirSync(samplesDir)
  .filter((f) => !f.endsWith('.json'))
  .sort();

describe('every cell is accounted for', () => {
  it('in the seed, exactly: 1156 cells, each a field, a label or a report', () => {
    const { document, account } = parseAccounted(readFileSync(join(samplesDir, SEED)));
    const t = tally(document, account);
    // Counted from the seed's lines by a separate tab split: 278 labels = 7 titles, 28 header labels,
    // 47 funds header cells, 28 funds row labels, 21 goals labels, 63 indicator header cells,
    // 70 一级/二级 labels, 14 in the 总分 rows (总分 and its —); the other 878 cells are values.
    expect(t).toEqual({ input: 1156, fields: 878, labels: 278, unplaced: 0, missing: [], extra: [] });
  });

  it.each(sampleFiles)('in %s', (name) => {
    const { document, account } = parseAccounted(readFileSync(join(samplesDir, name)), { file: name });
    const t = tally(document, account);
    expect(t.missing).toEqual([]);
    expect(t.extra).toEqual([]);
    expect(t.fields + t.labels + t.unplaced).toBe(t.input);
  });

  it('reports the cells it cannot place: a stray row, a third goal text, a second 总分 row, a stray header cell', () => {
    const text = [
      '项目支出绩效自评表',
      '项目名称\t甲\t多余\t项目金额\t100',
      '年度总体目标\t预期目标\t实际完成情况',
      '\t目标一\t目标二\t目标三',
      '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
      '\t产出指标\t数量指标\t人数\t10人\t10人\t90\t90',
      '总分\t100\t100',
      '总分\t99\t98',
      '',
    ].join('\n');
    const { document, account } = parseAccounted(text);
    const t = tally(document, account);
    expect(t.missing).toEqual([]);
    expect(t.extra).toEqual([]);
    const unplaced = document.forms[0].diagnostics.filter((d) => d.code === 'unplaced-cell').map((d) => [d.line, d.column, d.detail?.count, d.detail?.columns, d.detail?.text]);
    // One diagnostic per row: the second 总分 row's two stray figures are one, with both columns.
    expect(unplaced).toEqual([
      [2, 8, 1, [8], '多余'],
      [4, 10, 1, [10], '目标三'],
      [8, 4, 2, [4, 7], '99'],
    ]);
  });

  it('as a property over mutated samples (cells deleted, duplicated, swapped, replaced, lines moved, bytes cut)', () => {
    const texts = sampleFiles.map((f) => readFileSync(join(samplesDir, f), 'utf8')).filter((t) => t.includes('\t'));
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), mutationsArb, cutArb, (which, mutations, cut) => {
        const { document, account } = parseAccounted(mutatedBytes(texts[which], mutations, cut));
        const t = tally(document, account);
        expect(t.missing).toEqual([]);
        expect(t.extra).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('as a property over generated forms drawn with any mess', () => {
    fc.assert(
      fc.property(formArb, messArb(), (spec, mess) => {
        const { document, account } = parseAccounted(renderForms([spec], [mess]).text);
        const t = tally(document, account);
        expect(t.missing).toEqual([]);
        expect(t.extra).toEqual([]);
        expect(t.unplaced).toBe(0);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
