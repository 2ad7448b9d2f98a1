/// <reference lib="dom" />
/**
 * The page's main script: takes the files the auditor drops or picks, hands
 * them to the worker (built from the worker bundle embedded in the page, as a
 * Blob URL: the page is opened from disk and loads nothing), draws the list
 * of files with their forms and findings as the worker reports them, shows
 * the report in a sandboxed frame and makes the downloads. It keeps per file
 * its summary: a file's forms with their findings are asked of the worker
 * when its row is opened, and the report's forms' overview data and sections
 * pass through to the report's frame, which asks for them.
 */
import type { ExportFormat, Lang, PageRequest, WorkerReply } from './protocol.js';
import type { FileSummary, FindingView, FormSummary } from './results.js';
import { say, TEXT, type TextKey } from './text.js';
import { profileLabel } from '../tables/profile-names.js';
import { EXPORT_EXTENSIONS as FOLDER_EXTENSIONS } from '../tables/export-files.js';

const root = document.documentElement;
const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;
const fileInput = $<HTMLInputElement>('#file-input');
const folderInput = $<HTMLInputElement>('#folder-input');
const profileSelect = $<HTMLSelectElement>('#profile');
const langSelect = $<HTMLSelectElement>('#lang');
const progress = $<HTMLProgressElement>('#progress');
const statusLine = $<HTMLElement>('#status');
const fileRows = $<HTMLTableSectionElement>('#file-list tbody');
const reportFrame = $<HTMLIFrameElement>('#report');
/** The file list's rows by file index (files are reported in index order, a new one after the last). */
const rows: HTMLTableRowElement[] = [];

const state = {
  lang: 'zh' as Lang,
  summaries: [] as FileSummary[],
  /** Requests sent whose report has not come back yet. */
  pending: 0,
  /** Keys (path, size, date) of the files added, to skip a file dropped twice. */
  added: new Set<string>(),
  /** The last report's number: its forms' data and sections reach its frame, those of an older report do not. */
  generation: 0,
  /** The forms of the files whose rows are open, with their findings, asked of the worker when a row opens. */
  details: new Map<number, FormSummary[]>(),
  /** What the status line says once nothing is pending, besides the totals. */
  note: '',
  failure: '',
  /** The report frame is loading the last report: the work is not over until it shows. */
  showing: false,
  profiles: [] as readonly string[],
  /** The report's form numbers its filters show (the table downloads follow them); null when they show every form. */
  shownForms: null as readonly number[] | null,
};

const worker = startWorker();

function startWorker(): Worker {
  const source = JSON.parse($<HTMLScriptElement>('#jixiao-worker').textContent ?? '""') as string;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const started = new Worker(url);
  started.onmessage = (event: MessageEvent<WorkerReply>) => receive(event.data);
  started.onerror = (event) => {
    state.failure = event.message || 'worker failed';
    showStatus();
  };
  return started;
}

function send(request: PageRequest, rendersReport = true): void {
  if (rendersReport) {
    state.pending++;
    root.setAttribute('data-state', 'working');
  }
  worker.postMessage(request);
}

