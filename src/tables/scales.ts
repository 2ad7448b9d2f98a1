/**
 * Ranked qualitative scales (domain primer §4, what a careful reader
 * applies): each from best to worst. An actual below its target on the same
 * scale is not achieved; at or above it, achieved. A target naming several
 * grades at once (优良) is met by any of them: its worst one is the bar.
 */
export const RANKED_SCALES: ReadonlyArray<readonly string[]> = [
  ['优', '良', '中', '差'],
  ['优秀', '良好', '合格', '不合格'],
  ['好', '较好', '一般', '差'],
  ['显著', '较显著', '一般'],
];

/**
 * Grades of the second scale that name a rank of the first (优秀 is 优, 合格
 * is 中): a target on one and an actual on the other (优良 against 合格) are
 * compared on the first scale.
 */
export const SCALE_EQUIVALENTS: Readonly<Record<string, string>> = { 优秀: '优', 良好: '良', 合格: '中', 不合格: '差' };

/** Words after a target grade that make it a floor (良好以上: 良好 or better); the target is a floor in any case. */
export const SCALE_FLOOR_SUFFIXES: readonly string[] = ['及以上', '或以上', '以上'];

/** Words before a grade that add nothing to it (等级为优, 达到良好). */
export const SCALE_PREFIXES: readonly string[] = ['评价等级为', '评价等级', '等级为', '等级', '达到', '为'];
