/**
 * What the page's worker needs from the library, importable in a browser (no
 * `node:` module): the pipeline, the report and the CSV tables. Kept to
 * re-exports so that it can give way to the library's own browser entry.
 */
export { parse } from '../api/parse-document.js';
export { check } from '../check/check.js';
export { renderReportApart } from '../report/render.js';
export { csvHeader, csvRows, type CsvTable } from '../output/csv.js';
export { BUILTIN_PROFILE_NAMES, type BuiltinProfileName as ProfileName } from '../check/profiles.js';
export type { Document, Finding, Form, Severity } from '../contract/schema.js';
