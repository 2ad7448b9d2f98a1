/**
 * The cell lexer, built once. Separators of every export style are tokens;
 * which of them end a cell is decided per chunk by the rows stage, so one
 * mode serves tab-separated, pipe-flattened and space-aligned text alike.
 */
import { Lexer } from 'chevrotain';
import { validateGrammar } from './checks.js';
import { ALL_TOKENS } from './tokens.js';

export const cellLexer = new Lexer([...ALL_TOKENS], {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
  skipValidations: !validateGrammar,
});
