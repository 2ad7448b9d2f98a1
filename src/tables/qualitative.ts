/**
 * The qualitative vocabulary: the words by which the checker places a
 * qualitative actual (及时, 部分完成, 未达成 …) in a scoring band, the
 * negations and lateness words that turn an achievement word round, and the
 * words that say "none" or "some" against a 无/否 target. The ranked scales
 * (优>良>中>差 …) are in scales.ts.
 */

export type Achievement = 'achieved' | 'partly' | 'notAchieved';

/** The bands' names as findings write them. */
export const ACHIEVEMENT_ZH: Readonly<Record<Achievement, string>> = { achieved: '达成', partly: '部分达成', notAchieved: '未达成' };

export interface VocabularyEntry {
  /** null: a hedged word the checker deliberately does not place in a band. */
  achievement: Achievement | null;
  /** `contains`: the term anywhere in the text; `exact`: the whole text. */
  match: 'contains' | 'exact';
  terms: readonly string[];
}

/**
 * Words that place a qualitative actual in a band. Order matters: negations
 * and partial achievement are tried before achievement, since 未达成 and
 * 部分达成 both contain 达成; hedged words (基本完成, 较好) come before
 * achievement too, and place nothing: the checker does not guess a band for
 * them (unverifiable). An achievement word right after a negation
 * (NEGATION_PREFIXES: 未及时, 效果不明显, 未能按时完成) is not achieved, and a
 * lateness word (LATENESS_WORDS: 逾期, 次年) is not achieved unless negated
 * itself (无逾期).
 */
export const QUALITATIVE_VOCABULARY: readonly VocabularyEntry[] = [
  {
    achievement: 'notAchieved',
    match: 'contains',
    terms: [
      '未达成', '未达到', '未完成', '未实现', '未按时', '没有完成', '没有达到', '效果较差', '效果差', '较差',
      '不及时', '不合格', '不符合', '不达标', '不满意', '无效',
    ],
  },
  { achievement: 'notAchieved', match: 'exact', terms: ['否', '差', '无'] },
  {
    achievement: 'partly',
    match: 'contains',
    terms: ['部分达成', '部分完成', '部分实现', '部分达到', '一定效果', '效果一般'],
  },
  { achievement: 'partly', match: 'exact', terms: ['一般'] },
  { achievement: null, match: 'contains', terms: ['基本', '较好', '尚可', '大部分', '大体'] },
  {
    achievement: 'achieved',
    match: 'contains',
    terms: [
      '达成', '达到', '完成', '实现', '及时', '按时', '准时', '按期', '有效', '明显', '显著', '符合', '合格', '达标',
      '良好', '满意', '保障', '提高', '提升', '改善', '降低', '减少', '正常', '优秀', '优良',
    ],
  },
  { achievement: 'achieved', match: 'exact', terms: ['是', '好', '优'] },
];

/** Words that negate the achievement word right after them; longer spellings first. */
export const NEGATION_PREFIXES: readonly string[] = [
  '未能', '没有', '没能', '不能', '并未', '尚未', '不够', '不太', '不很', '不大', '未', '没', '不', '无', '非',
];

/** Words that say a deadline was missed: not achieved wherever they stand, unless negated (无逾期, 未延期). */
export const LATENESS_WORDS: readonly string[] = ['逾期', '延期', '推迟', '超期', '次年', '延误', '滞后', '拖延'];

/**
 * Actuals that say "none", "no" or "zero": they meet a target of 无, 否 or 0
 * (安全事故 无, 是否发生 否, 0起). A text starting with one of NONE_STARTS
 * (无安全事故, 未发生事故, 零投诉) says the same.
 */
export const NONE_WORDS: readonly string[] = ['无', '否', '0', '零', '未发生', '没有', '无发生', '未出现', '杜绝'];
export const NONE_STARTS: readonly string[] = ['无', '零', '未发生', '没有发生', '未出现', '杜绝'];
/** Actuals that say "yes" or "there were some": they miss a 无/否 target. */
export const SOME_WORDS: readonly string[] = ['有', '是', '存在', '发生'];
