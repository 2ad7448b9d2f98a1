/**
 * The list of diagnostics of a form (or of a file, for those outside any
 * form): at most MAX_DIAGNOSTICS listed, then one `more-diagnostics`
 * diagnostic that counts the rest.
 */
import type { Diagnostic, Severity } from '../contract/schema.js';
import { worseOf } from '../contract/severity.js';
import { MAX_DIAGNOSTICS } from '../contract/limits.js';
import { diagnostic } from './messages.js';

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
