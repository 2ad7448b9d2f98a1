/**
 * Cell-level tokens. The lexer runs on width-folded text (see src/tables/width.ts),
 * so patterns only spell ASCII brackets, colons, percent signs and digits.
 * Every pattern has a known set of first characters: Chevrotain's first-char
 * optimisation stays on (the lexer is built with `ensureOptimizations`).
 */
import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';
import { FORM_TITLE, LABELS, PAGE_MARKER, type LabelDefinition, type LabelKey, type RowKind } from '../src/tables/labels.js';
import { LEVEL2_ALIASES, LEVEL2_PARENT } from '../src/tables/taxonomy.js';
import { COMPARATOR_WORDS, UNIT_WORDS } from '../src/tables/units.js';
import { closingQuote } from './scan.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A trailing `(10分)` or `(万元)` on a caption, or both: `预算执行情况(10分)`, `年度预算数(万元)`, `预算执行情况(万元)(20分)`. */
const CAPTION_SUFFIX = '(?: ?\\( ?(?:\\d+(?:\\.\\d+)? ?分|亿元|万元|元|%) ?\\)){0,2}';

/**
 * `年度总体目标` → a pattern that also accepts `年度总体 目标`, `*年度总体目标:`
 * and a points or unit suffix. Brackets and colons take at most one space on
 * each side, so a label never swallows the run of spaces that separates
 * columns of space-aligned text. The language labelMatcher reads, written as
 * a regular expression: its specification, which the tests hold it to.
 */
export function labelPattern(variants: readonly string[]): RegExp {
  const alternatives = byLength(variants).map((v) => [...v].map((ch) => (isSpaced(ch) ? ` ?${escape(ch)} ?` : escape(ch))).join(' ?'));
  return new RegExp(`\\*? ?(?:${alternatives.join('|')})${CAPTION_SUFFIX}(?: ?:)?`);
}

/** Brackets and colons take a space on either side, besides the one allowed between any two characters. */
const isSpaced = (ch: string | undefined) => ch === '(' || ch === ')' || ch === ':';
/** Longer wordings first: the first that matches is taken. */
const byLength = (variants: readonly string[]) => [...variants].sort((a, b) => b.length - a.length);
const CAPTION_TAIL = new RegExp(`${CAPTION_SUFFIX}(?: ?:)?`, 'y');
const STAR = 42;
const SPACE = 32;

/** Where a wording written at `at` ends (spaces allowed as labelPattern allows them), or -1. */
function wordingEnd(text: string, at: number, wording: string): number {
  let i = at;
  for (let k = 0; k < wording.length; k++) {
    let spaces = (k > 0 ? 1 : 0) + (isSpaced(wording[k - 1]) ? 1 : 0) + (isSpaced(wording[k]) ? 1 : 0);
    while (spaces > 0 && text.charCodeAt(i) === SPACE) [i, spaces] = [i + 1, spaces - 1];
    if (text.charCodeAt(i) !== wording.charCodeAt(k)) return -1;
    i++;
  }
  return isSpaced(wording[wording.length - 1]) && text.charCodeAt(i) === SPACE ? i + 1 : i;
}

/**
 * A label's wordings read without a regular expression: the lexer would
 * compile one per label the first time it meets one of its first characters,
 * a large part of a cold start. Optional spaces are taken greedily, which
 * reads as labelPattern does because no wording holds a space or starts
 * with `*`, a bracket or a colon.
 */
function labelMatcher(variants: readonly string[]): (text: string, offset: number) => CustomPatternMatcherReturn | null {
  const unfit = variants.find((w) => w === '' || w.includes(' ') || w.startsWith('*') || isSpaced(w[0]));
  if (unfit !== undefined) throw new Error(`label wording "${unfit}": empty, with a space, or starting with * or a bracket or colon`);
  // By first character, longest first: a wording starts right after the optional star and space.
  const byFirst = new Map<number, string[]>();
  for (const wording of byLength(variants)) byFirst.set(wording.charCodeAt(0), [...(byFirst.get(wording.charCodeAt(0)) ?? []), wording]);
  return (text, offset) => {
    let at = offset;
    if (text.charCodeAt(at) === STAR) at++;
    if (text.charCodeAt(at) === SPACE) at++;
    // Most characters start no wording: nothing is made for them.
    const wordings = byFirst.get(text.charCodeAt(at));
    if (wordings === undefined) return null;
    for (let k = 0; k < wordings.length; k++) {
      const wording = wordings[k];
      const end = wordingEnd(text, at, wording);
      if (end < 0) continue;
      CAPTION_TAIL.lastIndex = end;
      const tail = CAPTION_TAIL.exec(text);
      return [text.slice(offset, end + (tail === null ? 0 : tail[0].length))] as unknown as CustomPatternMatcherReturn;
    }
    return null;
  };
}

