/**
 * The report page's desk, started by ./main.ts once the page is read. The
 * page already holds every table; this script only
 * sorts, filters and pages the overview, opens a form's tables under its row
 * (a copy of the form's section written by the server), and draws each form's
 * charts when the form is shown or printed. Figures are parsed here only to
 * order rows: every figure shown is the server's text.
 */
import { partsChart, rateChart } from '../charts.js';
import { frameCells, type FrameForm, type SectionPart } from '../frame-row.js';
import type { ClientData, ClientForm } from '../model.js';
import { reportStrings } from '../strings.js';
import { Review, type Decision } from './review.js';

type SortKey = 'worst' | 'id' | 'file' | 'name' | 'department' | 'declaredTotal' | 'recomputedTotal' | 'difference' | 'grade' | 'errors' | 'parseErrors' | 'warnings' | 'infos';

const PAGE_SIZE = 50;
const GRADE_RANK: Record<string, number> = { 优: 4, 良: 3, 中: 2, 差: 1 };

const root = document.documentElement;
const dataNode = document.getElementById('report-data');
const data = JSON.parse((dataNode && dataNode.textContent) || '{"lang":"zh","forms":[]}') as ClientData;
const s = reportStrings(data.lang);
const forms = data.forms;
const byId = new Map<number, ClientForm>(forms.map((form) => [form.id, form]));
const collator = typeof Intl !== 'undefined' ? new Intl.Collator(data.lang === 'en' ? 'en' : 'zh-Hans-CN') : null;

const body = document.querySelector('#overview tbody') as HTMLTableSectionElement;
const rows = new Map<number, HTMLTableRowElement>();
for (const row of Array.from(body.querySelectorAll<HTMLTableRowElement>('tr.form-row'))) rows.set(Number(row.dataset.form), row);
/** A form's overview row: the page's, or, for a report handed its forms as data (the offline page's), made from them when first shown. */
function rowOf(form: ClientForm): HTMLTableRowElement | null {
  let row = rows.get(form.id);
  if (!row && apart) {
    // As the server writes it (html.ts, overviewRow).
    row = document.createElement('tr');
    row.className = 'form-row';
    row.dataset.form = String(form.id);
    const data = form as unknown as FrameForm;
    if (data.clean) row.dataset.clean = 'true';
    row.innerHTML = frameCells(data, s);
    rows.set(form.id, row);
  }
  return row ?? null;
}
const columnCount = (document.querySelectorAll('#overview thead th').length || 1).toString();
const detailRows = new Map<number, HTMLTableRowElement>();
const expanded = new Set<number>();
const state = { sort: 'worst' as SortKey, dir: 1, severity: 'all', text: '', page: 0, printing: false };
let visible: ClientForm[] = [];

function toNumber(value: string | null): number | null {
  if (value == null || value === '') return null;
  const parsed = parseFloat(value.replace(/[,%％]/g, ''));
  return isFinite(parsed) ? parsed : null;
}

function compareText(a: string | null, b: string | null): number {
  const x = a || '';
  const y = b || '';
  return collator ? collator.compare(x, y) : x < y ? -1 : x > y ? 1 : 0;
}

/** A number to sort by (null sorts last either way), or a text order. */
const SORT_VALUES: Partial<Record<SortKey, (form: ClientForm) => number | null>> = {
  worst: (f) => f.rank,
  id: (f) => f.id,
  declaredTotal: (f) => toNumber(f.declaredTotal),
  recomputedTotal: (f) => toNumber(f.recomputedTotal),
  // By size: a difference of −10.00 is as large as one of 10.00.
  difference: (f) => { const value = toNumber(f.difference); return value === null ? null : Math.abs(value); },
  grade: (f) => (f.declaredGrade ? GRADE_RANK[f.declaredGrade] * 10 + (f.recomputedGrade ? GRADE_RANK[f.recomputedGrade] : 0) : null),
  errors: (f) => f.errors,
  parseErrors: (f) => f.parseErrors,
  warnings: (f) => f.warnings,
  infos: (f) => f.infos,
};
const SORT_TEXTS: Partial<Record<SortKey, (a: ClientForm, b: ClientForm) => number>> = {
  file: (a, b) => compareText(a.file, b.file) || a.startLine - b.startLine,
  name: (a, b) => compareText(a.name, b.name),
  department: (a, b) => compareText(a.department, b.department) || compareText(a.name, b.name),
};

