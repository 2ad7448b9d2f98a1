/**
 * What the page's worker needs from the library, importable in a browser (no
 * `node:` module): the pipeline (checking each form as it is read) and the CSV tables. Kept to
 * re-exports so that it can give way to the library's own browser entry.
 * Files are read as streams (`parseStream`, as the command line reads them),
 * a form at a time.
 */
export { parseStream } from '../api/stream.js';
export { csvHeader, csvRows, type CsvTable } from '../output/csv.js';
export { BUILTIN_PROFILE_NAMES, type BuiltinProfileName as ProfileName } from '../check/profiles.js';
export type { Diagnostic, Document, Finding, Form, Severity } from '../contract/schema.js';
