/**
 * Words and codes the checker reads a form by, beyond the scoring
 * vocabulary: how a funds row says it breaks the row above it down, what a
 * deviation reason that says nothing looks like, which reader diagnostics make
 * a figure's placement uncertain, how a printed grade is written and where a
 * form states the reason for its execution rate.
 */

/** A funds row label starting with one of these breaks a row down (其中：财政拨款). */
export const FUNDS_BREAKDOWN_PREFIXES: readonly string[] = ['其中'];

/**
 * Deviation reasons that give no reason (domain primer §4, practice): the
 * whole text, spaces and punctuation removed, is one of these, or is empty.
 * Punctuation-only texts (`/`, `—`, `-`) are empty once normalised.
 */
export const NO_REASON_TEXTS: readonly string[] = ['无', '暂无', '没有', '无偏差', '不适用', '空', 'null', 'NULL', '无原因', 'NA', 'na', 'N/A', 'n/a'];

/**
 * Reader diagnostics that make the figures of their line uncertain: a cell
 * that could not be placed, a hierarchy that could be read another way, a
 * label that could be a name, a total or funds figure whose column is unknown.
 * A warning or error on such a line is withheld (an `unverifiable` note instead).
 */
export const PLACEMENT_DIAGNOSTICS: readonly string[] = [
  'unplaced-cell',
  'ambiguous-hierarchy',
  'label-or-name',
  'total-figure-unmatched',
  'funds-column-unmatched',
];

/**
 * Reader diagnostics of a figure that could not be read as a number (`十`,
 * `5.0.0`): the line's other figures stand, but a sum the figure belongs to
 * (a 一级's weights, the form's totals and grade) is unknown and withheld.
 */
export const UNREADABLE_FIGURE_DIAGNOSTICS: readonly string[] = ['invalid-number'];

/** Diagnostics that concern the 一级/二级 reading of a row, not its figures. */
export const HIERARCHY_DIAGNOSTICS: readonly string[] = ['ambiguous-hierarchy', 'label-or-name'];

/** A grade printed on a form, as written (the cell's whole text, spaces removed), and the grade it means. */
export const PRINTED_GRADES: Readonly<Record<string, '优' | '良' | '中' | '差'>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, '优' | '良' | '中' | '差'>, {
    优: '优', 良: '良', 中: '中', 差: '差',
    优秀: '优', 良好: '良', 中等: '中', 较差: '差',
    '等级：优': '优', '等级：良': '良', '等级：中': '中', '等级：差': '差',
    评价等级优: '优', 评价等级良: '良', 评价等级中: '中', 评价等级差: '差',
  }),
);

/** Captions a form prints before its grade in a cell of its own (评价等级 | 优). */
export const GRADE_LABELS: readonly string[] = [
  '评价等级', '自评等级', '绩效等级', '评定等级', '绩效评价等级', '等级',
  '评价等次', '自评等次', '等次', '评价结果', '自评结果', '评价结论', '自评结论',
];

/** Labels of a form's own reason cell for its execution rate (四川: 偏差原因 / 原因分析). */
export const REASON_LABELS: readonly string[] = ['偏差原因分析及改进措施', '偏差原因分析', '偏差原因', '原因分析', '原因说明', '未完成原因'];

/**
 * Words of the 一级 labels of the evaluation framework's common indicators
 * (项目决策, 项目过程, 项目管理): rows scored on the evaluator's review, with
 * neither target nor actual. Elsewhere a row scored above 0 with neither is
 * missing its required 实际完成值.
 */
export const REVIEWED_LEVEL1_WORDS: readonly string[] = ['决策', '过程', '管理'];

/** Words in front of a figure that say what it is per (`人均≤800元` is `≤800元/人`). */
export const PER_UNIT_PREFIXES: Readonly<Record<string, string>> = { 人均: '人', 每人: '人', 户均: '户', 每户: '户', 亩均: '亩', 每亩: '亩' };