function sorted(list: ClientForm[]): ClientForm[] {
  const value = SORT_VALUES[state.sort];
  const text = SORT_TEXTS[state.sort];
  return list.slice().sort((a, b) => {
    if (value) {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
      return (x - y) * state.dir || a.id - b.id;
    }
    return (text ? text(a, b) : 0) * state.dir || a.id - b.id;
  });
}

function matchesSeverity(form: ClientForm): boolean {
  const errors = form.errors + form.parseErrors;
  switch (state.severity) {
    case 'error':
      return errors > 0;
    case 'warning':
      return errors + form.warnings > 0;
    case 'any':
      return errors + form.warnings + form.infos > 0;
    case 'clean':
      return errors + form.warnings + form.infos === 0;
    case 'gradeChanged':
      return form.gradeChanged;
    case 'totalDiffers':
      return form.difference !== null && (toNumber(form.difference) ?? 0) !== 0;
    case 'duplicate':
      return form.duplicate;
    default:
      return true;
  }
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((word) => word !== '');
}

/**
 * A report handed its forms as data holds no search text: the page's worker
 * finds the forms whose text holds every word, and until it answers the
 * forms found for the text before are shown (`textMatches`; null: no text).
 */
let textMatches: Set<number> | null = null;
let matchesSeen = 0;
function setFilterText(text: string): void {
  state.text = text;
  if (!apart) return;
  const words = wordsOf(text);
  if (words.length === 0) textMatches = null;
  else window.parent.postMessage({ kind: 'jixiao-report-search', words }, '*');
}
function matchesCame(words: unknown, ids: unknown): void {
  if (!Array.isArray(words) || !Array.isArray(ids) || words.join(' ') !== wordsOf(state.text).join(' ')) return;
  textMatches = new Set(ids as number[]);
  matchesSeen++;
  renderTable();
}

function filtered(): ClientForm[] {
  const words = wordsOf(state.text);
  const matchesText = apart
    ? (form: ClientForm) => words.length === 0 || (textMatches?.has(form.id) ?? false)
    : (form: ClientForm) => words.every((word) => form.search.indexOf(word) >= 0);
  return forms.filter((form) => matchesSeverity(form) && matchesText(form));
}

function drawCharts(section: Element, form: ClientForm): void {
  for (const slot of Array.from(section.querySelectorAll<HTMLElement>('.chart-slot'))) {
    if (slot.childElementCount) continue;
    slot.innerHTML = slot.dataset.chart === 'rate' ? rateChart(form.rate, s) : partsChart(form.chart, s);
  }
}

/** The row under a form's overview row holding a copy of its section (the original stays in #forms, for printing). */
function detailRow(form: ClientForm): HTMLTableRowElement {
  let row = detailRows.get(form.id);
  if (!row) {
    row = document.createElement('tr');
    row.className = 'detail-row';
    row.dataset.detail = String(form.id);
    const cell = document.createElement('td');
    cell.colSpan = Number(columnCount);
    const original = sectionOf(form.id);
    if (!original && apart) {
      row.dataset.loading = 'true';
      cell.className = 'empty';
      cell.textContent = s.sectionLoading;
    } else if (original) {
      const copy = original.cloneNode(true) as HTMLElement;
      copy.removeAttribute('id');
      drawCharts(copy, form);
      cell.appendChild(copy);
      paintReview(copy);
    }
    row.appendChild(cell);
    detailRows.set(form.id, row);
  }
  return row;
}

function setDisabled(id: string, disabled: boolean): void {
  const button = document.getElementById(id) as HTMLButtonElement | null;
  if (button) button.disabled = disabled;
}

function setText(id: string, text: string): void {
  const node = document.getElementById(id);
  if (node) node.textContent = text;
}

