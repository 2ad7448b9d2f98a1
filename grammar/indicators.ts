/**
 * 年度绩效指标: the header, then one row per 三级 indicator. Page lines and a
 * header repeated after a page break stay inside the block.
 */
import type { GrammarDsl, Rule } from './dsl.js';
import { DataRow, IndicatorHeaderRow, PageRow } from './tokens.js';

export function defineIndicators($: GrammarDsl): Rule {
  // The alternatives and the loop are made once: the rule runs them for every indicator row.
  const rows = [{ ALT: () => $.CONSUME(DataRow) }, { ALT: () => $.CONSUME(PageRow) }, { ALT: () => $.CONSUME1(IndicatorHeaderRow) }];
  const eachRow = () => {
    $.OR(rows);
  };
  return $.RULE('indicators', () => {
    $.CONSUME(IndicatorHeaderRow);
    $.MANY(eachRow);
  });
}
