/**
 * Stage 4: rows → forms. The form grammar groups rows into forms and their
 * sections (header, funds, goals, indicators, total); each section's rows go
 * to the layout stage (src/layout/), which places their cells in fields.
 */
import type { IToken } from 'chevrotain';
import { parseRowTokens, type FormPart, type PartKind } from '../../grammar/parser.js';
import { ROW_TOKEN_OF_KIND } from '../../grammar/tokens.js';
import type { Row } from './rows.js';
import type { Diagnostic, Form, Separator } from '../contract/schema.js';
import { unplaced } from './ledger.js';
import { diagnostic } from '../catalogue/messages.js';

/** The rows of each section of a form, as the grammar grouped them. */
export interface Sections {
  header: Row[];
  funds: Row[];
  goals: Row[];
  indicators: Row[];
  total: Row[];
}

/** A form as the grammar found it: its source and title, its sections still rows. */
export interface DraftForm {
  title: string | null;
  source: Form['source'];
  sections: Sections;
  /** Rows of the form's loose parts: titles, page lines and rows outside every section. */
  loose: Row[];
  /** Every row of the form, in document order. */
  rows: Row[];
}

export interface FormsResult {
  forms: DraftForm[];
  diagnostics: Diagnostic[];
}

export function buildForms(rows: readonly Row[], file: string | null, encoding: string): FormsResult {
  // Each row token made whole at once (its payload included), as createTokenInstance makes one.
  const tokens = rows.map((row, i): IToken => {
    const tokenType = ROW_TOKEN_OF_KIND[row.kind];
    return { image: row.kind, startOffset: i, endOffset: i, startLine: row.line, endLine: row.line, startColumn: 1, endColumn: 1, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType, payload: row };
  });
  const outlines = parseRowTokens(tokens);
  const diagnostics: Diagnostic[] = outlines.errors.map((message) => diagnostic('grammar-error', { line: 0, column: 0 }, { parserMessage: message }));
  const forms: DraftForm[] = [];
  // Without recovery a grammar error leaves no forms: their rows are then reported, never dropped.
  if (!outlines.forms) return { forms: [], diagnostics: [...diagnostics, ...rows.flatMap((row) => row.cells.map((cell) => unplaced(cell, 'in rows the form grammar could not read')))] };
  for (const parts of outlines.forms) {
    const draft = readForm(rows, parts, file, encoding);
    if (draft) forms.push(draft);
    else for (const stray of strayRows(rows, parts)) diagnostics.push(stray);
  }
  return { forms, diagnostics };
}

// ---- a form's parts -------------------------------------------------------------

/** The rows of the form's parts of these kinds, in document order. */
function rowsOf(rows: readonly Row[], parts: readonly FormPart[], kinds: readonly PartKind[]): Row[] {
  return parts.filter((part) => kinds.includes(part.kind)).flatMap((part) => rows.slice(part.from, part.to));
}

const ALL_PARTS: readonly PartKind[] = ['header', 'funds', 'goals', 'indicators', 'total', 'title', 'page', 'data'];

function strayRows(rows: readonly Row[], parts: readonly FormPart[]): Diagnostic[] {
  return rowsOf(rows, parts, ALL_PARTS).flatMap((row) => row.cells.map((cell) => unplaced(cell, 'outside any form')));
}

// ---- one form -------------------------------------------------------------------

/** The section of the form each part kind adds its rows to; null for its loose parts. */
const SECTION_OF: Readonly<Record<PartKind, keyof Sections | null>> = {
  header: 'header',
  funds: 'funds',
  goals: 'goals',
  indicators: 'indicators',
  total: 'total',
  title: null,
  page: null,
  data: null,
};

function readForm(rows: readonly Row[], parts: readonly FormPart[], file: string | null, encoding: string): DraftForm | null {
  // One pass over the parts: each row to the whole form and to its section (or the loose rows), in document order.
  const all: Row[] = [];
  const sections: Sections = { header: [], funds: [], goals: [], indicators: [], total: [] };
  const loose: Row[] = [];
  for (const part of parts) {
    const section = SECTION_OF[part.kind];
    const into = section === null ? loose : sections[section];
    for (let i = part.from; i < part.to; i++) {
      all.push(rows[i]);
      into.push(rows[i]);
    }
  }
  const hasContent = sections.header.length + sections.funds.length + sections.indicators.length + sections.total.length + sections.goals.length > 0;
  if (!hasContent) return null;
  const separator = dominantSeparator(all);
  return {
    title: titleOf(all),
    source: { file, startLine: all[0].line, endLine: all[all.length - 1].line, encoding, separator },
    sections,
    loose,
    rows: all,
  };
}

/** The form's title: its opening title rows joined, so a year printed under the title (`（2022年度）`) stays with it. */
function titleOf(rows: readonly Row[]): string | null {
  const opening: string[] = [];
  for (const row of rows) {
    if (row.kind !== 'title') break;
    // A title printed twice (a page header repeated) is one title; a title and its year in two cells are one line.
    const text = row.cells.map((cell) => cell.text).join('');
    if (opening[opening.length - 1] !== text) opening.push(text);
  }
  return opening.length > 0 ? opening.join('') : null;
}

function dominantSeparator(rows: readonly Row[]): Separator {
  const counts = new Map<Separator, number>();
  for (const row of rows) counts.set(row.separator, (counts.get(row.separator) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'tab';
}

/** Diagnostics that stand for an input cell not read into the output (the nothing-lost count takes them as reports). */
export const CELL_REPORT_CODES: ReadonlySet<string> = new Set(['unplaced-cell', 'funds-column-unmatched', 'total-figure-unmatched']);
