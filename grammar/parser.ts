/**
 * The form grammar. It reads one token per row (see the row tokens in
 * tokens.ts) and groups a file's rows into forms and each form's rows into
 * its sections. A form runs until the next one opens, by the rule in
 * boundary.ts. Its result is each form's parts in order,
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
import { DataRow, PageRow, ROW_TOKEN_OF_KIND, ROW_TOKENS, TitleRow } from './tokens.js';
import { continuesForm, stageAfter, type Stage } from './boundary.js';
import type { RowKind } from '../src/tables/labels.js';

/** What a part of a form is: a section, or a row the form holds outside them. */
export type PartKind = 'header' | 'funds' | 'goals' | 'indicators' | 'total' | 'title' | 'page' | 'data';

/** A part of a form: its kind and the rows [from, to) it took. */
export interface FormPart {
  kind: PartKind;
  from: number;
  to: number;
}

const KIND_OF_ROW_TOKEN = new Map<TokenType, RowKind>(Object.entries(ROW_TOKEN_OF_KIND).map(([kind, token]) => [token, kind as RowKind]));
/** The row kind of a token; null at the end of the input. */
const kindOf = (token: IToken): RowKind | null => (token.tokenType === EOF ? null : KIND_OF_ROW_TOKEN.get(token.tokenType)!);

class FormParser extends EmbeddedActionsParser {
  /** How far the form being parsed has got; decides whether a title or header row opens a new form. */
  private stage: Stage = 'start';
  /** The parts of the form being read, and of the forms read before it. */
  private readonly parts: FormPart[] = [];
  private partCount = 0;
  /** Where the part being read starts (see part). */
  private partFrom = 0;
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

    /**
     * How a part is read: the part, then the rows it took recorded (from the
     * next row's index to the last consumed one's) and the stage it reaches.
     * Made once per kind of part (parts never nest), so reading one makes nothing but its record.
     */
    const part = (kind: PartKind, read: () => unknown) => {
      const begin = () => {
        this.partFrom = $.LA(1).startOffset;
      };
      const end = () => {
        const from = this.partFrom;
        const to = $.LA(0).startOffset + 1;
        const record = { kind, from, to };
        if (this.partCount < this.parts.length) this.parts[this.partCount] = record;
        else this.parts.push(record);
        this.partCount++;
        for (let row = from; row < to; row++) this.stage = stageAfter(this.stage, kindOf(this.input[row])!);
      };
      return () => {
        $.ACTION(begin);
        read();
        $.ACTION(end);
      };
    };

    // The alternatives and the loop are made once: the form rule runs them for every part of every form.
    const readTitle = () => $.CONSUME(TitleRow);
    const readHeader = () => $.SUBRULE(header);
    const readFunds = () => $.SUBRULE1(funds);
    const readGoals = () => $.SUBRULE2(goals);
    const readIndicators = () => $.SUBRULE3(indicators);
    const readTotal = () => $.SUBRULE4(total);
    const readPage = () => $.CONSUME(PageRow);
    const readData = () => $.CONSUME(DataRow);
    const parts = [
      { ALT: part('title', readTitle) },
      { ALT: part('header', readHeader) },
      { ALT: part('funds', readFunds) },
      { ALT: part('goals', readGoals) },
      { ALT: part('indicators', readIndicators) },
      { ALT: part('total', readTotal) },
      { ALT: part('page', readPage) },
      { ALT: part('data', readData) },
    ];
    const eachPart = {
      GATE: () => continuesForm(this.stage, kindOf($.LA(1))!, kindOf($.LA(2))),
      DEF: () => {
        $.OR(parts);
      },
    };
    const openForm = () => {
      this.stage = 'start';
      this.partCount = 0;
    };
    // A form keeps a copy of just its parts: they are gathered in one array, used again form after form.
    const closeForm = () => this.forms.push(this.parts.slice(0, this.partCount));
    const form = $.RULE('form', () => {
      $.ACTION(openForm);
      $.AT_LEAST_ONE(eachPart);
      $.ACTION(closeForm);
    });

    const readForm = () => $.SUBRULE5(form);
    this.document = $.RULE('document', () => {
      $.ACTION(() => (this.forms = []));
      $.MANY(readForm);
      return this.forms;
    });
    this.performSelfAnalysis();
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
