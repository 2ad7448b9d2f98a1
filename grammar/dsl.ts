/**
 * The part of Chevrotain's parsing DSL the production files use. The parser
 * hands itself to each production file under this type, so the grammar can
 * live in one file per section of the form.
 */
import type { IOrAlt, IToken, TokenType, DSLMethodOpts, DSLMethodOptsWithErr } from 'chevrotain';

/** A grammar rule, as Chevrotain's embedded-actions parser returns it: what its implementation returns. */
export type Rule<T = void> = (idx?: number) => T;

export interface GrammarDsl {
  RULE<T>(name: string, implementation: () => T): Rule<T>;
  CONSUME(tokenType: TokenType): IToken;
  CONSUME1(tokenType: TokenType): IToken;
  CONSUME2(tokenType: TokenType): IToken;
  CONSUME3(tokenType: TokenType): IToken;
  SUBRULE<T>(rule: Rule<T>): T;
  SUBRULE1<T>(rule: Rule<T>): T;
  SUBRULE2<T>(rule: Rule<T>): T;
  SUBRULE3<T>(rule: Rule<T>): T;
  SUBRULE4<T>(rule: Rule<T>): T;
  SUBRULE5<T>(rule: Rule<T>): T;
  OR(alternatives: IOrAlt<unknown>[]): unknown;
  OR1(alternatives: IOrAlt<unknown>[]): unknown;
  OPTION(action: DSLMethodOpts<unknown> | (() => unknown)): unknown;
  MANY(action: DSLMethodOpts<unknown> | (() => unknown)): void;
  MANY1(action: DSLMethodOpts<unknown> | (() => unknown)): void;
  AT_LEAST_ONE(action: DSLMethodOptsWithErr<unknown> | (() => unknown)): void;
  ACTION<T>(implementation: () => T): T;
  LA(howMuch: number): IToken;
}

