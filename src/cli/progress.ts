/**
 * What a batch tells on standard error: a progress bar while it runs (only on
 * a terminal) and the summary at the end.
 */
import { GRADING_REASON, WORDS, type Lang } from '../catalogue/messages.js';
import { fitWidth } from '../output/text.js';
import { displayWidth } from '../parse/text.js';
import type { Severity } from '../contract/schema.js';
import { terminalSafe } from '../output/terminal-text.js';

export interface Totals {
  files: number;
  done: number;
  forms: number;
  /** Checked forms that could be graded, and those that could not (无法评级: suspended, no 分值 column, no declared total). */
  graded: number;
  ungradable: number;
  /** The ungradable forms by the code of why (`no-declared-total` …, GRADING_REASON). */
  ungradableReasons: Record<string, number>;
  indicators: number;
  findings: Record<Severity, number>;
  /** The forms' own diagnostics by severity; the errors (form-level parse errors) count towards --fail-on. */
  diagnostics: Record<Severity, number>;
  failed: { label: string; reason: string; code?: string }[];
}

/** What one file gave: its forms, indicators, findings and diagnostics, and why it failed if it did. */
export interface FileStats {
  label: string;
  forms: number;
  /** Checked forms that could be graded and that could not (absent in what an older worker sends: 0). */
  graded?: number;
  ungradable?: number;
  /** The ungradable forms by the code of why; absent when none (and in what an older worker or manifest gives). */
  ungradableReasons?: Record<string, number>;
  indicators: number;
  findings: Record<Severity, number>;
  /** The forms' own diagnostics (problems reading a form) by severity; the errors are the form-level parse errors. */
  diagnostics: Record<Severity, number>;
  /** Why the file failed: nothing could be read from it, or reading stopped part way; null when it converted. */
  failure: string | null;
  /** The stable code of why it failed (`no-form`, `binary-input`, `unreadable-file` …), beside the reason's words. */
  failureCode?: string | null;
}

export function emptyStats(label: string): FileStats {
  return { label, forms: 0, indicators: 0, findings: { error: 0, warning: 0, info: 0 }, diagnostics: { error: 0, warning: 0, info: 0 }, failure: null };
}

export function emptyTotals(files: number): Totals {
  return { files, done: 0, forms: 0, graded: 0, ungradable: 0, ungradableReasons: {}, indicators: 0, findings: { error: 0, warning: 0, info: 0 }, diagnostics: { error: 0, warning: 0, info: 0 }, failed: [] };
}

export function addStats(totals: Totals, stats: FileStats): void {
  totals.done++;
  totals.forms += stats.forms;
  totals.graded += stats.graded ?? 0;
  totals.ungradable += stats.ungradable ?? 0;
  for (const [reason, forms] of Object.entries(stats.ungradableReasons ?? {})) totals.ungradableReasons[reason] = (totals.ungradableReasons[reason] ?? 0) + forms;
  totals.indicators += stats.indicators;
  for (const severity of ['error', 'warning', 'info'] as const) {
    totals.findings[severity] += stats.findings[severity];
    totals.diagnostics[severity] += stats.diagnostics?.[severity] ?? 0;
  }
  if (stats.failure !== null) totals.failed.push({ label: stats.label, reason: stats.failure, ...(stats.failureCode ? { code: stats.failureCode } : {}) });
}

/** One line, at most `columns` wide: `[#####·····] 120/2000 files  840 forms  37 findings  45 files/s  ETA 0:41`. */
export function formatProgress(totals: Totals, elapsedMs: number, columns: number, lang: Lang = 'en'): string {
  const findings = totals.findings.error + totals.findings.warning + totals.findings.info;
  const perSecond = elapsedMs > 0 ? (totals.done * 1000) / elapsedMs : 0;
  const remainingMs = totals.done > 0 ? (elapsedMs / totals.done) * (totals.files - totals.done) : null;
  const text = WORDS[lang].progress({
    done: totals.done,
    files: totals.files,
    forms: totals.forms,
    findings,
    rate: String(perSecond >= 10 ? Math.floor(perSecond) : Math.floor(perSecond * 10) / 10),
    eta: remainingMs === null ? '--:--' : duration(remainingMs),
  });
  const barWidth = Math.max(10, Math.min(30, columns - displayWidth(text) - 3));
  const filled = totals.files > 0 ? Math.floor((barWidth * totals.done) / totals.files) : barWidth;
  return fitWidth('[' + '#'.repeat(filled) + '·'.repeat(barWidth - filled) + ']' + text, Math.max(0, columns - 1));
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The ungradable forms by why, in the catalogue's order of reasons (a code
 * it does not know last, by name): its code, its words in `lang`, how many.
 */
