/**
 * The indicator taxonomy (domain primer §3): which 一级 each 二级 belongs to,
 * in the 2020 framework and the 2021+ core-indicator guide.
 */

export type Framework = '2020' | '2021';

export const LEVEL1_NAMES = ['产出指标', '成本指标', '效益指标', '满意度指标'] as const;
export type Level1Name = (typeof LEVEL1_NAMES)[number];

/** 二级 name → its 一级 under each framework. */
export const LEVEL2_PARENT: Readonly<Record<string, Readonly<Record<Framework, Level1Name>>>> = {
  数量指标: { '2020': '产出指标', '2021': '产出指标' },
  质量指标: { '2020': '产出指标', '2021': '产出指标' },
  时效指标: { '2020': '产出指标', '2021': '产出指标' },
  成本指标: { '2020': '产出指标', '2021': '成本指标' },
  经济成本指标: { '2020': '成本指标', '2021': '成本指标' },
  社会成本指标: { '2020': '成本指标', '2021': '成本指标' },
  生态环境成本指标: { '2020': '成本指标', '2021': '成本指标' },
  经济效益指标: { '2020': '效益指标', '2021': '效益指标' },
  社会效益指标: { '2020': '效益指标', '2021': '效益指标' },
  生态效益指标: { '2020': '效益指标', '2021': '效益指标' },
  可持续影响指标: { '2020': '效益指标', '2021': '效益指标' },
  服务对象满意度指标: { '2020': '满意度指标', '2021': '满意度指标' },
};

/** 二级 names that only occur in the 2021+ framework: their presence puts a form in it. */
export const FRAMEWORK_2021_MARKERS: readonly string[] = ['经济成本指标', '社会成本指标', '生态环境成本指标'];

/** Spelling variants of 二级 names seen in published forms, mapped to the canonical name. */
export const LEVEL2_ALIASES: Readonly<Record<string, string>> = {
  满意度: '服务对象满意度指标',
  服务对象满意度: '服务对象满意度指标',
  可持续影响: '可持续影响指标',
  可持续发展指标: '可持续影响指标',
  生态环境效益指标: '生态效益指标',
  环境效益指标: '生态效益指标',
};

export function level1Of(level2: string, framework: Framework): Level1Name | null {
  return LEVEL2_PARENT[level2]?.[framework] ?? null;
}