function receive(reply: WorkerReply): void {
  switch (reply.kind) {
    case 'ready':
      fillProfiles(reply.profiles);
      $<HTMLButtonElement>('[data-export="xlsx"]').hidden = !reply.xlsx;
      root.setAttribute('data-ready', 'true');
      showStatus();
      return;
    case 'file':
      state.summaries[reply.index] = reply.summary;
      state.details.delete(reply.index);
      drawFile(reply.index);
      progress.value = reply.done / reply.of;
      statusLine.textContent = reply.done < reply.of ? say(state.lang, 'working', { done: reply.done, of: reply.of }) : say(state.lang, 'rendering');
      return;
    case 'report':
      state.pending--;
      state.summaries.length = reply.files;
      state.generation = reply.generation;
      root.removeAttribute('data-sections');
      showReport(reply.html);
      if (state.pending === 0 && !state.showing) root.setAttribute('data-state', 'done');
      showStatus();
      return;
    case 'forms':
      if (reply.generation !== state.generation) return;
      reportFrame.contentWindow?.postMessage({ kind: 'jixiao-report-forms', forms: reply.data, last: reply.last }, '*', [reply.data.buffer]);
      if (reply.last) root.setAttribute('data-sections', 'handed');
      return;
    case 'sections':
      if (reply.generation === state.generation) reportFrame.contentWindow?.postMessage({ kind: 'jixiao-report-sections', sections: reply.sections }, '*');
      return;
    case 'search':
      if (reply.generation === state.generation) reportFrame.contentWindow?.postMessage({ kind: 'jixiao-report-search-result', words: reply.words, ids: reply.ids }, '*');
      return;
    case 'detail':
      state.details.set(reply.index, reply.forms);
      fillDetail(reply.index);
      return;
    case 'export':
      download(reply.name, reply.type, reply.data);
      return;
    case 'failed':
      state.failure = reply.message;
      if (reply.request !== 'export') state.pending--;
      if (state.pending === 0) root.setAttribute('data-state', 'done');
      showStatus();
      return;
  }
}

function fillProfiles(names: readonly string[]): void {
  state.profiles = names;
  const chosen = profileSelect.value;
  profileSelect.replaceChildren(...names.map((name) => new Option(profileLabel(name, state.lang), name)));
  if (names.includes(chosen)) profileSelect.value = chosen;
}

// ---------------------------------------------------------------------------
// Adding files

interface Picked {
  path: string;
  file: File;
}

function addFiles(picked: Picked[]): void {
  const fresh = picked.filter(({ path, file }) => {
    const key = `${path}\u0000${file.size}\u0000${file.lastModified}`;
    if (state.added.has(key)) return false;
    state.added.add(key);
    return true;
  });
  const skipped = picked.length - fresh.length;
  state.note = skipped > 0 ? say(state.lang, 'skipped', { n: skipped }) : '';
  if (fresh.length === 0) return showStatus();
  progress.value = 0;
  send({ kind: 'add', files: fresh });
}

function inFolder(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !name.startsWith('.') && FOLDER_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
}

fileInput.addEventListener('change', () => {
  addFiles(Array.from(fileInput.files ?? [], (file) => ({ path: file.name, file })));
  fileInput.value = '';
});

folderInput.addEventListener('change', () => {
  const files = Array.from(folderInput.files ?? [], (file) => ({ path: file.webkitRelativePath || file.name, file }));
  addFiles(files.filter((f) => inFolder(f.path)).sort(byPath));
  folderInput.value = '';
});

function byPath(a: Picked, b: Picked): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

// Dropped anywhere on the page: the browser would otherwise open the file in place of the page.
window.addEventListener('dragover', (event) => {
  event.preventDefault();
  $<HTMLElement>('#drop').classList.add('over');
});
window.addEventListener('dragleave', () => $<HTMLElement>('#drop').classList.remove('over'));
window.addEventListener('drop', (event) => {
  event.preventDefault();
  $<HTMLElement>('#drop').classList.remove('over');
  const items = Array.from(event.dataTransfer?.items ?? []).filter((item) => item.kind === 'file');
  const entries = items.map((item) => item.webkitGetAsEntry());
  const loose = items.map((item) => item.getAsFile());
  void droppedFiles(entries, loose).then(addFiles);
});

/** Dropped files as they are, and a dropped folder's files (by extension) in path order. */
async function droppedFiles(entries: (FileSystemEntry | null)[], loose: (File | null)[]): Promise<Picked[]> {
  const picked: Picked[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry?.isDirectory) {
      const inside = await folderFiles(entry as FileSystemDirectoryEntry);
      picked.push(...inside.filter((f) => inFolder(f.path)).sort(byPath));
    } else if (loose[i]) {
      picked.push({ path: loose[i].name, file: loose[i] });
    }
  }
  return picked;
}