/**
 * The characters a label's match can start with: `*`, a space, or a
 * wording's first character. Chevrotain needs them for a matcher it cannot
 * read (as it reads a regular expression's).
 */
export function labelStartChars(variants: readonly string[]): string[] {
  return [...new Set(['*', ' ', ...variants.map((v) => String.fromCodePoint(v.codePointAt(0)!))])];
}

/** A label token, its matcher and the wordings it reads (for the tests). */
function labelToken(name: string, variants: readonly string[], config: { categories?: TokenType[] } = {}): TokenType {
  const token = createToken({ name, pattern: { exec: labelMatcher(variants) }, start_chars_hint: labelStartChars(variants), line_breaks: false, ...config });
  LABEL_WORDINGS.set(token, variants);
  return token;
}

/** The wordings each label token reads. */
export const LABEL_WORDINGS = new Map<TokenType, readonly string[]>();

// Character sets written as positive ranges (a negated set would switch the lexer's optimisation off).
// Text is everything but spaces, tabs, line ends, `|` and C0 control characters.
const TEXT_CHAR = '\\x21-\\x7b\\x7d-\\uffff';

// ---- separators -------------------------------------------------------------
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const Tab = createToken({ name: 'Tab', pattern: /\t/ });
/** ` | ` between cells of a table flattened from HTML or Word. */
export const Pipe = createToken({ name: 'Pipe', pattern: / *\| */ });
/** Two or more spaces between cells of space-aligned (PDF-to-text) output. */
export const WideSpace = createToken({ name: 'WideSpace', pattern: / {2,}/ });
/** Spaces inside a cell. */
export const Space = createToken({ name: 'Space', pattern: / / });
/**
 * C0 control characters other than tab and line ends (NUL padding, Word's
 * vertical tab, a form feed between pages, U+001A at the end of a DOS file):
 * reported by the rows stage, never part of a cell, so `\f年度绩效指标` is
 * still a label.
 */
export const Control = createToken({ name: 'Control', pattern: /[\x00-\x08\x0b\x0c\x0e-\x1f]+/ });

// ---- free text (tried last) ----
/** Words of a cell: runs of characters joined by single spaces; `|` and runs of spaces end it. */
// Bounded: an unbounded repetition overflows the regular-expression stack on a run of millions of characters;
// a longer run is lexed as several Text tokens of the same cell.
export const Text = createToken({ name: 'Text', pattern: new RegExp(`[${TEXT_CHAR}](?: ?[${TEXT_CHAR}]){0,4095}`) });

/**
 * An Excel-quoted cell: `"…"` at the start of a cell, `""` for a quote, line
 * breaks allowed inside; only taken when the closing quote ends the cell.
 */
function matchQuotedCell(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 34) return null;
  const before = offset === 0 ? 10 : text.charCodeAt(offset - 1);
  if (before !== 9 && before !== 10 && before !== 13) return null;
  const close = closingQuote(text, offset);
  return close < 0 ? null : ([text.slice(offset, close + 1)] as unknown as CustomPatternMatcherReturn);
}
export const QuotedCell = createToken({ name: 'QuotedCell', pattern: { exec: matchQuotedCell }, start_chars_hint: ['"'], line_breaks: true });

// ---- the form's fixed labels --------------------------------------------------
/** Category of every label token: the rows stage reads the key from `LABEL_KEY_OF`. */
export const Label = createToken({ name: 'Label', pattern: Lexer.NA });

/** Whether a wording of `longer` starts with a wording of `shorter` (`年度目标完成情况` and `年度目标`). */
function extendsWording(longer: LabelDefinition, shorter: LabelDefinition): boolean {
  return longer !== shorter && longer.variants.some((v) => shorter.variants.some((w) => v.length > w.length && v.startsWith(w)));
}

/**
 * The labels in the order the lexer tries them. It takes the first pattern
 * that matches, not the longest, so a label whose wording extends another's
 * goes first: `年度目标完成情况` is not read as `年度目标` plus text.
 */
export function lexingOrder(definitions: readonly LabelDefinition[]): LabelDefinition[] {
  const pending = [...definitions];
  const ordered: LabelDefinition[] = [];
  while (pending.length > 0) {
    const free = pending.findIndex((d) => !pending.some((other) => extendsWording(other, d)));
    ordered.push(...pending.splice(free < 0 ? 0 : free, 1));
  }
  return ordered;
}

const LABELS_IN_ORDER = lexingOrder(LABELS);

export const LABEL_TOKENS: readonly TokenType[] = LABELS_IN_ORDER.map((definition) =>
  labelToken(`Label_${definition.key}`, definition.variants, { categories: [Label] }),
);
export const LABEL_KEY_OF = new Map<TokenType, LabelKey>(LABELS_IN_ORDER.map((d, i) => [LABEL_TOKENS[i], d.key]));

