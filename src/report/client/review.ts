/**
 * The auditor's review of the report's findings: each finding marked 确认
 * (a confirmed 疑点) or 排除 with a note, kept in the browser's local storage
 * under the form's review key and the finding's key, exported and imported as
 * JSON, and listed in the 疑点清单 (a printable page, or a workbook) with one
 * row per confirmed finding and a cover sheet of totals by 主管部门.
 */
import type { ClientForm } from '../model.js';
import type { ReportStrings } from '../strings.js';
import { xlsxFile, type SheetRows } from './xlsx-lite.js';

export type Decision = 'confirmed' | 'excluded';
export interface Mark {
  decision: Decision;
  note: string;
}
/** Review key of a form → key of a finding → the auditor's mark. */
export type Marks = Record<string, Record<string, Mark>>;

const STORAGE_KEY = 'jixiao-review-v1';
const FILE_FORMAT = 'jixiao-review';

/** Local storage when the page may use it (a sandboxed frame may not): else the marks live as long as the page. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function loadMarks(): Marks {
  try {
    const text = storage()?.getItem(STORAGE_KEY);
    const value: unknown = text ? JSON.parse(text) : {};
    return isMarks(value) ? value : {};
  } catch {
    return {};
  }
}

function isMark(value: unknown): value is Mark {
  const mark = value as Mark;
  return typeof mark === 'object' && mark !== null && (mark.decision === 'confirmed' || mark.decision === 'excluded') && typeof mark.note === 'string';
}

function isMarks(value: unknown): value is Marks {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((form) => typeof form === 'object' && form !== null && Object.values(form).every(isMark));
}

/**
 * In the offline page the report runs in a sandboxed frame of an opaque
 * origin, which has no storage of its own: the page keeps the marks for it.
 * It asks for them once (`jixiao-review-load`), is answered with
 * `jixiao-review-marks`, and hands every change over (`jixiao-review-save`).
 */
const framed = (): boolean => storage() === null && window.parent !== window;

/** The forms a 疑点清单 covers (those the report's filters show) and the number of forms in the report. */
export interface Listed {
  forms: readonly ClientForm[];
  of: number;
}

/** Said on the cover when the filters leave forms out of the list. */
function filteredNote(shown: Listed, r: ReportStrings['review'], esc: (text: string) => string): string {
  return shown.forms.length < shown.of ? `<p class="filtered">${esc(r.filtered(shown.forms.length, shown.of))}</p>` : '';
}

export class Review {
  private marks: Marks = loadMarks();

  constructor(
    private readonly forms: readonly ClientForm[],
    private readonly s: ReportStrings,
    /** A form's full section, where its findings' rows are. */
    private readonly sectionOf: (id: number) => Element | null,
  ) {}

  /** Whether any finding of the form is marked. */
  marked(form: ClientForm): boolean {
    return this.marks[form.reviewKey] !== undefined;
  }

  get(form: ClientForm, key: string): Mark | null {
    return this.marks[form.reviewKey]?.[key] ?? null;
  }

  /** Sets (or with a null decision clears) a finding's mark; a note alone keeps the decision. */
  set(form: ClientForm, key: string, decision: Decision | null, note?: string): void {
    const marks = (this.marks[form.reviewKey] ??= {});
    const old = marks[key];
    if (decision === null) delete marks[key];
    else marks[key] = { decision, note: note ?? old?.note ?? '' };
    if (Object.keys(marks).length === 0) delete this.marks[form.reviewKey];
    this.save();
  }

  setNote(form: ClientForm, key: string, note: string): void {
    const mark = this.marks[form.reviewKey]?.[key];
    if (mark) mark.note = note;
    else this.set(form, key, 'confirmed', note);
    this.save();
  }

  private save(): void {
    if (framed()) {
      window.parent.postMessage({ kind: 'jixiao-review-save', marks: this.marks }, '*');
      return;
    }
    try {
      storage()?.setItem(STORAGE_KEY, JSON.stringify(this.marks));
    } catch {
      // Full or forbidden storage: the marks stay for this page, and the export still holds them.
    }
  }

  /** In a frame without storage: asks the page that holds the marks for them; `changed` runs once they arrive. */
  askPage(changed: () => void): void {
    if (!framed()) return;
    window.addEventListener('message', (event) => {
      const data = event.data as { kind?: unknown; marks?: unknown } | null;
      if (event.source !== window.parent || data?.kind !== 'jixiao-review-marks' || !isMarks(data.marks)) return;
      this.marks = { ...data.marks, ...this.marks };
      changed();
    });
    window.parent.postMessage({ kind: 'jixiao-review-load' }, '*');
  }

  counts(): { confirmed: number; excluded: number } {
    let confirmed = 0;
    let excluded = 0;
    for (const form of this.forms) {
      for (const mark of Object.values(this.marks[form.reviewKey] ?? {})) {
        if (mark.decision === 'confirmed') confirmed++;
        else excluded++;
      }
    }
    return { confirmed, excluded };
  }