export function ungradableBreakdown(totals: Pick<Totals, 'ungradableReasons'>, lang: Lang): { code: string; reason: string; forms: number }[] {
  const known = Object.keys(GRADING_REASON);
  const rank = (code: string) => (known.includes(code) ? known.indexOf(code) : known.length);
  return Object.entries(totals.ungradableReasons ?? {})
    .filter(([, forms]) => forms > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, forms]) => ({ code, reason: GRADING_REASON[code as keyof typeof GRADING_REASON]?.[lang] ?? code, forms }));
}

/**
 * The closing lines: counts, findings by severity, the forms' parse errors
 * when there are any, then each failed file with its reason, then the forms
 * that could not be graded by why (with the reason's code). File names are
 * made safe for the terminal.
 */
export function formatSummary(totals: Totals, lang: Lang = 'en'): string {
  const head = WORDS[lang].summary({
    files: totals.done,
    forms: totals.forms,
    graded: totals.graded ?? 0,
    ungradable: totals.ungradable ?? 0,
    indicators: totals.indicators,
    ...totals.findings,
    parseErrors: totals.diagnostics.error,
    failed: totals.failed.length,
  });
  const reasons = ungradableBreakdown(totals, lang);
  return [
    head,
    ...totals.failed.map(({ label, reason, code }) => `  ${terminalSafe(label)}: ${terminalSafe(reason)}${code ? ` [${code}]` : ''}`),
    ...(reasons.length === 0 ? [] : [WORDS[lang].ungradableHead(reasons.reduce((n, r) => n + r.forms, 0)), ...reasons.map((r) => `  ${WORDS[lang].ungradableLine(r)}`)]),
  ].join('\n');
}

/** The lines -q still prints: each failed file and why. */
export function formatFailures(totals: Totals): string[] {
  return totals.failed.map(({ label, reason }) => `jixiao: ${terminalSafe(label)}: ${terminalSafe(reason)}`);
}

/**
 * The summary as one line of JSON (--summary json). Names are exact; C1
 * controls, which JSON leaves raw, are escaped too, so that the line is
 * inert on a terminal and parses to the same strings.
 */
export function summaryJson(totals: Totals, lang: Lang = 'en'): string {
  const summary = {
    files: totals.done,
    forms: totals.forms,
    graded: totals.graded ?? 0,
    ungradable: totals.ungradable ?? 0,
    ungradableReasons: ungradableBreakdown(totals, lang),
    indicators: totals.indicators,
    findings: { ...totals.findings },
    parseErrors: totals.diagnostics.error,
    diagnostics: { ...totals.diagnostics },
    failed: totals.failed.map(({ label, reason, code }) => ({ file: label, ...(code ? { code } : {}), reason })),
  };
  return JSON.stringify(summary).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Redraws the bar on a terminal at most every `intervalMs`; `clear` leaves the line empty for the summary. */
export class ProgressBar {
  private last = 0;
  private readonly started = Date.now();

  constructor(
    private readonly stream: { write(text: string): unknown; columns?: number },
    private readonly intervalMs = 100,
    private readonly lang: Lang = 'en',
  ) {}

  update(totals: Totals): void {
    const now = Date.now();
    if (now - this.last < this.intervalMs && totals.done < totals.files) return;
    this.last = now;
    this.stream.write('\r' + formatProgress(totals, now - this.started, this.stream.columns || 80, this.lang) + '\x1b[K');
  }

  clear(): void {
    this.stream.write('\r\x1b[K');
  }
}
