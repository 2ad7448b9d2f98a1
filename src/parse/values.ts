/**
 * The value converter: a typed cell becomes a figure (amount, rate, weight,
 * score) or a measure (comparator + value + unit, or qualitative text).
 * Figures stay decimal strings in plain notation with the source's decimals.
 */
import { Comparator, NumberLiteral, Percent, Unit } from '../../grammar/tokens.js';
import { readDeadline } from '../tables/deadlines.js';
import { COMPARATOR_SUFFIXES, COMPARATOR_WORDS } from '../tables/units.js';
import type { Cell } from './rows.js';
import type { Comparator as Op, Diagnostic, Figure, Measure } from '../contract/schema.js';
import { foldWidth } from './text.js';
import { Dec, writtenDecimals } from '../contract/decimal.js';
import { diagnostic } from '../catalogue/messages.js';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const CANONICAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** "1,234.50" → "1234.50"; "007" → "7"; keeps the decimals written. Null when not a plain or properly grouped number. */
export function normalizeNumber(text: string): string | null {
  // Already canonical (no sign, no leading zero, no grouping): the common case, returned as it is after one look at its characters.
  if (isCanonical(text)) return text;
  if (!PLAIN_NUMBER.test(text) && !GROUPED_NUMBER.test(text)) return null;
  const plain = text.indexOf(',') < 0 ? text : text.replace(/,/g, '');
  // Already canonical (no sign, no leading zero): the common case, and decimal.js would return it unchanged.
  if (CANONICAL.test(plain)) return plain;
  return new Dec(plain).toFixed(writtenDecimals(plain));
}

