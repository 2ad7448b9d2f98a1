/**
 * The page's Web Worker: reads the files the page hands it, a form at a time
 * (posting each file's summary as it is done, so that the page draws its
 * progress), renders the report once the queue is empty, and makes the
 * downloads. A file that fails is one more summary, with its reason.
 *
 * What it keeps of a batch is what the report's overview needs: per file its
 * name, the file itself (a reference the browser holds) and its summary; per
 * form the view the overview reads (src/report/spooled.ts) and its search
 * text. A form's section, a file's forms listed with their findings and the
 * downloads are made when asked for, from the file read again, as it was read
 * the first time; so memory does not grow with the forms' content.
 */
import { ZOD_CONFIG } from './jitless.js';
import { BUILTIN_PROFILE_NAMES, parseStream, type Diagnostic, type Document, type Form, type ProfileName, type Severity } from './core.js';
import type { ExportFormat, Lang, PageRequest, WorkerReply } from './protocol.js';
import { csvBody, csvHead, faultDocument, fileSummary, formSummary, shownPieces, type FilePiece } from './results.js';
import { xlsxWorkbook } from './xlsx.js';
import { frameForm, sectionPart, shellPage } from '../report/apart.js';
import { clientForm, diagnosticView, formView, markDuplicates, modelOf, searchText, submissionKey, type FormView, type ReportModel } from '../report/model.js';
import { modelPieces, scriptSafeJson } from '../report/render.js';
import { digest, slim } from '../report/spooled.js';
import { formSection } from '../report/html.js';
import { reportStrings } from '../report/strings.js';
import type { FileSummary } from './results.js';

/**
 * Texts kept as UTF-8 in large buffers, by number (their order of adding):
 * out of the script's heap, without an object each.
 */
class TextStore {
  private static readonly BLOCK = 1 << 20;
  private blocks: Uint8Array[] = [];
  private used = 0;
  /** Per text: its block, where it starts in it and its length in bytes. */
  private where: number[] = [];

  add(text: string): void {
    const bytes = encoder.encode(text);
    let block = this.blocks[this.blocks.length - 1];
    if (block === undefined || this.used + bytes.length > block.length) {
      block = new Uint8Array(Math.max(TextStore.BLOCK, bytes.length));
      this.blocks.push(block);
      this.used = 0;
    }
    block.set(bytes, this.used);
    this.where.push(this.blocks.length - 1, this.used, bytes.length);
    this.used += bytes.length;
  }

  /** Whether a text holds these bytes (the UTF-8 of a text: it then holds that text). */
  includes(index: number, needle: Uint8Array): boolean {
    const bytes = this.blocks[this.where[index * 3]];
    const start = this.where[index * 3 + 1];
    const end = start + this.where[index * 3 + 2] - needle.length;
    if (needle.length === 0) return true;
    for (let at = start; at <= end; at++) {
      let i = 0;
      while (i < needle.length && bytes[at + i] === needle[i]) i++;
      if (i === needle.length) return true;
    }
    return false;
  }

  /** Keeps the first `count` texts only. */
  cut(count: number): void {
    if (count === 0) {
      this.blocks = [];
      this.where = [];
      this.used = 0;
      return;
    }
    const [block, start, length] = this.where.slice(count * 3 - 3, count * 3);
    this.where.length = count * 3;
    this.blocks.length = block + 1;
    this.used = start + length;
  }
}

interface Entry {
  path: string;
  /** The file as picked: read again for what is made on demand. */
  file: Blob;
  /** The report's number of the file's first form, and how many it has. */
  firstId: number;
  forms: number;
  /** The file's own diagnostics (those of no form). */
  diagnostics: Diagnostic[];
  summary: FileSummary;
}

