/**
 * The bounds no input can push the pipeline past: how many diagnostics a form
 * (or a file, for those outside any form) lists before one `more-diagnostics`
 * diagnostic counts the rest, and the diagnostics that say where the lexer's
 * caps on cells per line and per form stopped reading (see lex.ts).
 */
import type { Overflow } from '../parse/lex.js';
import type { Diagnostic, Severity } from './schema.js';
import { worseOf } from './severity.js';
import { positionOf, type LineIndex } from '../parse/text.js';
import { diagnostic } from '../catalogue/messages.js';

/** Diagnostics listed per form, and per file outside the forms; the rest are counted in one more. */
export const MAX_DIAGNOSTICS = 1000;

/**
 * Codes that say where reading stopped and what it left unread: listed even
 * past the limit (up to as many again), so that their detail (how many cells,
 * how many lines) is never folded into a count.
 */
const ALWAYS_LISTED: ReadonlySet<string> = new Set(['too-many-cells']);


/**
 * Collects diagnostics up to `limit`; past it only counts them, by code and
 * by the worst severity, for the one `more-diagnostics` diagnostic that ends
 * the list. Memory stays bounded however many are added.
 */
export class DiagnosticList {
  readonly listed: Diagnostic[] = [];
  private more = 0;
  private worst: Severity = 'info';
  private firstLine = 0;
  private readonly codes: Record<string, number> = {};
  /** Diagnostics of `ALWAYS_LISTED` codes listed past the limit (up to as many again). */
  private extra = 0;

  /** `limit`: diagnostics listed here; `shown`: the cap reported in the count (more than `limit` when some were listed elsewhere). */
  constructor(
    private readonly limit = MAX_DIAGNOSTICS,
    private readonly shown = limit,
  ) {}

  add(diagnostic: Diagnostic): void {
    // Another list's count (a form block's, in a file's list) joins this one's.
    if (diagnostic.code === 'more-diagnostics') {
      for (const [code, n] of Object.entries((diagnostic.detail?.codes ?? {}) as Record<string, number>)) this.count(code, diagnostic.severity, diagnostic.line, n);
      return;
    }
    if (this.listed.length < this.limit) this.listed.push(diagnostic);
    else if (ALWAYS_LISTED.has(diagnostic.code) && this.extra++ < this.limit) this.listed.push(diagnostic);
    else this.count(diagnostic.code, diagnostic.severity, diagnostic.line, 1);
  }

  private count(code: string, severity: Severity, line: number, n: number): void {
    if (this.more === 0 || line < this.firstLine) this.firstLine = line;
    this.more += n;
    this.worst = worseOf(this.worst, severity);
    this.codes[code] = (this.codes[code] ?? 0) + n;
  }

  /** The listed diagnostics, then the one that counts the others (if any). */
  done(file?: string | null): Diagnostic[] {
    if (this.more === 0) return this.listed;
    const more = diagnostic('more-diagnostics', { line: this.firstLine, column: 0 }, { count: this.more, limit: this.shown, codes: { ...this.codes } }, this.worst);
    return [...this.listed, file ? { ...more, file } : more];
  }
}

/** `diagnostics` capped to `limit` with one `more-diagnostics` at the end. */
export function capDiagnostics(diagnostics: readonly Diagnostic[], limit = MAX_DIAGNOSTICS, file?: string | null): Diagnostic[] {
  if (diagnostics.length <= limit) return diagnostics as Diagnostic[];
  const list = new DiagnosticList(limit);
  for (const d of diagnostics) list.add(d);
  return list.done(file);
}

/** The `too-many-cells` diagnostic of text the lexer left unread, at the place reading stopped. */
export function overflowDiagnostic(overflow: Overflow, lines: LineIndex): Diagnostic {
  return diagnostic('too-many-cells', positionOf(lines, overflow.offset), { scope: overflow.kind, limit: overflow.limit, cells: overflow.cells, lines: overflow.lines });
}