async function folderFiles(folder: FileSystemDirectoryEntry): Promise<Picked[]> {
  const found: Picked[] = [];
  const reader = folder.createReader();
  // readEntries gives a folder's entries in batches (100 at a time in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return found;
    for (const entry of batch) {
      if (entry.isDirectory) found.push(...(await folderFiles(entry as FileSystemDirectoryEntry)));
      else {
        const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
        found.push({ path: entry.fullPath.replace(/^\//, ''), file });
      }
    }
  }
}

$<HTMLButtonElement>('#clear').addEventListener('click', () => {
  state.added.clear();
  state.summaries = [];
  state.details.clear();
  state.note = '';
  rows.length = 0;
  fileRows.replaceChildren();
  send({ kind: 'clear' });
});

profileSelect.addEventListener('change', () => send({ kind: 'profile', profile: profileSelect.value }));

langSelect.addEventListener('change', () => {
  state.lang = langSelect.value as Lang;
  applyLanguage();
  fillProfiles(state.profiles);
  send({ kind: 'lang', lang: state.lang });
});

// ---------------------------------------------------------------------------
// Drawing

function applyLanguage(): void {
  root.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-text]'))) {
    element.textContent = TEXT[element.dataset.text as TextKey][state.lang];
  }
  state.summaries.forEach((_, index) => drawFile(index));
  showStatus();
}

function showStatus(): void {
  if (state.failure !== '') {
    statusLine.textContent = say(state.lang, 'workerFailed') + state.failure;
    return;
  }
  if (root.getAttribute('data-ready') !== 'true') {
    statusLine.textContent = say(state.lang, 'starting');
    return;
  }
  const files = state.summaries.filter(Boolean);
  $<HTMLElement>('#no-files').hidden = files.length > 0 || state.pending > 0;
  if (state.pending > 0) return;
  if (state.showing) {
    statusLine.textContent = say(state.lang, 'showing');
    return;
  }
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-export]'))) button.disabled = files.length === 0;
  progress.value = files.length === 0 ? 0 : 1;
  if (files.length === 0) {
    statusLine.textContent = state.note;
    return;
  }
  const totals = { files: files.length, forms: 0, error: 0, warning: 0, info: 0, failed: 0 };
  for (const file of files) {
    totals.forms += file.forms;
    totals.error += file.counts.error;
    totals.warning += file.counts.warning;
    totals.info += file.counts.info;
    if (file.failure !== null) totals.failed++;
  }
  statusLine.textContent = say(state.lang, 'done', totals) + (state.note ? ' ' + state.note : '');
}

function showReport(html: string): void {
  setShownForms(null);
  const panel = $<HTMLElement>('#report-panel');
  panel.hidden = state.summaries.length === 0;
  state.showing = !panel.hidden;
  if (state.showing) progress.removeAttribute('value');
  reportFrame.srcdoc = panel.hidden ? '' : html;
}

// The report has run its script once its frame has loaded: the work is over when it shows.
reportFrame.addEventListener('load', () => {
  if (!state.showing) return;
  state.showing = false;
  progress.value = 1;
  if (state.pending === 0) root.setAttribute('data-state', 'done');
  showStatus();
});

const REVIEW_KEY = 'jixiao-review-v1';