interface WorkerScope {
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
  onmessage: ((event: { data: PageRequest }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const entries: Entry[] = [];
/** By the report's form number: the view the overview reads, its submission's digest and its search text (UTF-8). */
const views: FormView[] = [];
const keys: Array<string | null> = [];
const searches = new TextStore();
/** Texts many forms repeat, held once. */
let shared = new Map<string, unknown>();
let profile = 'default';
let lang: Lang = 'zh';
let queue: Promise<void> = Promise.resolve();
let model: ReportModel | null = null;
let generation = 0;

/** Bytes read at a time from a file, and forms' data and sections handed over at a time. */
const CHUNK_BYTES = 1 << 20;
const FORMS_PER_MESSAGE = 2000;
const SECTIONS_PER_MESSAGE = 100;

const post = (message: WorkerReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const encoder = new TextEncoder();


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
        const entry: Entry = { path, file, firstId: views.length, forms: 0, diagnostics: [], summary: fileSummary(path, null, 0, { error: 0, warning: 0, info: 0 }, []) };
        entries.push(entry);
        await readEntry(entry);
        announce(entries.length - 1, done + 1, request.files.length);
      }
      return report();
    case 'profile':
      profile = request.profile;
      return readAgain();
    case 'lang':
      lang = request.lang;
      return readAgain();
    case 'clear':
      entries.length = 0;
      forget();
      return report();
    case 'export':
      return exportFiles(request.format, request.forms ?? null);
    case 'save-report':
      return saveReport();
    case 'forms':
      return sendForms();
    case 'sections':
      return sendSections(request.ids);
    case 'detail':
      return sendDetail(request.index);
    case 'search':
      return sendSearch(request.words);
  }
}

function forget(): void {
  views.length = 0;
  keys.length = 0;
  searches.cut(0);
  shared = new Map();
}

/** Every file read again (under another profile, or for the report in another language). */
async function readAgain(): Promise<void> {
  forget();
  for (const [index, entry] of entries.entries()) {
    entry.firstId = views.length;
    await readEntry(entry);
    announce(index, index + 1, entries.length);
  }
  return report();
}

/** A file's bytes, a piece at a time. */
async function* pieces(file: Blob): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < file.size; at += CHUNK_BYTES) yield new Uint8Array(await file.slice(at, at + CHUNK_BYTES).arrayBuffer());
}

/** A file's forms, checked, and its own diagnostics, as they are read. */
function items(entry: Entry) {
  return parseStream(pieces(entry.file), { file: entry.path, check: { profile: profile as ProfileName } });
}

/**
 * Reads a file, keeping of each form what the overview needs. A file that
 * cannot be read (removed since it was picked) or a fault of the pipeline:
 * this file fails, with no form, and the others go on.
 */
async function readEntry(entry: Entry): Promise<void> {
  const strings = reportStrings(lang);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const diagnostics: Diagnostic[] = [];
  let encoding: string | null = null;
  try {
    for await (const item of items(entry)) {
      if (item.kind === 'diagnostic') {
        diagnostics.push(item.diagnostic);
        continue;
      }
      const form = item.form;
      encoding ??= form.source.encoding;
      for (const finding of form.findings) counts[finding.severity]++;
      const view = formView(form, views.length, strings);
      searches.add(searchText(view));
      keys.push(digest(submissionKey(form)));
      // The overview's view, with the key the review's marks of the form are kept by.
      views.push(slim(view, shared, true));
    }
  } catch (error) {
    views.length = keys.length = entry.firstId;
    searches.cut(entry.firstId);
    entry.forms = 0;
    entry.diagnostics = faultDocument(entry.path, error instanceof Error ? error.message : String(error)).diagnostics;
    entry.summary = fileSummary(entry.path, null, 0, { error: 0, warning: 0, info: 0 }, entry.diagnostics);
    return;
  }
  entry.forms = views.length - entry.firstId;
  entry.diagnostics = diagnostics;
  entry.summary = fileSummary(entry.path, encoding, entry.forms, counts, diagnostics);
}

function announce(index: number, done: number, of: number): void {
  post({ kind: 'file', index, done, of, summary: entries[index].summary });
}

/** The model of every file read: the views' ranks, duplicates and the counts the report's head shows. */
function currentModel(): ReportModel {
  for (const view of views) if (view.duplicates.length > 0) view.duplicates = [];
  markDuplicates(keys, views);
  // As for the report of the documents: a diagnostic without a file is placed in its document's first form's file.
  const diagnostics = entries.flatMap((entry) => entry.diagnostics.map((d) => ({ ...diagnosticView(d), file: d.file ?? (entry.forms > 0 ? entry.path : null) })));
  return modelOf(views, diagnostics, { lang });
}

