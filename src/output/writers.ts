/**
 * A file's output written form by form. Each format's writer gives the text
 * that one more form adds, then the text that closes the file once its
 * document-level diagnostics are known; the pieces of a channel, concatenated,
 * are byte for byte the whole-document formatting (`JSON.stringify(document)`,
 * `csvRows(table, document)`, `formatCheckReport([document])`), so that no
 * file's output ever has to exist whole in memory.
 */
import { columnKind, CSV_TABLES, csvRows, tableColumns, tableRows, type CsvTable } from './csv.js';
import type { Lang } from '../catalogue/messages.js';
import type { Diagnostic, Document, Form, Severity } from '../contract/schema.js';
import { atOrAbove, formatCheckReport } from './text.js';
import { terminalSafe, terminalSafeLines } from './terminal-text.js';
import { formJsonParts, rememberedReferenceBytes, rememberedReferenceText } from './form-json.js';

/**
 * Output formats of a batch; `document` hands the checked document itself
 * back (a workbook is made of it), `forms` gives each form as a line of JSON
 * (`F` before it) and the document's diagnostics last (`D`), for a reader of
 * the forms as they come (the HTML report); `table-ndjson` gives the
 * tables' rows as NDJSON objects, `rows` as one JSON array of cells a line
 * (what the Parquet writer reads), one channel per table.
 */
export type Format = 'json' | 'ndjson' | 'csv' | 'rows' | 'table-ndjson' | 'text' | 'document' | 'forms';

/** Where text goes: `main` for json, ndjson and text; one channel per table for csv. */
export type Channel = 'main' | CsvTable;

/**
 * A part of a piece: text, or text already encoded as UTF-8 (a JSON rule
 * reference, written many times from one encoding).
 */
export type Part = string | Uint8Array;

/**
 * Text for some channels: one string, or parts to be written one after
 * another. Parts spare a concatenation, which an encoder would first copy
 * into a string of its own (flatten).
 */
export type Pieces = Partial<Record<Channel, string | readonly Part[]>>;

/** A piece's text as its parts, in order. */
export function partsOf(piece: string | readonly Part[]): readonly Part[] {
  return typeof piece === 'string' ? [piece] : piece;
}

/** Decodes a part already encoded (stateless without `stream`, so one serves every call). */
const partDecoder = new TextDecoder();

/** A piece's parts as one text. */
export function pieceText(piece: string | readonly Part[]): string {
  if (typeof piece === 'string') return piece;
  return piece.map((part) => (typeof part === 'string' ? part : partDecoder.decode(part))).join('');
}

export interface OutputWriter {
  /** The text one more form adds. */
  form(form: Form): Pieces;
  /** The text after the last form: the document's own diagnostics and the closing. */
  end(diagnostics: readonly Diagnostic[]): Pieces;
}

export interface WriterOptions {
  format: Format;
  pretty: boolean;
  /** Names the input in the `file` column of CSV rows. */
  label: string;
  /** Prefix of every line of pretty JSON: a document printed inside an array is indented by two spaces. */
  indent?: string;
  /** Forms already written by an earlier writer of the same file (to close a file another thread began). */
  formsBefore?: number;
  /** Text and the CSV findings table show only findings and diagnostics at or above it; null or absent: all. */
  minSeverity?: Severity | null;
  /** Language of the text output; default English. */
  lang?: Lang;
  /** Language of the words among CSV values (severity, kind, field, rule); default English. */
  tableLang?: Lang;
  /** Text output: the rule and its source under each finding. */
  explain?: boolean;
}

export function outputWriter(options: WriterOptions): OutputWriter {
  const before = options.formsBefore ?? 0;
  const lang = options.lang ?? 'en';
  switch (options.format) {
    case 'json':
      return options.pretty ? prettyJsonWriter(options.indent ?? '', before) : compactJsonWriter(before);
    case 'ndjson':
      return compactJsonWriter(before);
    case 'text':
      return textWriter(before, lang, options.minSeverity ?? null, options.explain ?? false);
    case 'csv':
      return csvWriter(options.label, before, options.minSeverity ?? null, options.tableLang ?? 'en');
    case 'rows':
      return rowsWriter(options.label, before, options.minSeverity ?? null, false);
    case 'table-ndjson':
      return rowsWriter(options.label, before, options.minSeverity ?? null, true);
    case 'document':
      return { form: () => ({}), end: () => ({}) };
    case 'forms':
      return formLinesWriter();
  }
}

/** Each form as a line of JSON after `F`, the document's diagnostics last after `D`. */
function formLinesWriter(): OutputWriter {
  const referenceText = rememberedReferenceText();
  return {
    form: (form) => ({ main: ['F', ...formJsonParts(form, referenceText), '\n'] }),
    end: (diagnostics) => ({ main: 'D' + JSON.stringify(diagnostics) + '\n' }),
  };
}

/** `JSON.stringify(document)`: `{"forms":[` form `,` form `],"diagnostics":[…]}`. */
function compactJsonWriter(formsBefore: number): OutputWriter {
  let forms = formsBefore;
  const referenceBytes = rememberedReferenceBytes();
  return {
    form(form) {
      return { main: [forms++ === 0 ? '{"forms":[' : ',', ...formJsonParts(form, referenceBytes)] };
    },
    end(diagnostics) {
      return { main: (forms === 0 ? '{"forms":[' : '') + '],"diagnostics":' + JSON.stringify(diagnostics) + '}' };
    },
  };
}