/** What the report's frame asks of the page: to be as tall as its content, and to keep its review marks (it has no storage). */
window.addEventListener('message', (event) => {
  if (event.source !== reportFrame.contentWindow) return;
  const data = event.data as { kind?: string; height?: unknown; marks?: unknown } | null;
  if (data?.kind === 'jixiao-report-height' && typeof data.height === 'number') reportFrame.style.height = `${Math.max(200, data.height)}px`;
  else if (data?.kind === 'jixiao-report-forms-wanted') send({ kind: 'forms' }, false);
  else if (data?.kind === 'jixiao-report-search') {
    const words = (data as { words?: unknown }).words;
    if (Array.isArray(words) && words.every((word) => typeof word === 'string')) send({ kind: 'search', words: words as string[] }, false);
  }
  else if (data?.kind === 'jixiao-report-sections-wanted') {
    const ids = shownList((data as { ids?: unknown }).ids);
    if (ids !== null && ids.length > 0) send({ kind: 'sections', ids }, false);
  } else if (data?.kind === 'jixiao-report-filter') setShownForms(shownList((data as { forms?: unknown }).forms));
  else if (data?.kind === 'jixiao-review-load') reportFrame.contentWindow?.postMessage({ kind: 'jixiao-review-marks', marks: storedMarks() }, '*');
  else if (data?.kind === 'jixiao-review-save' && typeof data.marks === 'object' && data.marks !== null) {
    try {
      localStorage.setItem(REVIEW_KEY, JSON.stringify(data.marks));
    } catch {
      // No storage here either: the marks live as long as the report, and its JSON export holds them.
    }
  }
});

function shownList(value: unknown): readonly number[] | null {
  return Array.isArray(value) && value.every((id) => Number.isInteger(id)) ? (value as number[]) : null;
}

/** What the table downloads will hold, said beside them: the forms the report's filters show. */
function setShownForms(forms: readonly number[] | null): void {
  state.shownForms = forms;
  const note = $<HTMLElement>('#downloads-filter');
  note.hidden = forms === null;
  note.textContent = forms === null ? '' : say(state.lang, 'downloadsFiltered', { n: forms.length });
}

function storedMarks(): unknown {
  try {
    return JSON.parse(localStorage.getItem(REVIEW_KEY) ?? '{}') as unknown;
  } catch {
    return {};
  }
}

function cell(text: string | number, className = ''): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = String(text);
  if (className) td.className = className;
  return td;
}

/** A file's row (and its detail row, redrawn if open), created or replaced in place. */
function drawFile(index: number): void {
  const summary = state.summaries[index];
  if (!summary) return;
  const lang = state.lang;
  const row = document.createElement('tr');
  row.className = 'file-row' + (summary.failure === null ? '' : ' failed');
  row.dataset.index = String(index);
  row.dataset.path = summary.path;
  row.dataset.forms = String(summary.forms);
  if (summary.failure !== null) row.dataset.failure = summary.failure[lang];
  // A file not read has no forms to count: its counts are not 0 but absent.
  const count = (n: number) => (summary.failure === null ? n : '—');
  $<HTMLElement>('#no-files').hidden = true;
  row.append(
    cell(summary.path, 'mono'),
    cell(count(summary.forms), 'num'),
    cell(count(summary.counts.error), 'num'),
    cell(count(summary.counts.warning), 'num'),
    cell(count(summary.counts.info), 'num'),
    cell(summary.failure === null ? say(lang, 'ok') : say(lang, 'failed') + summary.failure[lang], 'status'),
  );
  const old = rows[index];
  const wasOpen = old?.classList.contains('open') ?? false;
  if (old) {
    if (wasOpen) old.nextElementSibling?.remove();
    old.replaceWith(row);
  } else {
    fileRows.append(row);
  }
  rows[index] = row;
  row.tabIndex = 0;
  row.addEventListener('click', () => toggle(row, summary, index));
  row.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    toggle(row, summary, index);
  });
  if (wasOpen) toggle(row, summary, index);
}

/**
 * Opens or closes a file's row. Its forms with their findings are asked of
 * the worker when it opens (a file read has no other copy of them), and let
 * go when it closes.
 */
function toggle(row: HTMLTableRowElement, summary: FileSummary, index: number): void {
  const open = row.nextElementSibling?.classList.contains('file-detail') ? row.nextElementSibling : null;
  if (open) {
    open.remove();
    row.classList.remove('open');
    state.details.delete(index);
    return;
  }
  row.classList.add('open');
  const detail = document.createElement('tr');
  detail.className = 'file-detail';
  detail.dataset.index = String(index);
  const td = document.createElement('td');
  td.colSpan = 6;
  detail.append(td);
  row.after(detail);
  if (summary.forms > 0 && !state.details.has(index)) {
    td.append(muted(say(state.lang, 'loadingForms')));
    send({ kind: 'detail', index }, false);
  } else fillDetail(index);
}