/**
 * The report, shown as soon as it is made: a page of the same size for any
 * batch. Its frame then asks for the forms' overview data, and for a form's
 * section when it is opened or printed.
 */
function report(): void {
  model = currentModel();
  generation++;
  post({ kind: 'report', html: shellPage(model), files: entries.length, forms: views.length, generation });
}

/**
 * The forms' overview data, some thousands at a time, as UTF-8 JSON handed
 * over (not copied): the names of their fields once, then each form's values
 * in that order.
 */
function sendForms(): void {
  if (model === null) return;
  for (let first = 0; first < views.length || first === 0; first += FORMS_PER_MESSAGE) {
    const forms = views.slice(first, first + FORMS_PER_MESSAGE).map((view) => frameForm(view));
    const fields = forms.length === 0 ? [] : Object.keys(forms[0]);
    const data = encoder.encode(JSON.stringify({ fields, rows: forms.map((form) => fields.map((field) => form[field as keyof typeof form])) }));
    post({ kind: 'forms', generation, data, last: first + FORMS_PER_MESSAGE >= views.length }, [data.buffer]);
  }
}

/** The report's text filter: the forms whose search text holds every word (as the report's script matches them in a page that holds them). */
function sendSearch(words: readonly string[]): void {
  const wanted = words.map((word) => encoder.encode(word.toLowerCase()));
  const ids: number[] = [];
  for (let id = 0; id < views.length; id++) if (wanted.every((word) => searches.includes(id, word))) ids.push(id);
  post({ kind: 'search', generation, words, ids });
}

/** A form's whole view, as the report writes its section and its data: its rank and duplicates from the model. */
function wholeView(form: Form, id: number): FormView {
  const view = formView(form, id, reportStrings(lang));
  view.rank = views[id].rank;
  view.duplicates = views[id].duplicates;
  return view;
}

/**
 * Reads the files of the given forms again, each up to the last of them it
 * holds, and hands each form to `take` with its number.
 */
async function eachForm(ids: Iterable<number> | null, take: (form: Form, id: number) => void | Promise<void>): Promise<void> {
  const wanted = ids === null ? null : new Set(ids);
  for (const entry of entries) {
    const last = entry.firstId + entry.forms - 1;
    let needed = 0;
    if (wanted === null) needed = entry.forms;
    else for (let id = entry.firstId; id <= last; id++) if (wanted.has(id)) needed++;
    if (needed === 0) continue;
    let id = entry.firstId;
    const stream = items(entry);
    // Read as the first time: a file that now fails (removed, or changed on disk since it was picked) has changed.
    const next = () => stream.next().catch(() => null);
    try {
      for (let step = await next(); ; step = await next()) {
        if (step === null) {
          needed = -1;
          break;
        }
        if (step.done) break;
        if (step.value.kind !== 'form') continue;
        if (id > last) break;
        if (wanted === null || wanted.has(id)) {
          await take(step.value.form, id);
          if (--needed === 0) break;
        }
        id++;
      }
    } finally {
      await stream.return(undefined).catch(() => undefined);
    }
    if (needed !== 0) throw changed(entry);
  }
}

/** A file read again that no longer gives the forms it gave (changed on disk since it was picked). */
function changed(entry: Entry): Error {
  return new Error(lang === 'zh' ? `${entry.path}：文件在读取之后已被修改，请重新添加` : `${entry.path}: the file changed since it was read; add it again`);
}

async function sendSections(ids: readonly number[]): Promise<void> {
  if (model === null) return;
  const s = reportStrings(lang);
  let batch: ReturnType<typeof sectionPart>[] = [];
  const flush = () => {
    if (batch.length > 0) post({ kind: 'sections', generation, sections: batch });
    batch = [];
  };
  await eachForm(
    ids.filter((id) => Number.isInteger(id) && id >= 0 && id < views.length),
    (form, id) => {
      batch.push(sectionPart(wholeView(form, id), s));
      if (batch.length >= SECTIONS_PER_MESSAGE) flush();
    },
  );
  flush();
}

