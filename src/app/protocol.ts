/** The messages between the page and its worker. */
import type { FileSummary, FormSummary } from './results.js';
import type { SectionPart } from '../report/frame-row.js';

export type Lang = 'zh' | 'en';

/** The downloads the worker makes: the check's files, and the report as `jixiao report` writes it. */
export type ExportFormat = 'json' | 'csv-indicators' | 'csv-funds' | 'csv-findings' | 'xlsx';

export type PageRequest =
  /** Files to add to those already read, in this order. */
  | { kind: 'add'; files: { path: string; file: Blob }[] }
  /** Check every file again under another profile. */
  | { kind: 'profile'; profile: string }
  /** Render the report again in another language. */
  | { kind: 'lang'; lang: Lang }
  | { kind: 'clear' }
  /** A download; `forms`: the report's form numbers its filters show (the tables hold only those), null for every form. */
  | { kind: 'export'; format: ExportFormat; forms?: readonly number[] | null }
  /** The report whole, as `jixiao report` writes it. */
  | { kind: 'save-report' }
  /** The last report's forms' overview data, for its frame. */
  | { kind: 'forms' }
  /** The sections of these forms of the last report (its form numbers). */
  | { kind: 'sections'; ids: readonly number[] }
  /** A file's forms with their findings, for its row opened in the list. */
  | { kind: 'detail'; index: number }
  /** The last report's forms whose search text holds every word (lower-cased), for its text filter. */
  | { kind: 'search'; words: readonly string[] };

export type WorkerReply =
  | { kind: 'ready'; profiles: readonly string[]; xlsx: boolean }
  /** One file done (or done again after a change of profile): its place in the list, how far the request is, and its summary. */
  | { kind: 'file'; index: number; done: number; of: number; summary: FileSummary }
  /**
   * Everything asked so far is done: the report of every file, without its
   * overview's rows, its forms' data and sections (`generation` tells one
   * report from the next; the parts below name the report they belong to).
   */
  | { kind: 'report'; html: string; files: number; forms: number; generation: number }
  /** Some of the report's forms' overview data, in form order (`data`: UTF-8 JSON `{ fields, rows }`, a FrameForm's fields and each form's values); `last` with the last. */
  | { kind: 'forms'; generation: number; data: Uint8Array; last: boolean }
  /** Sections asked for, as the report writes them, with their charts' figures. */
  | { kind: 'sections'; generation: number; sections: SectionPart[] }
  | { kind: 'detail'; index: number; forms: FormSummary[] }
  | { kind: 'search'; generation: number; words: readonly string[]; ids: number[] }
  | { kind: 'export'; format: ExportFormat | 'report'; name: string; type: string; data: string | Uint8Array | Blob }
  /** A request that failed (a fault: a file that cannot be read is a summary with its reason). */
  | { kind: 'failed'; request: PageRequest['kind']; message: string };
