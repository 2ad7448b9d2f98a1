/**
 * What an indicator's own name and target say about its 二级 group, used only
 * to choose between readings the merged labels leave open (centred labels of
 * even groups): `公共服务平台建设完成及时率` is a 时效 indicator, `≤845万元`
 * a cost ceiling, `群众满意度` a satisfaction one. A cue never moves a row the
 * layout places one way only.
 *
 * Each cue matches the name or the target (width-folded, spaces dropped) and
 * names the groups it agrees with: canonical 二级 names, and the 一级 of a
 * group without 二级 (satisfaction in the seed's layout). A row's cue is its
 * matching cue of the highest weight; matches of that weight that agree with
 * different groups cancel out (no cue). Cues are kept narrow on purpose: a
 * word that also names other groups' indicators (数量, 环境, 经济 alone) is
 * not one, since a wrong cue would read a row wrongly without a diagnostic.
 */

export type CueField = 'name' | 'target';

export interface ContentCue {
  field: CueField;
  pattern: RegExp;
  /** The groups an indicator so named or so targeted belongs to. */
  groups: readonly string[];
  /** Strength: the strongest matching cue decides the row's cue. */
  weight: number;
}

const QUANTITY = ['数量指标', '产出数量'] as const;
const QUALITY = ['质量指标', '产出质量'] as const;
const TIMELINESS = ['时效指标', '产出时效'] as const;
/** Cost in both frameworks: the 2020 二级 under 产出, the 2021 二级 under the 成本 一级, the evaluation framework's 产出成本. */
const COST = ['成本指标', '经济成本指标', '社会成本指标', '生态环境成本指标', '产出成本'] as const;
const SATISFACTION = ['服务对象满意度指标', '满意度指标'] as const;

/** Counting words: a target in them counts things done (`100台`, `≥12次`, `1600人`). */
const COUNT_UNITS = '个|人|次|人次|台|场|项|套|件|批次|户次';

export const CONTENT_CUES: readonly ContentCue[] = [
  { field: 'name', pattern: /满意/, groups: SATISFACTION, weight: 4 },
  { field: 'name', pattern: /及时|时限|按时|准时|时效/, groups: TIMELINESS, weight: 3 },
  { field: 'target', pattern: /^(及时|按时|准时)|(月底|月末|年底|年末|日)前$|(天|日|工作日)内$/, groups: TIMELINESS, weight: 3 },
  { field: 'name', pattern: /成本|预算控制/, groups: COST, weight: 3 },
  { field: 'name', pattern: /合格率|达标率|优良率|验收|质量/, groups: QUALITY, weight: 2 },
  { field: 'name', pattern: /经济效益|收入|增收|创收/, groups: ['经济效益指标'], weight: 2 },
  { field: 'name', pattern: /可持续/, groups: ['可持续影响指标'], weight: 2 },
  { field: 'target', pattern: /^(≤|<|不超过|不高于|控制在)\d[\d,.]*(万元|元)$/, groups: COST, weight: 2 },
  { field: 'target', pattern: new RegExp(`^(≥|>|=)?\\d[\\d,.]*(${COUNT_UNITS})$`), groups: QUANTITY, weight: 1 },
];
