/**
 * 项目资金（元）: the header row (or two, when captions sit under a spanning
 * one), then 年度资金总额 and its 其中 rows; a 合计 row carrying the block's
 * figures stays in the block.
 */
import type { IToken } from 'chevrotain';
import type { GrammarDsl, Rule } from './dsl.js';
import { isSumLabelled, looksLikeFundsRow, looksLikeFundsSumRow } from './predicates.js';
import { DataRow, FundsHeaderRow, FundsRow, TotalRow } from './tokens.js';

/** Whether the next row continues the funds block. */
function continuesFunds(next: IToken, after: IToken): boolean {
  if (next.tokenType === DataRow) return looksLikeFundsRow(next);
  if (next.tokenType === TotalRow) return isFundsSumRow(next, after);
  return true;
}

/**
 * A 合计 row of the block: one carrying the block's figures, or one with
 * funds rows under it (其中 rows that break it down), whatever it carries.
 */
const isFundsSumRow = (row: IToken, after: IToken) => looksLikeFundsSumRow(row) || (isSumLabelled(row) && (after.tokenType === FundsRow || (after.tokenType === DataRow && looksLikeFundsRow(after))));

export function defineFunds($: GrammarDsl): Rule {
  return $.RULE('funds', () => {
    $.OR([{ ALT: () => $.CONSUME(FundsHeaderRow) }, { ALT: () => $.CONSUME1(FundsRow) }]);
    // The gate sits on the loop: a gate on an inner alternative does not stop MANY from entering.
    $.MANY({
      GATE: () => continuesFunds($.LA(1), $.LA(2)),
      DEF: () => {
        $.OR1([
          { ALT: () => $.CONSUME1(FundsHeaderRow) },
          { ALT: () => $.CONSUME2(FundsRow) },
          { GATE: () => looksLikeFundsRow($.LA(1)), ALT: () => $.CONSUME(DataRow) },
          { GATE: () => isFundsSumRow($.LA(1), $.LA(2)), ALT: () => $.CONSUME(TotalRow) },
        ]);
      },
    });
  });
}
