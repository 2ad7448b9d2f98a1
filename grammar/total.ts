/** 总分: the declared total weight and score. */
import type { GrammarDsl, Rule } from './dsl.js';
import { TotalRow } from './tokens.js';

export function defineTotal($: GrammarDsl): Rule {
  return $.RULE('total', () => {
    $.CONSUME(TotalRow);
  });
}
