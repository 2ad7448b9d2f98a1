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

/**
 * The row tokens, made once each (whole, as createTokenInstance makes one)
 * and given the row at hand for each parse: the grammar keeps no token once
 * it has read them, and a block's rows are let go when its parse ends.
 */
const rowTokens: IToken[] = [];
/** Row tokens kept from block to block: a form has a few dozen rows; the rows of a larger block past these get tokens of their own. */
const POOLED_TOKENS = 4096;

function rowToken(row: Row, i: number): IToken {
  const tokenType = ROW_TOKEN_OF_KIND[row.kind];
  const token = i >= POOLED_TOKENS ? newRowToken(i) : (rowTokens[i] ?? (rowTokens[i] = newRowToken(i)));
  token.image = row.kind;
  token.startLine = row.line;
  token.endLine = row.line;
  token.tokenTypeIdx = tokenType.tokenTypeIdx!;
  token.tokenType = tokenType;
  token.payload = row;
  return token;
}

function newRowToken(i: number): IToken {
  return { image: '', startOffset: i, endOffset: i, startLine: 0, endLine: 0, startColumn: 1, endColumn: 1, tokenTypeIdx: 0, tokenType: ROW_TOKEN_OF_KIND.data, payload: null };
}

export function buildForms(rows: readonly Row[], file: string | null, encoding: string): FormsResult {
  const outlines = parseRowTokens(rows.map(rowToken));
  for (let i = 0; i < Math.min(rows.length, POOLED_TOKENS); i++) rowTokens[i].payload = null;
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
  // One pass over the parts: each row to its section (or the loose rows), in document order; a section of one part is its rows' slice.
  const sections: Sections = { header: [], funds: [], goals: [], indicators: [], total: [] };
  let loose: Row[] = [];
  let contiguous = true;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (k > 0 && part.from !== parts[k - 1].to) contiguous = false;
    const section = SECTION_OF[part.kind];
    const into = section === null ? loose : sections[section];
    if (into.length === 0) {
      const taken = rows.slice(part.from, part.to);
      if (section === null) loose = taken;
      else sections[section] = taken;
    } else for (let i = part.from; i < part.to; i++) into.push(rows[i]);
  }
  // The form's rows: the parts follow one another.
  const all = contiguous ? rows.slice(parts[0].from, parts[parts.length - 1].to) : parts.flatMap((part) => rows.slice(part.from, part.to));
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
  let title: string | null = null;
  let last: string | null = null;
  for (const row of rows) {
    if (row.kind !== 'title') break;
    // A title printed twice (a page header repeated) is one title; a title and its year in two cells are one line.
    const text = row.cells.length === 1 ? row.cells[0].text : row.cells.map((cell) => cell.text).join('');
    if (text !== last) title = title === null ? text : title + text;
    last = text;
  }
  return title;
}

/** The separator most of the rows use; of two as common, the one met first. */
function dominantSeparator(rows: readonly Row[]): Separator {
  let tabs = 0;
  let pipes = 0;
  let spaces = 0;
  // Where each is first met (the rows' count when it is not).
  let firstTab = rows.length;
  let firstPipe = rows.length;
  let firstSpaces = rows.length;
  for (let i = 0; i < rows.length; i++) {
    const separator = rows[i].separator;
    if (separator === 'tab' && tabs++ === 0) firstTab = i;
    else if (separator === 'pipe' && pipes++ === 0) firstPipe = i;
    else if (separator === 'spaces' && spaces++ === 0) firstSpaces = i;
  }
  let best: Separator = 'tab';
  let most = tabs;
  let first = firstTab;
  if (pipes > most || (pipes === most && firstPipe < first)) {
    best = 'pipe';
    most = pipes;
    first = firstPipe;
  }
  if (spaces > most || (spaces === most && firstSpaces < first)) best = 'spaces';
  return best;
}

/** Diagnostics that stand for an input cell not read into the output (the nothing-lost count takes them as reports). */
export const CELL_REPORT_CODES: ReadonlySet<string> = new Set(['unplaced-cell', 'funds-column-unmatched', 'total-figure-unmatched']);
