/**
 * The part of Chevrotain's parsing DSL the production files use. The parser
 * hands itself to each production file under this type, so the grammar can
 * live in one file per section of the form.
 */
import type { CstNode, IOrAlt, IToken, TokenType, DSLMethodOpts, DSLMethodOptsWithErr } from 'chevrotain';

export type Rule = (idx?: number) => CstNode;

export interface GrammarDsl {
  RULE(name: string, implementation: () => void): Rule;
  CONSUME(tokenType: TokenType): IToken;
  CONSUME1(tokenType: TokenType): IToken;
  CONSUME2(tokenType: TokenType): IToken;
  CONSUME3(tokenType: TokenType): IToken;
  SUBRULE(rule: Rule): CstNode;
  SUBRULE1(rule: Rule): CstNode;
  SUBRULE2(rule: Rule): CstNode;
  SUBRULE3(rule: Rule): CstNode;
  SUBRULE4(rule: Rule): CstNode;
  SUBRULE5(rule: Rule): CstNode;
  OR(alternatives: IOrAlt<unknown>[]): unknown;
  OR1(alternatives: IOrAlt<unknown>[]): unknown;
  OPTION(action: DSLMethodOpts<unknown> | (() => unknown)): unknown;
  MANY(action: DSLMethodOpts<unknown> | (() => unknown)): void;
  MANY1(action: DSLMethodOpts<unknown> | (() => unknown)): void;
  AT_LEAST_ONE(action: DSLMethodOptsWithErr<unknown> | (() => unknown)): void;
  ACTION<T>(implementation: () => T): T;
  LA(howMuch: number): IToken;
}

