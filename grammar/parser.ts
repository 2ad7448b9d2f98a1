/**
 * The form grammar. It reads one token per row (see the row tokens in
 * tokens.ts) and groups a file's rows into forms and each form's rows into
 * its sections. A form opens at a title, or at 项目名称 when it has none, and
 * runs until the next one opens.
 */
import { CstParser, EOF, type CstNode, type IToken, type TokenType } from 'chevrotain';
import { validateGrammar } from './checks.js';
import type { GrammarDsl, Rule } from './dsl.js';
import { defineFunds } from './funds.js';
import { defineGoals } from './goals.js';
import { defineHeader } from './header.js';
import { defineIndicators } from './indicators.js';
import { defineTotal } from './total.js';
import { DataRow, DepartmentRow, FundsHeaderRow, PageRow, ProjectRow, ROW_TOKENS, TitleRow } from './tokens.js';

type Stage = 'start' | 'titles' | 'header' | 'body';

/** Rows that open a form's header after its title. */
const OPENS_FORM: ReadonlySet<TokenType> = new Set([ProjectRow, DepartmentRow, FundsHeaderRow]);

class FormParser extends CstParser {
  /** How far the form being parsed has got; decides whether a title or header row opens a new form. */
  private stage: Stage = 'start';
  public readonly document: Rule;

  constructor() {
    super([...ROW_TOKENS], { recoveryEnabled: false, maxLookahead: 1, skipValidations: !validateGrammar });
    const $ = this as unknown as GrammarDsl;
    const header = defineHeader($);
    const funds = defineFunds($);
    const goals = defineGoals($);
    const indicators = defineIndicators($);
    const total = defineTotal($);
    const enterBody = () => $.ACTION(() => (this.stage = 'body'));

    const form = $.RULE('form', () => {
      $.ACTION(() => (this.stage = 'start'));
      $.AT_LEAST_ONE({
        GATE: () => this.continuesForm($.LA(1).tokenType, $.LA(2).tokenType),
        DEF: () => {
          $.OR([
            { ALT: () => { $.CONSUME(TitleRow); $.ACTION(() => (this.stage = 'titles')); } },
            { ALT: () => { $.SUBRULE(header); $.ACTION(() => (this.stage = this.stage === 'body' ? 'body' : 'header')); } },
            { ALT: () => { $.SUBRULE1(funds); enterBody(); } },
            { ALT: () => { $.SUBRULE2(goals); enterBody(); } },
            { ALT: () => { $.SUBRULE3(indicators); enterBody(); } },
            { ALT: () => { $.SUBRULE4(total); enterBody(); } },
            { ALT: () => $.CONSUME(PageRow) },
            { ALT: () => $.CONSUME(DataRow) },
          ]);
        },
      });
    });

    this.document = $.RULE('document', () => {
      $.MANY(() => $.SUBRULE5(form));
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

export interface FormsCst {
  cst: CstNode;
  errors: string[];
}

export function parseRowTokens(tokens: IToken[]): FormsCst {
  parser.input = tokens;
  const cst = parser.document();
  return { cst, errors: parser.errors.map((e) => e.message) };
}