/** Whether `text` is written as CANONICAL reads it: `0` or digits not opening with 0, then an optional point and digits. */
function isCanonical(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  let at = 0;
  const first = text.charCodeAt(0);
  if (first === 48) at = 1;
  else {
    while (at < length && isDigit(text.charCodeAt(at))) at++;
    if (at === 0) return false;
  }
  if (at === length) return true;
  if (text.charCodeAt(at) !== 46 || at + 1 === length) return false;
  for (at++; at < length; at++) if (!isDigit(text.charCodeAt(at))) return false;
  return true;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export interface Converted<T> {
  value: T;
  diagnostics: Diagnostic[];
}

const POINTS_SUFFIX = /^(-?\d+(?:\.\d+)?) ?分$/;

/**
 * A figure cell: `10380629.85`, `98.62%` (rate, value "98.62"), `—` and `/`
 * (value null). Anything else keeps its raw text, value null, and a diagnostic.
 */
export function toFigure(cell: Cell, field: string): Converted<Figure> {
  const diagnostics: Diagnostic[] = [];
  let value: string | null = null;
  switch (cell.kind) {
    case 'number':
      value = normalizeNumber(cell.tokens[0].image);
      break;
    case 'percent':
      value = normalizeNumber(cell.tokens[0].image);
      break;
    case 'marker':
    case 'notApplicable':
      break;
    default: {
      const folded = foldWidth(cell.text).replace(/\s+/g, ' ');
      const points = POINTS_SUFFIX.exec(folded);
      if (points) {
        value = normalizeNumber(points[1]);
        diagnostics.push(diagnostic('number-with-unit', cell, { field, raw: cell.raw, value }));
      } else {
        diagnostics.push(diagnostic('invalid-number', cell, { field, raw: cell.raw }));
      }
    }
  }
  if (value !== null && value.startsWith('-')) diagnostics.push(diagnostic('negative-number', cell, { field, raw: cell.raw }));
  if (cell.kind === 'percent' && value !== null && overThousand(value))
    diagnostics.push(diagnostic('percent-out-of-range', cell, { field, raw: cell.raw }));
  return { value: { raw: cell.raw, line: cell.line, column: cell.column, value }, diagnostics };
}

const MONEY_WITH_UNIT = /^(-?\d+(?:\.\d+)?) ?(亿元|万元|元)$/;

/**
 * A funds figure printed with its block's own unit (`300万元` in a 项目资金（万元）
 * block) reads as the number, reported as info; any other unit is not read.
 */
export function toMoneyFigure(cell: Cell, field: string, blockUnit: string | null): Converted<Figure> {
  const money = MONEY_WITH_UNIT.exec(foldWidth(cell.text).trim());
  if (!money || money[2] !== blockUnit) return toFigure(cell, field);
  const value = normalizeNumber(money[1]);
  if (value === null) return toFigure(cell, field);
  const diagnostics = [diagnostic('number-with-unit', cell, { field, raw: cell.raw, value })];
  if (value.startsWith('-')) diagnostics.push(diagnostic('negative-number', cell, { field, raw: cell.raw }));
  return { value: { raw: cell.raw, line: cell.line, column: cell.column, value }, diagnostics };
}

/** Whether a non-negative decimal string exceeds 1000, without building a Decimal for the usual two- and three-digit rates. */
function overThousand(value: string): boolean {
  const point = value.indexOf('.');
  return (point < 0 ? value.length : point) >= 4 && new Dec(value).greaterThan(1000);
}

/** Declared points of a 一级 label: `产出指标 (50分)` → "50". */
export function pointsOfLevel1(image: string): string | null {
  const match = /\( *(\d+(?:\.\d+)?) *分? *\)/.exec(foldWidth(image));
  return match ? normalizeNumber(match[1]) : null;
}

/** The 一级 name of a level-1 label: `产出指标 (50分)` → "产出指标". */
export function nameOfLevel1(image: string): string {
  return foldWidth(image).replace(/^\*/, '').replace(/\(.*$/, '').replace(/\s+/g, '');
}

/**
 * A target or actual cell: `≥95%`, `100台`, `≤1096.58万元`, `0`, `及时`,
 * `不适用`, `/`. Words such as 不低于 and 以上 become comparators; a
 * deadline (`12月底前`, `30天内`) or a date becomes kind `deadline`.
 */
export function toMeasure(cell: Cell): Measure {
  if (cell.kind === 'notApplicable') return measureOf(cell, 'notApplicable', null);
  if (cell.kind === 'marker') return measureOf(cell, 'marker', null);
  if (cell.kind !== 'number' && cell.kind !== 'percent') {
    const deadline = readDeadline(foldWidth(cell.text).replace(/\s+/g, ''));
    if (deadline) return measureOf(cell, 'deadline', deadline);
  }
  const parsed = cell.kind === 'number' || cell.kind === 'percent' || cell.kind === 'quantity' ? fromTokens(cell) : fromWords(cell.text);
  if (!parsed) return measureOf(cell, 'text', null);
  const kind = parsed.unit === '%' ? 'percent' : parsed.unit === null && parsed.op === null ? 'number' : 'quantity';
  return measureOf(cell, kind, parsed);
}

// Built as one literal: spreading a shared base object costs tens of times more, and this runs for every target and actual.
function measureOf(cell: Cell, kind: Measure['kind'], parsed: ParsedMeasure | null): Measure {
  return {
    raw: cell.raw,
    text: cell.text,
    line: cell.line,
    column: cell.column,
    kind,
    op: parsed ? parsed.op : null,
    value: parsed ? parsed.value : null,
    unit: parsed ? parsed.unit : null,
  };
}

interface ParsedMeasure {
  op: Op | null;
  value: string;
  unit: string | null;
}

function fromTokens(cell: Cell): ParsedMeasure | null {
  let op: Op | null = null;
  let value: string | null = null;
  let unit: string | null = null;
  for (const token of cell.tokens) {
    if (token.tokenType === Comparator) op = COMPARATOR_WORDS[token.image] ?? null;
    else if (token.tokenType === NumberLiteral) value = normalizeNumber(token.image);
    else if (token.tokenType === Percent) unit = '%';
    else if (token.tokenType === Unit) unit = token.image === '百分比' ? '%' : token.image;
  }
  return value === null ? null : { op, value, unit };
}

const COMPARATOR_PREFIX = new RegExp(
  `^(${Object.keys(COMPARATOR_WORDS)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})`,
);
const SUFFIX = new RegExp(`(${Object.keys(COMPARATOR_SUFFIXES).sort((a, b) => b.length - a.length).join('|')})$`);

/** Comparator words around a figure: `不低于95%`, `95%以上`, `控制在30万元以内`, `100 台`. */
function fromWords(text: string): ParsedMeasure | null {
  let rest = foldWidth(text).replace(/\s+/g, '');
  let op: Op | null = null;
  const prefix = COMPARATOR_PREFIX.exec(rest);
  if (prefix) {
    op = COMPARATOR_WORDS[prefix[1]];
    rest = rest.slice(prefix[1].length);
  }
  const suffix = SUFFIX.exec(rest);
  if (suffix) {
    op = op ?? COMPARATOR_SUFFIXES[suffix[1]];
    rest = rest.slice(0, -suffix[1].length);
  }
  const bracketed = BRACKETED_UNIT.exec(rest);
  if (bracketed) rest = rest.slice(0, -bracketed[0].length);
  const figure = /^(-?\d+(?:,\d{3})*(?:\.\d+)?)(%|百分比|[\u4e00-\u9fa5a-zA-Z㎡²]{1,4})?$/.exec(rest);
  if (!figure) return null;
  const value = normalizeNumber(figure[1]);
  if (value === null) return null;
  const written = unitOf(figure[2]);
  const named = bracketed ? unitOf(bracketed[1]) : null;
  // `98%(百分比)` names its unit twice; `98(%)` once, in brackets; two different units are not one measure.
  if (written !== null && named !== null && written !== named) return null;
  return { op, value, unit: written ?? named };
}

/** A unit named in brackets after the figure: `≥98%(百分比)`, `735(人次)`. */
const BRACKETED_UNIT = /\((%|百分比|[\u4e00-\u9fa5a-zA-Z㎡²]{1,4})\)$/;

const unitOf = (written: string | undefined): string | null => (written === undefined ? null : written === '百分比' ? '%' : written);
