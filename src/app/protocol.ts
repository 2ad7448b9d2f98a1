/** The messages between the page and its worker. */
import type { FileSummary } from './results.js';

export type Lang = 'zh' | 'en';

/** The downloads the worker makes; the report's HTML the page already holds. */
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
  | { kind: 'export'; format: ExportFormat; forms?: readonly number[] | null };

export type WorkerReply =
  | { kind: 'ready'; profiles: readonly string[]; xlsx: boolean }
  /** One file done (or done again after a change of profile): its place in the list, how far the request is, and its summary. */
  | { kind: 'file'; index: number; done: number; of: number; summary: FileSummary }
  /** Everything asked so far is done; the report of every file. */
  | { kind: 'report'; html: string; files: number }
  /** The report's forms' sections, made after it, in its order: its template's content. */
  | { kind: 'sections'; sections: { id: number; html: string }[] }
  | { kind: 'export'; format: ExportFormat; name: string; type: string; data: string | Uint8Array }
  /** A request that failed (a fault: a file that cannot be read is a summary with its reason). */
  | { kind: 'failed'; request: PageRequest['kind']; message: string };
