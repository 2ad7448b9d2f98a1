/** 项目名称 · 项目金额 / 主管部门 · 实施单位: the project's identity. */
import type { GrammarDsl, Rule } from './dsl.js';
import { DepartmentRow, ProjectRow } from './tokens.js';

export function defineHeader($: GrammarDsl): Rule {
  return $.RULE('header', () => {
    $.AT_LEAST_ONE(() => {
      $.OR([{ ALT: () => $.CONSUME(ProjectRow) }, { ALT: () => $.CONSUME(DepartmentRow) }]);
    });
  });
}
