/**
 * The one-page report of a batch of any size. Forms are taken as they come
 * and handed to a store (in the command line, a temporary file); what stays
 * in memory of each is what the page's head, overview and order need (its
 * figures, counts, grades, the codes and severities of its findings). At the
 * end each form is read back from the store, one at a time, for its section
 * and its data. The page is the one `renderReport` makes of the same forms.
 */
import type { Diagnostic, Form } from '../contract/schema.js';
import { diagnosticView, formView, markDuplicates, modelOf, submissionKey, type DiagnosticView, type FindingView, type FormView, type ReportModel, type ReportOptions } from './model.js';
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
    this.views.push(slim(formView(form, id, this.strings)));
    this.keys.push(submissionKey(form));
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

/** A view with what the overview, the order, the cards and the counts by code read: its sections and marks are left out. */
function slim(view: FormView): FormView {
  return {
    ...view,
    funds: null,
    tree: [],
    total: null,
    findings: view.findings.map((f) => ({ code: f.code, severity: f.severity }) as FindingView),
    diagnostics: view.diagnostics.map((d) => ({ code: d.code, severity: d.severity }) as DiagnosticView),
    marks: {},
    unplaced: [],
    diagnosticMarks: {},
    chart: [],
  };
}
