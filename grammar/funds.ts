/**
 * 项目资金（元）: the header row (or two, when captions sit under a spanning
 * one), then 年度资金总额 and its 其中 rows; a 合计 row carrying the block's
 * figures stays in the block.
 */
import type { IToken } from 'chevrotain';
import type { GrammarDsl, Rule } from './dsl.js';
import { isSumLabelled, looksLikeFundsRow, looksLikeFundsSumRow } from './predicates.js';
import { DataRow, FundsHeaderRow, FundsRow, TotalRow } from './tokens.js';

/** Whether the next row continues the funds block (`afterHeader`: the row before it is the block's header). */
function continuesFunds(next: IToken, after: IToken, afterHeader: boolean): boolean {
  if (next.tokenType === DataRow) return looksLikeFundsRow(next);
  if (next.tokenType === TotalRow) return isFundsSumRow(next, after, afterHeader);
  return true;
}

/**
 * A 合计 row of the block: one carrying the block's figures, or, whatever it
 * carries, one right under the block's header or with funds rows under it
 * (其中 rows that break it down). The form's 总分 comes after its indicators.
 */
function isFundsSumRow(row: IToken, after: IToken, afterHeader: boolean): boolean {
  if (looksLikeFundsSumRow(row)) return true;
  if (!isSumLabelled(row)) return false;
  return afterHeader || after.tokenType === FundsRow || (after.tokenType === DataRow && looksLikeFundsRow(after));
}

export function defineFunds($: GrammarDsl): Rule {
  // Whether the last row read is a header row of the block (the rule never runs inside itself).
  let afterHeader = false;
  /** An alternative that reads a row and notes whether it was a header row. */
  const row = (read: () => unknown, header: boolean) => ({
    ALT: () => {
      read();
      afterHeader = header;
    },
  });
  // The alternatives and the loop are made once: the rule runs them for every row of the block.
  const opening = [row(() => $.CONSUME(FundsHeaderRow), true), row(() => $.CONSUME1(FundsRow), false)];
  const rows = [
    row(() => $.CONSUME1(FundsHeaderRow), true),
    row(() => $.CONSUME2(FundsRow), false),
    row(() => $.CONSUME(DataRow), false),
    row(() => $.CONSUME(TotalRow), false),
  ];
  // The gate sits on the loop (a gate on an inner alternative does not stop MANY from entering), and
  // decides for the alternatives too: the loop takes a data or 合计 row only when it is one of the block's.
  const eachRow = {
    GATE: () => continuesFunds($.LA(1), $.LA(2), afterHeader),
    DEF: () => {
      $.OR1(rows);
    },
  };
  return $.RULE('funds', () => {
    afterHeader = false;
    $.OR(opening);
    $.MANY(eachRow);
  });
}
