/**
 * The form grammar. It reads one token per row (see the row tokens in
 * tokens.ts) and groups a file's rows into forms and each form's rows into
 * its sections. A form opens at a title, or at 项目名称 when it has none, and
 * runs until the next one opens. Its result is each form's parts in order,
 * as ranges of row indexes (a row token carries its row's index as its
 * offset): no tree is built to be walked afterwards.
 */
import { EmbeddedActionsParser, EOF, type IToken, type TokenType } from 'chevrotain';
import { validateGrammar } from './checks.js';
import type { GrammarDsl, Rule } from './dsl.js';
import { defineFunds } from './funds.js';
import { defineGoals } from './goals.js';
import { defineHeader } from './header.js';
import { defineIndicators } from './indicators.js';
import { defineTotal } from './total.js';
import { DataRow, DepartmentRow, FundsHeaderRow, PageRow, ProjectRow, ROW_TOKENS, TitleRow } from './tokens.js';

type Stage = 'start' | 'titles' | 'header' | 'body';

/** What a part of a form is: a section, or a row the form holds outside them. */
export type PartKind = 'header' | 'funds' | 'goals' | 'indicators' | 'total' | 'title' | 'page' | 'data';

/** A part of a form: its kind and the rows [from, to) it took. */
export interface FormPart {
  kind: PartKind;
  from: number;
  to: number;
}

/** Rows that open a form's header after its title. */
const OPENS_FORM: ReadonlySet<TokenType> = new Set([ProjectRow, DepartmentRow, FundsHeaderRow]);

class FormParser extends EmbeddedActionsParser {
  /** How far the form being parsed has got; decides whether a title or header row opens a new form. */
  private stage: Stage = 'start';
  /** The parts of the form being read, and of the forms read before it. */
  private parts: FormPart[] = [];
  private forms: FormPart[][] = [];
  public readonly document: Rule<FormPart[][]>;

  constructor() {
    super([...ROW_TOKENS], { recoveryEnabled: false, maxLookahead: 1, skipValidations: !validateGrammar });
    const $ = this as unknown as GrammarDsl;
    const header = defineHeader($);
    const funds = defineFunds($);
    const goals = defineGoals($);
    const indicators = defineIndicators($);
    const total = defineTotal($);
    const enterBody = () => $.ACTION(() => (this.stage = 'body'));

    /** Reads a part and records the rows it took: from the next row's index to the last consumed one's. */
    const part = (kind: PartKind, read: () => unknown) => {
      const from = $.ACTION(() => $.LA(1).startOffset);
      read();
      $.ACTION(() => this.parts.push({ kind, from, to: $.LA(0).startOffset + 1 }));
    };

    const form = $.RULE('form', () => {
      $.ACTION(() => {
        this.stage = 'start';
        this.parts = [];
      });
      $.AT_LEAST_ONE({
        GATE: () => this.continuesForm($.LA(1).tokenType, $.LA(2).tokenType),
        DEF: () => {
          $.OR([
            { ALT: () => { part('title', () => $.CONSUME(TitleRow)); $.ACTION(() => (this.stage = 'titles')); } },
            { ALT: () => { part('header', () => $.SUBRULE(header)); $.ACTION(() => (this.stage = this.stage === 'body' ? 'body' : 'header')); } },
            { ALT: () => { part('funds', () => $.SUBRULE1(funds)); enterBody(); } },
            { ALT: () => { part('goals', () => $.SUBRULE2(goals)); enterBody(); } },
            { ALT: () => { part('indicators', () => $.SUBRULE3(indicators)); enterBody(); } },
            { ALT: () => { part('total', () => $.SUBRULE4(total)); enterBody(); } },
            { ALT: () => part('page', () => $.CONSUME(PageRow)) },
            { ALT: () => part('data', () => $.CONSUME(DataRow)) },
          ]);
        },
      });
      $.ACTION(() => this.forms.push(this.parts));
    });

    this.document = $.RULE('document', () => {
      $.ACTION(() => (this.forms = []));
      $.MANY(() => $.SUBRULE5(form));
      return this.forms;
    });
    this.performSelfAnalysis();
  }

  private continuesForm(next: TokenType, after: TokenType): boolean {
    // A title repeated after a page break is followed by the form's own rows, not by a new header.
    if (next === TitleRow) return this.stage === 'start' || this.stage === 'titles' || (this.stage === 'body' && after !== EOF && after !== TitleRow && !OPENS_FORM.has(after));
    if (next === ProjectRow || next === DepartmentRow) return this.stage !== 'body';
    return true;
  }
}

/** The one parser instance; Chevrotain parsers are built once and fed new input. */
const parser = new FormParser();

export interface FormOutlines {
  /** Each form's parts in order; null when the grammar could not read the rows (without recovery, an error ends the parse). */
  forms: FormPart[][] | null;
  errors: string[];
}

/** Row tokens (each carrying its row's index as its offset) → the forms' parts. */
export function parseRowTokens(tokens: IToken[]): FormOutlines {
  parser.input = tokens;
  const forms = parser.document();
  return { forms: forms ?? null, errors: parser.errors.map((e) => e.message) };
}
