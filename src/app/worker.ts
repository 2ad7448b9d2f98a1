/**
 * The page's Web Worker: reads the files the page hands it, parses and checks
 * them one at a time (posting each file's summary as it is done, so that the
 * page draws its progress), renders the report once the queue is empty, and
 * makes the downloads. A file that fails is one more summary, with its reason.
 */
import { ZOD_CONFIG } from './jitless.js';
import { BUILTIN_PROFILE_NAMES, check, parse, renderReportApart, type Document, type ProfileName } from './core.js';
import type { ExportFormat, Lang, PageRequest, WorkerReply } from './protocol.js';
import { csvDownload, faultDocument, jsonDownload, shownPieces, summarizeFile, type FilePiece } from './results.js';
import { xlsxWorkbook } from './xlsx.js';

interface Entry {
  path: string;
  /** As parsed, kept so that a change of profile only checks again. */
  parsed: Document;
  checked: Document;
}

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: { data: PageRequest }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const entries: Entry[] = [];
let profile = 'default';
let lang: Lang = 'zh';
let queue: Promise<void> = Promise.resolve();

const post = (message: WorkerReply) => scope.postMessage(message);

scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(() => handle(request)).catch((error: unknown) => post({ kind: 'failed', request: request.kind, message: error instanceof Error ? error.message : String(error) }));
};

if (!ZOD_CONFIG.jitless) throw new Error('zod must not compile code under the page\'s policy');
post({ kind: 'ready', profiles: BUILTIN_PROFILE_NAMES, xlsx: xlsxWorkbook !== null });

async function handle(request: PageRequest): Promise<void> {
  switch (request.kind) {
    case 'add':
      for (const [done, { path, file }] of request.files.entries()) {
        entries.push(await readEntry(path, file));
        announce(entries.length - 1, done + 1, request.files.length);
      }
      return report();
    case 'profile':
      profile = request.profile;
      entries.forEach((entry, index) => {
        entry.checked = checked(entry.path, entry.parsed);
        announce(index, index + 1, entries.length);
      });
      return report();
    case 'lang':
      lang = request.lang;
      return report();
    case 'clear':
      entries.length = 0;
      return report();
    case 'export':
      return exportFiles(request.format, request.forms ?? null);
  }
}

async function readEntry(path: string, file: Blob): Promise<Entry> {
  let parsed: Document;
  try {
    parsed = parse(new Uint8Array(await file.arrayBuffer()), { file: path });
  } catch (error) {
    // A file that cannot be read (removed since it was picked) or a fault of the pipeline: this file fails, the others go on.
    parsed = faultDocument(path, error instanceof Error ? error.message : String(error));
  }
  return { path, parsed, checked: checked(path, parsed) };
}

function checked(path: string, parsed: Document): Document {
  try {
    return check(parsed, { profile: profile as ProfileName });
  } catch (error) {
    return faultDocument(path, error instanceof Error ? error.message : String(error));
  }
}

function announce(index: number, done: number, of: number): void {
  const entry = entries[index];
  post({ kind: 'file', index, done, of, summary: summarizeFile(entry.path, entry.checked) });
}

/**
 * The report, shown as soon as its overview is made; then its forms' full
 * sections, which the page hands the report's frame (they wait there in a
 * template until a form is opened or printed).
 */
function report(): void {
  const { page, sections } = renderReportApart(entries.map((e) => e.checked), { lang });
  post({ kind: 'report', html: page, files: entries.length });
  post({ kind: 'sections', sections: sections() });
}

// The JSON is every document whole, as `jixiao check` prints it; the tables hold the forms the report's filters show.
const EXPORTS: Record<Exclude<ExportFormat, 'xlsx'>, { name: string; type: string; make: (documents: Document[], pieces: FilePiece[]) => string }> = {
  json: { name: 'jixiao-check.json', type: 'application/json', make: (documents) => jsonDownload(documents) },
  'csv-indicators': { name: 'jixiao-indicators.csv', type: 'text/csv', make: (_, pieces) => csvDownload('indicators', pieces, lang) },
  'csv-funds': { name: 'jixiao-funds.csv', type: 'text/csv', make: (_, pieces) => csvDownload('funds', pieces, lang) },
  'csv-findings': { name: 'jixiao-findings.csv', type: 'text/csv', make: (_, pieces) => csvDownload('findings', pieces, lang) },
};

async function exportFiles(format: ExportFormat, shown: readonly number[] | null): Promise<void> {
  const documents = entries.map((e) => e.checked);
  const pieces = shownPieces(documents, entries.map((e) => e.path), shown);
  if (format === 'xlsx') {
    if (xlsxWorkbook === null) throw new Error('XLSX is not available in this version of the page');
    const data = await xlsxWorkbook(pieces, lang);
    post({ kind: 'export', format, name: 'jixiao-check.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data });
    return;
  }
  const { name, type, make } = EXPORTS[format];
  post({ kind: 'export', format, name, type, data: make(documents, pieces) });
}
