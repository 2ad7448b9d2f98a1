/**
 * 项目名称 · 项目金额 / 主管部门 · 实施单位: the project's identity. One
 * 项目名称 row at most: another opens the next form (see boundary.ts).
 */
import type { GrammarDsl, Rule } from './dsl.js';
import { DepartmentRow, ProjectRow } from './tokens.js';

export function defineHeader($: GrammarDsl): Rule {
  // The alternatives and loops are made once: the rule runs them for every form.
  const departments = () => $.CONSUME(DepartmentRow);
  const laterDepartments = () => $.CONSUME2(DepartmentRow);
  const firstDepartments = () => $.CONSUME1(DepartmentRow);
  const namedAfter = () => {
    $.CONSUME1(ProjectRow);
    $.MANY1(laterDepartments);
  };
  const openings = [
    {
      ALT: () => {
        $.CONSUME(ProjectRow);
        $.MANY(departments);
      },
    },
    {
      ALT: () => {
        $.AT_LEAST_ONE(firstDepartments);
        $.OPTION(namedAfter);
      },
    },
  ];
  return $.RULE('header', () => {
    $.OR(openings);
  });
}
