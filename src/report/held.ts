/**
 * A report whose forms' sections are held in a <template> (`holdForms`, the
 * offline page's) differs from the page `jixiao report` writes by the two
 * tags around the sections only; the offline page's report comes without
 * them first, its template empty, and gets them once they are made. Every text of a form is escaped, so neither
 * tag can occur elsewhere in the page.
 */
export const HOLD_OPEN = '<template id="form-sections">';
export const HOLD_CLOSE = '</template>';

/** The page as `jixiao report` writes it: the held sections in place, read and shown without a script too. */
export function releaseHeldForms(html: string): string {
  const open = html.indexOf(HOLD_OPEN);
  const close = html.lastIndexOf(HOLD_CLOSE);
  if (open < 0 || close < open) return html;
  return html.slice(0, open) + html.slice(open + HOLD_OPEN.length, close) + html.slice(close + HOLD_CLOSE.length);
}

/** The empty template of a page whose sections come apart (`renderReportApart`): its script asks for them. */
export const APART = '<template id="form-sections" data-apart></template>';

/** The page of `renderReportApart` with its sections put in its template: the page `holdForms` writes. */
export function withSections(page: string, sections: string): string {
  return page.replace(APART, () => HOLD_OPEN + sections + HOLD_CLOSE);
}
