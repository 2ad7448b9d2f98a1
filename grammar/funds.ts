/** 项目资金（元）: the header row (or two, when captions sit under a spanning one), then 年度资金总额 and its 其中 rows. */
import type { GrammarDsl, Rule } from './dsl.js';
import { looksLikeFundsRow } from './predicates.js';
import { DataRow, FundsHeaderRow, FundsRow } from './tokens.js';

export function defineFunds($: GrammarDsl): Rule {
  return $.RULE('funds', () => {
    $.OR([{ ALT: () => $.CONSUME(FundsHeaderRow) }, { ALT: () => $.CONSUME1(FundsRow) }]);
    // The gate sits on the loop: a gate on an inner alternative does not stop MANY from entering.
    $.MANY({
      GATE: () => $.LA(1).tokenType !== DataRow || looksLikeFundsRow($.LA(1)),
      DEF: () => {
        $.OR1([
          { ALT: () => $.CONSUME1(FundsHeaderRow) },
          { ALT: () => $.CONSUME2(FundsRow) },
          { GATE: () => looksLikeFundsRow($.LA(1)), ALT: () => $.CONSUME(DataRow) },
        ]);
      },
    });
  });
}