/** The open row of a file, filled with its forms once the worker has listed them. */
function fillDetail(index: number): void {
  const summary = state.summaries[index];
  const detail = rows[index]?.nextElementSibling as HTMLElement | null;
  if (!summary || !detail?.classList.contains('file-detail')) {
    state.details.delete(index);
    return;
  }
  const forms = summary.forms === 0 ? [] : state.details.get(index);
  if (forms === undefined) return;
  detail.firstElementChild?.replaceChildren(...fileDetail(summary, forms));
  detail.dataset.ready = 'true';
}

function muted(text: string): HTMLElement {
  const note = document.createElement('p');
  note.className = 'muted';
  note.textContent = text;
  return note;
}

function fileDetail(summary: FileSummary, forms: readonly FormSummary[]): HTMLElement[] {
  const lang = state.lang;
  const parts: HTMLElement[] = [];
  for (const [i, form] of forms.entries()) {
    const section = document.createElement('section');
    section.className = 'form';
    section.dataset.form = String(i);
    section.dataset.startLine = String(form.startLine);
    const heading = document.createElement('h3');
    heading.textContent =
      say(lang, 'form', { line: form.startLine, project: form.project ?? '—', declared: form.declaredTotal ?? '—', recomputed: form.recomputedTotal ?? '—' }) +
      (form.ungradable ? say(lang, 'ungradable', { reason: form.ungradable[lang] }) : '');
    section.append(heading, findingsTable(form.findings));
    parts.push(section);
  }
  if (summary.diagnostics.length > 0) {
    const section = document.createElement('section');
    section.className = 'notices';
    const heading = document.createElement('h3');
    heading.textContent = say(lang, 'fileNotices');
    section.append(heading, findingsTable(summary.diagnostics));
    parts.push(section);
  }
  return parts;
}

function findingsTable(findings: FindingView[]): HTMLElement {
  const lang = state.lang;
  if (findings.length === 0) return muted(say(lang, 'noFindings'));
  const table = document.createElement('table');
  table.className = 'findings';
  const head = document.createElement('tr');
  for (const key of ['colLine', 'colSeverity', 'colCode', 'colFigures', 'colMessage', 'colRule'] as const) {
    const th = document.createElement('th');
    th.textContent = say(lang, key);
    head.append(th);
  }
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const finding of findings) {
    const tr = document.createElement('tr');
    tr.className = 'finding';
    tr.dataset.code = finding.code;
    tr.dataset.line = String(finding.line);
    tr.dataset.severity = finding.severity;
    const figures = finding.declared === null && finding.expected === null ? '' : `${finding.declared ?? '—'} → ${finding.expected ?? '—'}`;
    tr.append(cell(finding.line || '—', 'line num'), cell(say(lang, finding.severity), `sev-${finding.severity}`), cell(finding.code, 'mono'), cell(figures, 'mono'), cell(finding.message[lang]), ruleCell(finding));
    body.append(tr);
  }
  return table;
}

/** A finding's rule and, under it, where the rule is written. */
function ruleCell(finding: FindingView): HTMLTableCellElement {
  const td = cell(finding.rule[state.lang], 'rule');
  if (finding.source[state.lang]) {
    const source = document.createElement('div');
    source.className = 'rule-source';
    source.textContent = say(state.lang, 'source') + finding.source[state.lang];
    td.append(source);
  }
  return td;
}

// ---------------------------------------------------------------------------
// Downloads: made as Blob URLs and saved through a link, nothing leaves the machine.

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-export]'))) {
  button.addEventListener('click', () => {
    const format = button.dataset.export as ExportFormat | 'report';
    if (format === 'report') send({ kind: 'save-report' }, false);
    else send({ kind: 'export', format, forms: state.shownForms }, false);
  });
}

function download(name: string, type: string, data: string | Uint8Array | Blob): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

showStatus();
