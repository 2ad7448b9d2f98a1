/**
 * 项目名称 · 项目金额 / 主管部门 · 实施单位: the project's identity. One
 * 项目名称 row at most: another opens the next form (see boundary.ts).
 */
import type { GrammarDsl, Rule } from './dsl.js';
import { DepartmentRow, ProjectRow } from './tokens.js';

export function defineHeader($: GrammarDsl): Rule {
  return $.RULE('header', () => {
    $.OR([
      {
        ALT: () => {
          $.CONSUME(ProjectRow);
          $.MANY(() => $.CONSUME(DepartmentRow));
        },
      },
      {
        ALT: () => {
          $.AT_LEAST_ONE(() => $.CONSUME1(DepartmentRow));
          $.OPTION(() => {
            $.CONSUME1(ProjectRow);
            $.MANY1(() => $.CONSUME2(DepartmentRow));
          });
        },
      },
    ]);
  });
}
