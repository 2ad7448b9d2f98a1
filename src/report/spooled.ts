/**
 * The one-page report of a batch of any size. Forms are taken as they come
 * and handed to a store (in the command line, a temporary file); what stays
 * in memory of each is what the page's head, overview and order need (its
 * figures, counts, grades, the codes and severities of its findings). At the
 * end each form is read back from the store, one at a time, for its section
 * and its data. The page is the one `renderReport` makes of the same forms.
 */
import type { Diagnostic, Form } from '../contract/schema.js';
import { diagnosticView, formView, markDuplicates, modelOf, submissionKey, type FormView, type ReportModel, type ReportOptions } from './model.js';
import { modelPieces } from './render.js';
import { reportStrings, type ReportStrings } from './strings.js';

/** Where the forms are kept until the page is written: `get(id)` gives back the `id`-th form put (0-based). */
export interface FormStore {
  put(form: Form): void | Promise<void>;
  get(id: number): Form;
}

export class SpooledReport {
  private readonly views: FormView[] = [];
  private readonly keys: Array<string | null> = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly strings: ReportStrings;
  /** Texts and codes many forms repeat (a file's name, a department, a finding's code), held once. */
  private readonly shared = new Map<string, unknown>();
  private firstFile: string | null | undefined;

  constructor(
    private readonly store: FormStore,
    private readonly options: ReportOptions = {},
  ) {
    this.strings = reportStrings(options.lang === 'en' ? 'en' : 'zh');
  }

  /** One more form, in input order. */
  async addForm(form: Form): Promise<void> {
    const id = this.views.length;
    this.firstFile ??= form.source?.file ?? null;
    this.views.push(slim(formView(form, id, this.strings), this.shared));
    this.keys.push(digest(submissionKey(form)));
    await this.store.put(form);
  }

  /** A document's own diagnostics. */
  addDiagnostics(diagnostics: readonly Diagnostic[]): void {
    this.diagnostics.push(...diagnostics);
  }

  /** The page in pieces, in order; each form is read from the store when its section and its data are written. */
  *pieces(): Generator<string> {
    markDuplicates(this.keys, this.views);
    // As for one document of every form: a diagnostic without a file is placed in the first form's file.
    const diagnostics = this.diagnostics.map((d) => ({ ...diagnosticView(d), file: d.file ?? this.firstFile ?? null }));
    const model: ReportModel = modelOf(this.views, diagnostics, this.options);
    yield* modelPieces(model, (view) => ({ ...formView(this.store.get(view.id), view.id, this.strings), rank: view.rank, duplicates: view.duplicates }));
  }
}

/**
 * A submission's key as a short digest (two 32-bit hashes of it and its
 * length), held in place of its text: forms that are one submission share
 * it; two that are not would need their hashes and lengths to collide.
 */
export function digest(key: string | null): string | null {
  if (key === null) return null;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b ^ (b >>> 15)) >>> 0;
  }
  return `${a.toString(36)}.${b.toString(36)}.${key.length.toString(36)}`;
}

/**
 * A view without what only its section and its data read (funds, tree,
 * findings' texts, marks, charts, and the texts the overview does not show),
 * its repeated texts and its findings' codes shared between forms (and its
 * review key only when asked, `withReviewKey`): what the overview, the
 * report's head and its order read.
 */
export function slim(view: FormView, shared: Map<string, unknown>, withReviewKey = false): FormView {
  const one = <T>(key: string, make: () => T): T => {
    let value = shared.get(key) as T | undefined;
    if (value === undefined) shared.set(key, (value = make()));
    return value;
  };
  const text = (value: string | null): string | null => (value === null ? null : one(`t|${value}`, () => value));
  const none = one('[]', () => Object.freeze([]) as unknown as never[]);
  const codes = <T extends { code: string; severity: string }>(list: readonly T[]): T[] =>
    list.length === 0 ? none : list.map((item) => one(`c|${item.code}|${item.severity}`, () => Object.freeze({ code: item.code, severity: item.severity }) as T));
  // Written out field by field (not spread from the view), so that the engine gives each view a compact fixed shape: some 450 bytes.
  return {
    id: view.id,
    file: text(view.file),
    startLine: view.startLine,
    place: text(view.place) ?? '',
    name: view.name,
    department: text(view.department),
    declaredTotal: view.declaredTotal,
    recomputedTotal: view.recomputedTotal,
    difference: view.difference,
    declaredGrade: text(view.declaredGrade),
    recomputedGrade: text(view.recomputedGrade),
    gradable: one(`g|${view.gradable.declared}|${view.gradable.recomputed}`, () => Object.freeze({ ...view.gradable })),
    ungradableReason: text(view.ungradableReason),
    gradeChanged: view.gradeChanged,
    duplicates: view.duplicates.length === 0 ? none : view.duplicates,
    reviewKey: withReviewKey ? view.reviewKey : undefined,
    errors: view.errors,
    warnings: view.warnings,
    infos: view.infos,
    parseErrors: view.parseErrors,
    rank: view.rank,
    findings: codes(view.findings),
    diagnostics: codes(view.diagnostics),
  } as unknown as FormView;
}
