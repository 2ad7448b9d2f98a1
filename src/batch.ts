/**
 * One file of a batch, start to end: read, parse, check, and format in the
 * requested output format. The same function runs in the main thread
 * (`--jobs 1`) and in the worker threads, so the output cannot depend on N.
 */
import { check } from './check.js';
import { CSV_TABLES, csvRows, type CsvTable } from './csv.js';
import { parseFile } from './files.js';
import { parse } from './parse.js';
import { resolveProfile, type Profile, type Settings } from './profile.js';
import type { Document, Severity } from './schema.js';
import { formatCheckReport } from './text-report.js';

/** `document` hands the checked document itself back (the HTML report needs all of them together). */
export type Format = 'json' | 'ndjson' | 'csv' | 'text' | 'document';

/** What every file of a batch shares; plain data, so that it crosses to worker threads. */
export interface BatchConfig {
  command: 'parse' | 'check';
  format: Format;
  pretty: boolean;
  encoding: string | null;
  /** A validated profile; null: `default`. */
  profile: Profile | null;
}

/** One input: a file path, or bytes already read (standard input). `label` names it in tables and the summary. */
export interface Task {
  path: string | null;
  bytes?: Uint8Array;
  label: string;
}

export interface FileStats {
  label: string;
  forms: number;
  indicators: number;
  findings: Record<Severity, number>;
  /** Why nothing could be read from the file; null when at least one form was. */
  failure: string | null;
}

/** Formatted output of one file: `main` for json, ndjson and text; one piece per table for csv. */
export type Pieces = Partial<Record<'main' | CsvTable, string>>;

export interface TaskResult {
  pieces: Pieces;
  document?: Document;
  stats: FileStats;
}

export type Processor = (task: Task) => Promise<TaskResult>;

/** Resolves the profile once for all the files one thread processes. */
export function createProcessor(config: BatchConfig): Processor {
  const settings = config.command === 'check' ? profileSettings(config.profile) : null;
  return async (task) => {
    try {
      const parsed = task.bytes !== undefined ? parse(task.bytes, { encoding: config.encoding }) : await parseFile(task.path ?? '', { encoding: config.encoding });
      const document = settings === null ? parsed : check(parsed, { profile: settings });
      return resultOf(document, task.label, config);
    } catch (error) {
      // The pipeline reports problems as values; an exception that still escapes fails this file only.
      return failedResult(task, `internal error: ${error instanceof Error ? error.message : String(error)}`, config);
    }
  };
}

function resultOf(document: Document, label: string, config: BatchConfig): TaskResult {
  return { ...format(document, label, config), stats: statsOf(document, label) };
}

/** The result of a file the pipeline could not process: a document holding one `internal-error` diagnostic. */
export function failedResult(task: Task, message: string, config: BatchConfig): TaskResult {
  const file = task.path;
  return resultOf({ forms: [], diagnostics: [{ code: 'internal-error', severity: 'error', message, line: 0, column: 0, file }] }, task.label, config);
}

function profileSettings(profile: Profile | null): Settings {
  const resolved = resolveProfile(profile);
  if (!resolved.ok) throw new Error(resolved.problem.message);
  return resolved.settings;
}

function format(document: Document, label: string, config: BatchConfig): Pick<TaskResult, 'pieces' | 'document'> {
  switch (config.format) {
    case 'json':
      return { pieces: { main: JSON.stringify(document, null, config.pretty ? 2 : undefined) } };
    case 'ndjson':
      return { pieces: { main: JSON.stringify(document) } };
    case 'text':
      return { pieces: { main: formatCheckReport([document]) } };
    case 'csv':
      return { pieces: Object.fromEntries(CSV_TABLES.map((table) => [table, csvRows(table, document, label)])) };
    case 'document':
      return { pieces: {}, document };
  }
}

function statsOf(document: Document, label: string): FileStats {
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let indicators = 0;
  for (const form of document.forms) {
    indicators += form.indicators.length;
    for (const finding of form.findings) findings[finding.severity]++;
  }
  return { label, forms: document.forms.length, indicators, findings, failure: document.forms.length === 0 ? failureOf(document, label) : null };
}

/** The errors that kept every form out of a file, without the file name the messages may repeat. */
function failureOf(document: Document, label: string): string {
  const errors = document.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return 'no self-evaluation form found';
  return errors.map((d) => (d.message.startsWith(label + ': ') ? d.message.slice(label.length + 2) : d.message)).join('; ');
}