function renderHead(): void {
  for (const th of Array.from(document.querySelectorAll<HTMLElement>('#overview thead th[data-key]'))) {
    const active = state.sort === th.dataset.key;
    th.setAttribute('aria-sort', active ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    th.title = s.sortHint;
    const arrow = th.querySelector('.arrow');
    if (arrow) arrow.textContent = active ? (state.dir > 0 ? '▲' : '▼') : '';
  }
  setText('sort-note', state.sort === 'worst' ? s.worstFirstNote : '');
}

/**
 * In the offline page's frame, the page is told which forms the filters show
 * (null: every form), so that its table downloads follow them.
 */
let toldFilter = 'all||0';
function tellFilter(): void {
  const now = state.severity + '|' + state.text + '|' + matchesSeen;
  if (window.parent === window || now === toldFilter) return;
  toldFilter = now;
  const all = state.severity === 'all' && state.text.trim() === '';
  window.parent.postMessage({ kind: 'jixiao-report-filter', forms: all ? null : filtered().map((form) => form.id) }, '*');
}

function renderTable(): void {
  tellFilter();
  visible = sorted(filtered());
  const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
  state.page = Math.min(Math.max(state.page, 0), pages - 1);
  const start = state.printing ? 0 : state.page * PAGE_SIZE;
  const shownForms = state.printing ? visible : visible.slice(start, start + PAGE_SIZE);
  const nodes: HTMLTableRowElement[] = [];
  for (const form of shownForms) {
    const row = rowOf(form);
    if (!row) continue;
    const open = expanded.has(form.id) && !state.printing;
    row.classList.toggle('open', open);
    row.setAttribute('aria-expanded', String(open));
    row.tabIndex = 0;
    const toggle = row.querySelector('.toggle');
    if (toggle) toggle.textContent = open ? '▾' : '▸';
    nodes.push(row);
    if (open) nodes.push(detailRow(form));
  }
  if (!nodes.length) {
    const empty = document.createElement('tr');
    empty.innerHTML = `<td class="empty" colspan="${columnCount}"></td>`;
    (empty.firstChild as HTMLElement).textContent = s.noMatch;
    nodes.push(empty);
  }
  body.replaceChildren(...nodes);
  renderHead();
  setText('pager-status', visible.length ? s.pagerRows(start + 1, start + shownForms.length, visible.length, forms.length) : s.pagerNone(forms.length));
  setText('pager-page', s.pagerPage(state.page + 1, pages));
  setDisabled('pager-first', state.page === 0);
  setDisabled('pager-prev', state.page === 0);
  setDisabled('pager-next', state.page >= pages - 1);
  setDisabled('pager-last', state.page >= pages - 1);
}

/** Shows a form's tables under its overview row, clearing the filters and turning the page if needed. */
function reveal(id: number): void {
  if (!byId.has(id)) return;
  if (!sorted(filtered()).some((form) => form.id === id)) {
    state.severity = 'all';
    setFilterText('');
    const select = document.getElementById('severity-filter') as HTMLSelectElement | null;
    const input = document.getElementById('text-filter') as HTMLInputElement | null;
    if (select) select.value = 'all';
    if (input) input.value = '';
  }
  const index = sorted(filtered()).findIndex((form) => form.id === id);
  state.page = Math.floor(index / PAGE_SIZE);
  expanded.add(id);
  renderTable();
  const row = rowOf(byId.get(id)!);
  if (row) row.scrollIntoView({ block: 'start' });
}

function flashCell(findingRow: HTMLElement): void {
  const section = findingRow.closest('.form-detail');
  const line = findingRow.getAttribute('data-line');
  const field = findingRow.getAttribute('data-field');
  if (!section || !line || !field) return;
  const target = section.querySelector(`tr[data-line="${line}"] td[data-field="${field}"]`) as HTMLElement | null;
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  target.classList.remove('flash');
  void target.offsetWidth;
  target.classList.add('flash');
}

/**
 * A form's full section. The offline page holds the sections it was handed
 * in a <template> (read, never laid out): a section is taken from there when
 * first asked for. Its report comes without its forms (its template empty,
 * `data-apart`): it asks the page for their overview data once read, and for
 * a form's section when the form is opened, printed or listed; an opened
 * form says it is loading until its section comes, and printing and the
 * 疑点清单 wait for theirs.
 */
const heldSections = document.getElementById('form-sections') as HTMLTemplateElement | null;
const apart = heldSections?.hasAttribute('data-apart') ?? false;
/** Sections handed over as text, each read into the template when first asked for. */
const unread = new Map<number, string>();
/** Sections asked for and not come yet, and those to ask for at the end of this task. */
const asked = new Set<number>();
let toAsk: number[] = [];
function heldSection(id: number): HTMLElement | null {
  const found = document.getElementById('form-' + id) ?? (heldSections?.content.getElementById('form-' + id) as HTMLElement | null);
  if (found || !heldSections || !unread.has(id)) return found ?? null;
  const reader = document.createElement('template');
  reader.innerHTML = unread.get(id)!;
  unread.delete(id);
  const section = reader.content.querySelector('section');
  if (section) heldSections.content.appendChild(section);
  return section;
}
/** A form's section, or null, asked for then, when it is still to come. */
function sectionOf(id: number): HTMLElement | null {
  const section = heldSection(id);
  if (!section && apart && byId.has(id)) ask([id]);
  return section;
}
function ask(ids: readonly number[]): void {
  for (const id of ids) {
    if (asked.has(id)) continue;
    asked.add(id);
    if (toAsk.push(id) === 1) {
      queueMicrotask(() => {
        window.parent.postMessage({ kind: 'jixiao-report-sections-wanted', ids: toAsk }, '*');
        toAsk = [];
      });
    }
  }
}
/**
 * Every held section of the given forms into the page (for printing), in the
 * page's order (worst first); those still to come are asked for (the
 * browser's own print command does not wait: they are there for the next).
 */
function unpackSections(ids: readonly number[]): void {
  if (!heldSections) return;
  for (const id of ids) sectionOf(id);
  const rank = (section: Element) => byId.get(Number(section.getAttribute('data-form')))?.rank ?? 0;
  const held = Array.from(heldSections.content.children).sort((a, b) => rank(a) - rank(b));
  for (const section of held) heldSections.parentElement?.insertBefore(section, heldSections);
}

/** Runs `action` once the sections of these forms are there (at once in a page that holds them all). */
const waiting: Array<{ missing: Set<number>; action: () => void }> = [];
function withSections(ids: readonly number[], action: () => void): void {
  const missing = new Set(apart ? ids.filter((id) => byId.has(id) && !heldSection(id)) : []);
  if (missing.size === 0) return action();
  waiting.push({ missing, action });
  ask([...missing]);
}
function sectionsCame(parts: readonly SectionPart[]): void {
  for (const part of parts) {
    const form = byId.get(part.id);
    if (!form) continue;
    unread.set(part.id, part.html);
    asked.delete(part.id);
    form.chart = part.chart;
    form.rate = part.rate;
    const row = detailRows.get(part.id);
    if (row?.dataset.loading) detailRows.delete(part.id);
  }
  renderTable();
  paintReview(body);
  for (const wait of waiting.slice()) {
    for (const part of parts) wait.missing.delete(part.id);
    if (wait.missing.size === 0) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.action();
    }
  }
}

