/** 年度总体目标 · 预期目标 · 实际完成情况, then the two texts. */
import type { GrammarDsl, Rule } from './dsl.js';
import { looksLikeGoalText } from './predicates.js';
import { DataRow, GoalsRow } from './tokens.js';

export function defineGoals($: GrammarDsl): Rule {
  // The alternatives and the loop are made once: the rule runs them for every row of the block.
  const rows = [{ ALT: () => $.CONSUME1(GoalsRow) }, { ALT: () => $.CONSUME(DataRow) }];
  // The gate sits on the loop (a gate on an inner alternative does not stop MANY from entering), and
  // decides for the alternatives too: the loop takes a data row only when it reads as goal text.
  const eachRow = {
    GATE: () => $.LA(1).tokenType !== DataRow || looksLikeGoalText($.LA(1)),
    DEF: () => {
      $.OR(rows);
    },
  };
  return $.RULE('goals', () => {
    $.CONSUME(GoalsRow);
    $.MANY(eachRow);
  });
}