  exportJson(): string {
    return JSON.stringify({ format: FILE_FORMAT, version: 1, marks: this.marks }, null, 2) + '\n';
  }

  /** Merges the marks of an exported file; the number of marks read, or null when the text is not such a file. */
  importJson(text: string): number | null {
    let value: { format?: unknown; marks?: unknown };
    try {
      value = JSON.parse(text) as typeof value;
    } catch {
      return null;
    }
    if (value?.format !== FILE_FORMAT || !isMarks(value.marks)) return null;
    let count = 0;
    for (const [formKey, marks] of Object.entries(value.marks)) {
      this.marks[formKey] = { ...this.marks[formKey], ...marks };
      count += Object.keys(marks).length;
    }
    this.save();
    return count;
  }

  /** The confirmed findings of the forms listed as the 疑点清单 lists them, in the forms' order and each form's finding order. */
  confirmedRows(listed: readonly ClientForm[]): string[][] {
    const rows: string[][] = [];
    for (const form of listed) {
      if (!this.marks[form.reviewKey]) continue;
      const section = this.sectionOf(form.id);
      if (!section) continue;
      for (const row of Array.from(section.querySelectorAll<HTMLElement>('tr.finding'))) {
        const key = row.dataset.key ?? '';
        const mark = this.get(form, key);
        if (mark?.decision !== 'confirmed') continue;
        rows.push([
          String(rows.length + 1),
          form.file ?? '',
          this.s.review.formRef(form.id + 1, form.startLine),
          form.department ?? '',
          form.name ?? '',
          row.dataset.line && row.dataset.line !== '0' ? row.dataset.line : '',
          row.dataset.declared ?? '',
          row.dataset.expected ?? '',
          row.querySelector('.code')?.textContent ?? '',
          row.querySelector('.rule-statement')?.textContent ?? '',
          (row.querySelector('.rule-source')?.textContent ?? '').replace(this.s.sourceLabel, ''),
          row.querySelector('.msg .primary')?.textContent ?? '',
          mark.note,
        ]);
      }
    }
    return rows;
  }

  /** Confirmed findings by 主管部门, in the order departments first appear. */
  coverRows(rows: readonly string[][]): string[][] {
    const byDepartment = new Map<string, number>();
    for (const row of rows) byDepartment.set(row[3] || this.s.noDepartment, (byDepartment.get(row[3] || this.s.noDepartment) ?? 0) + 1);
    return [...[...byDepartment].map(([department, count]) => [department, String(count)]), [this.s.review.total, String(rows.length)]];
  }

  /** The 疑点清单 as a printable page, of the forms the report's filters show (`shown.forms`, of `shown.of` in all). */
  listHtml(title: string, shown: Listed): string {
    const r = this.s.review;
    const rows = this.confirmedRows(shown.forms);
    const esc = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const table = (head: readonly string[], body: readonly string[][]) =>
      `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body.map((row) => `<tr>${row.map((cell) => `<td>${esc(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    const signatures = [r.auditor, r.reviewer, r.date].map((label) => `<p class="sign">${esc(label)}<span></span></p>`).join('');
    return `<!DOCTYPE html><html lang="${this.s.htmlLang}"><head><meta charset="utf-8"><title>${esc(r.listTitle)} · ${esc(title)}</title><style>
body{font-family:sans-serif;font-size:12px;margin:24px}h1{font-size:18px}h2{font-size:15px;margin-top:0}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eee}.cover{page-break-after:always}.sign{margin:18px 0;font-size:14px}.sign span{display:inline-block;width:220px;border-bottom:1px solid #000}
@page{size:A4 landscape;margin:12mm}</style></head><body>
<section class="cover"><h1>${esc(r.listTitle)}</h1><p>${esc(title)}</p>${filteredNote(shown, r, esc)}${table(r.coverColumns, this.coverRows(rows))}${signatures}</section>
<section><h2>${esc(r.listTitle)}</h2>${rows.length ? table(r.listColumns, rows) : `<p>${esc(r.none)}</p>`}</section>
</body></html>\n`;
  }

  listXlsx(shown: Listed): Uint8Array {
    const r = this.s.review;
    const rows = this.confirmedRows(shown.forms);
    const note = shown.forms.length < shown.of ? [[r.filtered(shown.forms.length, shown.of)]] : [];
    const cover: SheetRows = [[r.listTitle], ...note, [], [...r.coverColumns], ...this.coverRows(rows), [], [r.auditor], [r.reviewer], [r.date]];
    return xlsxFile([
      { name: r.cover, rows: cover },
      { name: r.listTitle, rows: [[...r.listColumns], ...rows] },
    ]);
  }
}