/** A report handed its forms as data: the page is asked for them, and they come in parts, in form order. */
function askForForms(): void {
  if (!apart) return;
  const decoder = new TextDecoder();
  window.addEventListener('message', (event) => {
    const data = event.data as { kind?: unknown; forms?: unknown; last?: unknown; sections?: unknown } | null;
    if (event.source !== window.parent) return;
    if (data?.kind === 'jixiao-report-search-result') {
      const result = data as { words?: unknown; ids?: unknown };
      matchesCame(result.words, result.ids);
      return;
    }
    if (data?.kind === 'jixiao-report-sections' && Array.isArray(data.sections)) {
      sectionsCame((data.sections as SectionPart[]).filter((part) => typeof part?.id === 'number' && typeof part.html === 'string'));
      return;
    }
    if (data?.kind !== 'jixiao-report-forms' || !(data.forms instanceof Uint8Array) || root.dataset.sections === 'ready') return;
    const part = JSON.parse(decoder.decode(data.forms)) as { fields: string[]; rows: unknown[][] };
    for (const values of part.rows) {
      const form = {} as Record<string, unknown>;
      part.fields.forEach((field, i) => (form[field] = values[i]));
      forms.push(form as unknown as ClientForm);
      byId.set(form.id as number, form as unknown as ClientForm);
    }
    if (data.last !== true) return;
    root.dataset.sections = 'ready';
    renderTable();
    paintReview(body);
  });
  window.parent.postMessage({ kind: 'jixiao-report-forms-wanted' }, '*');
}

/** Printing shows the forms the filters show, in the order of the overview, each in full. */
function preparePrint(): void {
  if (state.printing) return;
  state.printing = true;
  const shown = new Set(sorted(filtered()).map((form) => form.id));
  unpackSections([...shown]);
  for (const section of Array.from(document.querySelectorAll<HTMLElement>('#forms .form-detail'))) {
    const form = byId.get(Number(section.getAttribute('data-form')));
    section.toggleAttribute('data-filtered-out', !form || !shown.has(form.id));
    if (form && shown.has(form.id)) {
      drawCharts(section, form);
      paintReview(section);
    }
  }
  renderTable();
}