/** Captions shared by the funds and indicator headers (分值, 得分, 权重). */
export const SharedColumn = labelToken('SharedColumn', ['分值', '得分', '权重']);

/** A form title, with or without a year before or after it. */
export const Title = createToken({ name: 'Title', pattern: FORM_TITLE });

/** 一级 labels, with their declared points: `产出指标 (50分)`, `效益指标(40分)`. */
export const Level1 = createToken({
  name: 'Level1',
  pattern: /\*? ?(?:产 ?出|效 ?益|满 ?意 ?度|成 ?本) ?指 ?标(?: ?\( ?\d+(?:\.\d+)? ?分? ?\))?/,
});

/** 二级 labels of both frameworks and their spelling variants. */
export const Level2 = labelToken('Level2', [...Object.keys(LEVEL2_PARENT), ...Object.keys(LEVEL2_ALIASES)]);

/** A page line of a printed export: `第 2 页`, `第2页 共5页`, `- 2 -`. */
export const PageMarker = createToken({ name: 'PageMarker', pattern: PAGE_MARKER });

// ---- typed cell contents -------------------------------------------------------
export const NotApplicable = createToken({ name: 'NotApplicable', pattern: /不适用|不涉及/ });
export const Comparator = createToken({
  name: 'Comparator',
  pattern: new RegExp(
    Object.keys(COMPARATOR_WORDS)
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|'),
  ),
});
/** `0.00`, `10380629.85`, `-3`, and with thousands separators only where they group by three: `10,380,629.85`. */
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?/ });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });
export const Unit = createToken({
  name: 'Unit',
  pattern: new RegExp(
    [...UNIT_WORDS]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|'),
  ),
});
/** Dash and slash markers of an empty or not-applicable figure: `—`, `——`, `-`, `--`, `–`, `―`, `/`. */
export const Dash = createToken({ name: 'Dash', pattern: /—+|–+|―+|-+|\// });

/** Tokens that may appear inside a cell, in the order the lexer tries them. */
export const CELL_CONTENT: readonly TokenType[] = [
  Title,
  ...LABEL_TOKENS,
  SharedColumn,
  Level1,
  Level2,
  PageMarker,
  NotApplicable,
  Comparator,
  NumberLiteral,
  Percent,
  Unit,
  Dash,
];

export const ALL_TOKENS: readonly TokenType[] = [
  Newline,
  Tab,
  Pipe,
  WideSpace,
  Space,
  Control,
  QuotedCell,
  Label,
  ...CELL_CONTENT,
  Text,
];

/** Token types that separate cells, whatever the export's separator. */
export const SEPARATORS: ReadonlySet<TokenType> = new Set([Tab, Pipe, WideSpace]);

// ---- row tokens: what the form grammar reads -------------------------------------
/** One token per row of the export, typed by the row's kind; the row itself rides in `payload`. */
export const TitleRow = createToken({ name: 'TitleRow', pattern: Lexer.NA });
export const ProjectRow = createToken({ name: 'ProjectRow', pattern: Lexer.NA });
export const DepartmentRow = createToken({ name: 'DepartmentRow', pattern: Lexer.NA });
export const FundsHeaderRow = createToken({ name: 'FundsHeaderRow', pattern: Lexer.NA });
export const FundsRow = createToken({ name: 'FundsRow', pattern: Lexer.NA });
export const GoalsRow = createToken({ name: 'GoalsRow', pattern: Lexer.NA });
export const IndicatorHeaderRow = createToken({ name: 'IndicatorHeaderRow', pattern: Lexer.NA });
export const TotalRow = createToken({ name: 'TotalRow', pattern: Lexer.NA });
export const PageRow = createToken({ name: 'PageRow', pattern: Lexer.NA });
export const DataRow = createToken({ name: 'DataRow', pattern: Lexer.NA });

export const ROW_TOKENS: readonly TokenType[] = [
  TitleRow,
  ProjectRow,
  DepartmentRow,
  FundsHeaderRow,
  FundsRow,
  GoalsRow,
  IndicatorHeaderRow,
  TotalRow,
  PageRow,
  DataRow,
];

/** The row token of each row kind. */
export const ROW_TOKEN_OF_KIND: Readonly<Record<RowKind, TokenType>> = {
  title: TitleRow,
  project: ProjectRow,
  department: DepartmentRow,
  fundsHeader: FundsHeaderRow,
  funds: FundsRow,
  goals: GoalsRow,
  indicatorHeader: IndicatorHeaderRow,
  total: TotalRow,
  page: PageRow,
  data: DataRow,
};
