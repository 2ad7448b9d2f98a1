/** Where the lexer's caps on cells per line and per form (lex.ts) stopped reading, as a diagnostic. */
import type { Overflow } from './lex.js';
import { positionOf, type LineIndex } from './text.js';
import type { Diagnostic } from '../contract/schema.js';
import { diagnostic } from '../catalogue/messages.js';

/** The `too-many-cells` diagnostic of text the lexer left unread, at the place reading stopped. */
export function overflowDiagnostic(overflow: Overflow, lines: LineIndex): Diagnostic {
  return diagnostic('too-many-cells', positionOf(lines, overflow.offset), { scope: overflow.kind, limit: overflow.limit, cells: overflow.cells, lines: overflow.lines });
}