async function sendDetail(index: number): Promise<void> {
  const entry = entries[index];
  if (entry === undefined) return;
  const forms: ReturnType<typeof formSummary>[] = [];
  await eachForm(Array.from({ length: entry.forms }, (_, i) => entry.firstId + i), (form) => void forms.push(formSummary(form)));
  post({ kind: 'detail', index, forms });
}

/**
 * The report as `jixiao report` writes it, for every form (a Blob: its forms'
 * sections and data are made one form at a time and kept as Blobs, which the
 * browser may keep out of memory).
 */
async function saveReport(): Promise<void> {
  const current = model ?? currentModel();
  const s = reportStrings(lang);
  const sections: Blob[] = [];
  const data: Blob[] = [];
  await eachForm(null, (form, id) => {
    const view = wholeView(form, id);
    sections[id] = new Blob([formSection(view, s)]);
    data[id] = new Blob([scriptSafeJson(clientForm(view))]);
  });
  const after = (separator: string, part: Blob, first: boolean) => (first ? part : new Blob([separator, part]));
  const parts = [...modelPieces<Blob>(current, undefined, 'inline', { section: (form, first) => after('\n', sections[form.id], first), data: (form, first) => after(',', data[form.id], first) })];
  post({ kind: 'export', format: 'report', name: 'jixiao-report.html', type: 'text/html', data: new Blob(parts, { type: 'text/html' }) });
}

/** Each file's document, read again, one file at a time. */
async function* documents(): AsyncGenerator<{ entry: Entry; document: Document }> {
  for (const entry of entries) {
    const document: Document = { forms: [], diagnostics: entry.diagnostics };
    if (entry.forms > 0) await eachFormOf(entry, (form) => void document.forms.push(form));
    yield { entry, document };
  }
}

async function eachFormOf(entry: Entry, take: (form: Form) => void): Promise<void> {
  await eachForm(Array.from({ length: entry.forms }, (_, i) => entry.firstId + i), take);
}

// The JSON is every document whole, as `jixiao check` prints it; the tables hold the forms the report's filters show.
const EXPORTS: Record<ExportFormat, { name: string; type: string }> = {
  json: { name: 'jixiao-check.json', type: 'application/json' },
  'csv-indicators': { name: 'jixiao-indicators.csv', type: 'text/csv' },
  'csv-funds': { name: 'jixiao-funds.csv', type: 'text/csv' },
  'csv-findings': { name: 'jixiao-findings.csv', type: 'text/csv' },
  xlsx: { name: 'jixiao-check.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};

async function exportFiles(format: ExportFormat, shown: readonly number[] | null): Promise<void> {
  const wanted = shown === null ? null : new Set(shown);
  const { name, type } = EXPORTS[format];
  if (format === 'xlsx') {
    if (xlsxWorkbook === null) throw new Error('XLSX is not available in this version of the page');
    const all: FilePiece[] = [];
    for await (const { entry, document } of documents()) all.push(...shownPieces(document, entry.path, entry.firstId, wanted));
    post({ kind: 'export', format, name, type, data: await xlsxWorkbook(all, lang) });
    return;
  }
  // `jixiao check --format json` of several files: a JSON array, one compact document per line.
  const parts: string[] = [format === 'json' ? '[\n' : csvHead(tableOf(format), lang)];
  for await (const { entry, document } of documents()) {
    if (format === 'json') parts.push((parts.length > 1 ? ',\n' : '') + JSON.stringify(document));
    else parts.push(csvBody(tableOf(format), shownPieces(document, entry.path, entry.firstId, wanted), lang));
  }
  if (format === 'json') parts.push('\n]\n');
  post({ kind: 'export', format, name, type, data: parts.join('') });
}

function tableOf(format: Exclude<ExportFormat, 'json' | 'xlsx'>): 'indicators' | 'funds' | 'findings' {
  return format === 'csv-indicators' ? 'indicators' : format === 'csv-funds' ? 'funds' : 'findings';
}
