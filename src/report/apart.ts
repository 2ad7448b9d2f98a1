/**
 * The report in parts, for a page that holds only what its overview needs
 * (the offline page's): its page without the overview's rows and the forms'
 * data (`shellPage`), each form's overview data (`frameForm`, from a view
 * that need hold only what the overview shows, src/report/spooled.ts), from
 * which the page's script makes the rows it shows (src/report/frame-row.ts),
 * and each form's section with its charts' figures (`sectionPart`), made when
 * the form is opened or printed.
 */
import { formSection } from './html.js';
import { clientForm, type FormView, type ReportModel } from './model.js';
import { modelPieces } from './render.js';
import type { ReportStrings } from './strings.js';
import type { FrameForm, SectionPart } from './frame-row.js';

export type { FrameForm, SectionPart };

/** The report's page without the overview's rows, the forms' data and their sections: a page of the same size for any batch. */
export function shellPage(model: ReportModel): string {
  let page = '';
  for (const piece of modelPieces(model, undefined, 'shell')) page += piece;
  return page;
}

/** A form's overview data from its view (its findings' codes and severities are enough). */
export function frameForm(view: FormView): FrameForm {
  const { chart: _chart, rate: _rate, search: _search, ...form } = clientForm(view, '');
  return { ...form, duplicates: view.duplicates, ungradableReason: view.ungradableReason, clean: view.findings.length === 0 && view.diagnostics.length === 0 };
}

/** A form's section from its whole view. */
export function sectionPart(view: FormView, s: ReportStrings): SectionPart {
  return { id: view.id, html: formSection(view, s), chart: view.chart, rate: view.rate };
}