function endPrint(): void {
  if (!state.printing) return;
  state.printing = false;
  for (const section of Array.from(document.querySelectorAll('#forms .form-detail'))) section.removeAttribute('data-filtered-out');
  renderTable();
}

const review = new Review(forms, s, sectionOf);

/** Each finding row's 确认 / 排除 buttons and note, as the review holds them. */
function paintReview(scope: ParentNode): void {
  for (const row of Array.from(scope.querySelectorAll<HTMLElement>('tr.finding'))) {
    const form = byId.get(Number(row.closest('[data-form]')?.getAttribute('data-form')));
    const cell = row.querySelector('td.review');
    if (!form || !cell) continue;
    if (!cell.childElementCount) {
      cell.innerHTML =
        `<button type="button" data-review="confirmed"></button><button type="button" data-review="excluded"></button>` +
        `<input type="text" class="review-note">`;
      const [confirm, exclude] = Array.from(cell.querySelectorAll('button'));
      confirm.textContent = s.review.confirm;
      exclude.textContent = s.review.exclude;
      (cell.querySelector('input') as HTMLInputElement).placeholder = s.review.note;
    }
    const mark = review.get(form, row.dataset.key ?? '');
    row.classList.toggle('review-confirmed', mark?.decision === 'confirmed');
    row.classList.toggle('review-excluded', mark?.decision === 'excluded');
    if (mark) cell.setAttribute('data-decision', mark.decision === 'confirmed' ? s.review.confirmed : s.review.excluded);
    else cell.removeAttribute('data-decision');
    for (const button of Array.from(cell.querySelectorAll<HTMLButtonElement>('button[data-review]'))) button.setAttribute('aria-pressed', String(mark?.decision === button.dataset.review));
    const note = cell.querySelector('input') as HTMLInputElement;
    if (document.activeElement !== note) note.value = mark?.note ?? '';
  }
  const counts = review.counts();
  setText('review-counts', s.review.counts(counts.confirmed, counts.excluded));
}

function reviewClick(button: HTMLElement): void {
  const row = button.closest('tr.finding') as HTMLElement | null;
  const form = byId.get(Number(row?.closest('[data-form]')?.getAttribute('data-form')));
  if (!row || !form) return;
  const key = row.dataset.key ?? '';
  const decision = button.dataset.review as Decision;
  review.set(form, key, review.get(form, key)?.decision === decision ? null : decision);
  paintReview(body);
}

function download(name: string, type: string, data: string | Uint8Array): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * In a frame (the offline page) the report is shown at its full height, the
 * page scrolling it as one document: the frame is told the height whenever it
 * changes.
 */
function tellFrameHeight(): void {
  if (window.parent === window || typeof ResizeObserver === 'undefined') return;
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ kind: 'jixiao-report-height', height }, '*');
  }).observe(document.body);
}