/**
 * `JSON.stringify(document, null, 2)`, every line after the first prefixed
 * with `indent` and the first too: a form is printed at two levels of
 * indentation, the diagnostics at one. Strings in JSON hold no raw line
 * break, so indenting at every `\n` is exact.
 */
function prettyJsonWriter(indent: string, formsBefore: number): OutputWriter {
  let forms = formsBefore;
  const at = (text: string, prefix: string) => text.replaceAll('\n', '\n' + prefix);
  return {
    form(form) {
      const head = forms++ === 0 ? indent + '{\n' + indent + '  "forms": [\n' + indent + '    ' : ',\n' + indent + '    ';
      return { main: head + at(JSON.stringify(form, null, 2), indent + '    ') };
    },
    end(diagnostics) {
      const head = forms === 0 ? indent + '{\n' + indent + '  "forms": [],\n' : '\n' + indent + '  ],\n';
      return { main: head + indent + '  "diagnostics": ' + at(JSON.stringify(diagnostics, null, 2), indent + '  ') + '\n' + indent + '}' };
    },
  };
}

/**
 * `formatCheckReport([document])`: a table per form, then a line per document
 * diagnostic, blocks apart by a blank line; with a minimum severity, a form
 * with nothing at or above it is left out. Made safe for a terminal: the file
 * name and every line have their control characters shown as escapes.
 */
function textWriter(formsBefore: number, lang: Lang, minSeverity: Severity | null, explain: boolean): OutputWriter {
  let blocks = formsBefore;
  const block = (text: string) => (text === '' ? '' : (blocks++ === 0 ? '' : '\n\n') + terminalSafeLines(text));
  const options = { lang, minSeverity, explain };
  return {
    form(form) {
      const file = form.source.file;
      const named = file == null ? form : { ...form, source: { ...form.source, file: terminalSafe(file) } };
      return { main: block(formatCheckReport([{ forms: [named], diagnostics: [] }], options)) };
    },
    end(diagnostics) {
      let text = '';
      for (const diagnostic of diagnostics) text += block(formatCheckReport([{ forms: [], diagnostics: [diagnostic] }], options));
      return { main: text };
    },
  };
}

/** A form with only the findings and diagnostics at or above `minSeverity`, for the findings table. */
function findingsAtOrAbove(document: Document, minSeverity: Severity | null): Document {
  if (minSeverity === null) return document;
  return {
    forms: document.forms.map((form) => ({
      ...form,
      findings: form.findings.filter((f) => atOrAbove(f.severity, minSeverity)),
      diagnostics: form.diagnostics.filter((d) => atOrAbove(d.severity, minSeverity)),
    })),
    diagnostics: document.diagnostics.filter((d) => atOrAbove(d.severity, minSeverity)),
  };
}

/**
 * A writer of one text per table: each form's rows (numbered by its place in
 * the file) as the form comes, the file's diagnostics last; a table with no
 * rows gives no piece. `findings` keeps only what reaches `minSeverity`.
 */
function tablesWriter(formsBefore: number, minSeverity: Severity | null, text: (table: CsvTable, document: Document, firstForm: number) => string): OutputWriter {
  let forms = formsBefore;
  const tables = (document: Document, firstForm: number): Pieces => {
    const pieces: Pieces = {};
    for (const table of CSV_TABLES) {
      const rows = text(table, table === 'findings' ? findingsAtOrAbove(document, minSeverity) : document, firstForm);
      if (rows !== '') pieces[table] = rows;
    }
    return pieces;
  };
  return {
    form(form) {
      return tables({ forms: [form], diagnostics: [] }, forms++);
    },
    end(diagnostics) {
      return tables({ forms: [], diagnostics: [...diagnostics] }, forms);
    },
  };
}

/**
 * The tables' rows as NDJSON, a line per row: an object keyed by the English
 * column names in the tables' order (`asObjects`), or the array of its cells;
 * integers as numbers and every other cell (figures included: their exact
 * decimal text) as a string, an empty cell null.
 */
function rowsWriter(label: string, formsBefore: number, minSeverity: Severity | null, asObjects: boolean): OutputWriter {
  return tablesWriter(formsBefore, minSeverity, (table, document, firstForm) => {
    const names = tableColumns(table, 'en');
    const kinds = names.map(columnKind);
    let text = '';
    for (const row of tableRows(table, document, label, firstForm)) {
      const cells = row.map((cell, i) => (cell === null || cell === undefined ? null : kinds[i] === 'integer' ? Number(cell) : String(cell)));
      text += JSON.stringify(asObjects ? Object.fromEntries(names.map((name, i) => [name, cells[i]])) : cells) + '\n';
    }
    return text;
  });
}

/** `csvRows(table, document)` for each table. */
function csvWriter(label: string, formsBefore: number, minSeverity: Severity | null, lang: Lang): OutputWriter {
  return tablesWriter(formsBefore, minSeverity, (table, document, firstForm) => csvRows(table, document, label, firstForm, lang));
}