const REVIEW_ACTIONS: Record<string, () => void> = {
  'review-save': () => download('jixiao-review.json', 'application/json', review.exportJson()),
  // The 疑点清单 follows the filters: the confirmed findings of the forms the overview shows, in its order.
  'review-list-html': () => download(`${s.review.listTitle}.html`, 'text/html', review.listHtml(document.title, listed())),
  'review-list-xlsx': () => download(`${s.review.listTitle}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', review.listXlsx(listed())),
};

/** The forms the filters show (in the report's order), and how many forms there are. */
function listed(): { forms: ClientForm[]; of: number } {
  return { forms: filtered(), of: forms.length };
}

function runAction(action: string | null): void {
  const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
  if (action === 'first') state.page = 0;
  else if (action === 'prev') state.page -= 1;
  else if (action === 'next') state.page += 1;
  else if (action === 'last') state.page = pages - 1;
  else if (action === 'reset-sort') {
    state.sort = 'worst';
    state.dir = 1;
    state.page = 0;
  } else if (action === 'expand-page') {
    for (const form of visible.slice(state.page * PAGE_SIZE, state.page * PAGE_SIZE + PAGE_SIZE)) expanded.add(form.id);
  } else if (action === 'collapse-all') expanded.clear();
  else if (action === 'print') {
    withSections(sorted(filtered()).map((form) => form.id), () => {
      preparePrint();
      window.print();
    });
    return;
  }
  renderTable();
}

document.addEventListener('click', (event) => {
  const origin = event.target as Element | null;
  if (!origin || !origin.closest) return;
  const header = origin.closest('#overview th[data-key]') as HTMLElement | null;
  if (header) {
    const key = header.dataset.key as SortKey;
    if (state.sort === key) state.dir = -state.dir;
    else {
      state.sort = key;
      state.dir = header.classList.contains('num') && key !== 'id' ? -1 : 1;
    }
    state.page = 0;
    renderTable();
    return;
  }
  const link = origin.closest('a[href^="#form-"]');
  const formRow = origin.closest('#overview tr.form-row') as HTMLElement | null;
  if (link && !formRow) {
    event.preventDefault();
    reveal(Number(link.getAttribute('href')!.slice('#form-'.length)));
    return;
  }
  const codeBar = origin.closest('#codes-panel g.bar[data-code]');
  if (codeBar) {
    const input = document.getElementById('text-filter') as HTMLInputElement | null;
    setFilterText(codeBar.getAttribute('data-code') || '');
    if (input) input.value = state.text;
    state.page = 0;
    renderTable();
    document.getElementById('overview-panel')?.scrollIntoView({ block: 'start' });
    return;
  }
  const reviewButton = origin.closest('button[data-review]') as HTMLElement | null;
  if (reviewButton) {
    reviewClick(reviewButton);
    return;
  }
  if (origin.closest('td.review')) return;
  const action = origin.closest('button[data-action]')?.getAttribute('data-action') ?? '';
  if (REVIEW_ACTIONS[action]) {
    // The 疑点清单 reads the confirmed findings' rows in the sections of the forms with marks.
    withSections(action === 'review-save' ? [] : listed().forms.filter((form) => review.marked(form)).map((form) => form.id), REVIEW_ACTIONS[action]);
    return;
  }
  const findingRow = origin.closest('tr.finding') as HTMLElement | null;
  if (findingRow) {
    flashCell(findingRow);
    return;
  }
  if (formRow) {
    event.preventDefault();
    const id = Number(formRow.dataset.form);
    if (expanded.has(id)) expanded.delete(id);
    else expanded.add(id);
    renderTable();
    return;
  }
  const button = origin.closest('button[data-action]');
  if (button) runAction(button.getAttribute('data-action'));
});

document.addEventListener('keydown', (event) => {
  const origin = event.target as HTMLElement | null;
  if ((event.key === 'Enter' || event.key === ' ') && origin && origin.matches && origin.matches('#overview tr.form-row')) {
    event.preventDefault();
    origin.click();
  }
});

const severitySelect = document.getElementById('severity-filter') as HTMLSelectElement | null;
severitySelect?.addEventListener('change', () => {
  state.severity = severitySelect.value;
  state.page = 0;
  renderTable();
});
const textInput = document.getElementById('text-filter') as HTMLInputElement | null;
textInput?.addEventListener('input', () => {
  setFilterText(textInput.value);
  state.page = 0;
  renderTable();
});

document.addEventListener('change', (event) => {
  const note = event.target as HTMLInputElement | null;
  if (!note?.classList?.contains('review-note')) return;
  const row = note.closest('tr.finding') as HTMLElement | null;
  const form = byId.get(Number(row?.closest('[data-form]')?.getAttribute('data-form')));
  if (!row || !form) return;
  review.setNote(form, row.dataset.key ?? '', note.value);
  paintReview(body);
});
const importInput = document.getElementById('review-load') as HTMLInputElement | null;
importInput?.addEventListener('change', () => {
  const file = importInput.files?.[0];
  if (!file) return;
  void file.text().then((text) => {
    const count = review.importJson(text);
    setText('review-status', count === null ? s.review.importFailed : s.review.imported(count));
    importInput.value = '';
    paintReview(body);
  });
});

window.addEventListener('beforeprint', preparePrint);
window.addEventListener('afterprint', endPrint);

askForForms();
renderTable();
// Review controls are drawn in the forms opened under the overview (and in print), never in the thousands of hidden sections.
paintReview(body);
review.askPage(() => paintReview(body));
tellFrameHeight();
// A link to one form (`report.html#form-3`) opens it, since the forms' own sections are hidden while the script runs.
const linked = /^#form-(\d+)$/.exec(location.hash);
if (linked) reveal(Number(linked[1]));
root.dataset.ready = 'true';
