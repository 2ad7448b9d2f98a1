/**
 * The indicator taxonomy (domain primer §3): which 一级 each 二级 belongs to,
 * in the 2020 framework and the 2021+ core-indicator guide, with the
 * evaluation framework (项目决策 / 项目过程 / 项目产出 / 项目效益) and the
 * spellings of both levels seen in published forms.
 */
import { textKeyed } from './text-keyed.js';

export type Framework = '2020' | '2021';

export const LEVEL1_NAMES = ['产出指标', '成本指标', '效益指标', '满意度指标', '项目决策', '项目过程'] as const;
export type Level1Name = (typeof LEVEL1_NAMES)[number];

const BOTH = (level1: Level1Name): Readonly<Record<Framework, Level1Name>> => ({ '2020': level1, '2021': level1 });

/** 二级 name → its 一级 under each framework. */
export const LEVEL2_PARENT: Readonly<Record<string, Readonly<Record<Framework, Level1Name>>>> = textKeyed({
  数量指标: BOTH('产出指标'),
  质量指标: BOTH('产出指标'),
  时效指标: BOTH('产出指标'),
  成本指标: { '2020': '产出指标', '2021': '成本指标' },
  经济成本指标: BOTH('成本指标'),
  社会成本指标: BOTH('成本指标'),
  生态环境成本指标: BOTH('成本指标'),
  经济效益指标: BOTH('效益指标'),
  社会效益指标: BOTH('效益指标'),
  生态效益指标: BOTH('效益指标'),
  可持续影响指标: BOTH('效益指标'),
  服务对象满意度指标: BOTH('满意度指标'),
  // The evaluation framework (项目决策 / 项目过程 / 项目产出 / 项目效益).
  项目目标: BOTH('项目决策'),
  决策过程: BOTH('项目决策'),
  项目立项: BOTH('项目决策'),
  绩效目标: BOTH('项目决策'),
  资金投入: BOTH('项目决策'),
  决策依据: BOTH('项目决策'),
  资金管理: BOTH('项目过程'),
  组织实施: BOTH('项目过程'),
  财务管理: BOTH('项目过程'),
  业务管理: BOTH('项目过程'),
  产出数量: BOTH('产出指标'),
  产出质量: BOTH('产出指标'),
  产出时效: BOTH('产出指标'),
  产出成本: BOTH('产出指标'),
});

/**
 * 二级 groups some forms print under another 一级 than the taxonomy's: the
 * older layout puts 服务对象满意度指标 under 效益指标. Taken when the form
 * has a label of the other 一级 and none of the taxonomy's own.
 */
export const LEVEL2_ALSO_UNDER: Readonly<Record<string, readonly Level1Name[]>> = {
  服务对象满意度指标: ['效益指标'],
};

/** 二级 names that only occur in the 2021+ framework: their presence puts a form in it. */
export const FRAMEWORK_2021_MARKERS: readonly string[] = ['经济成本指标', '社会成本指标', '生态环境成本指标'];

/**
 * Spelling variants of 二级 names seen in published forms, mapped to the
 * canonical name. The lexer makes a Level2 token of each; shorter spellings
 * (成本, 时效 …) are only taken by `readLevelLabel` below, by meaning.
 */
export const LEVEL2_ALIASES: Readonly<Record<string, string>> = textKeyed({
  满意度: '服务对象满意度指标',
  服务对象满意度: '服务对象满意度指标',
  可持续影响: '可持续影响指标',
  可持续发展指标: '可持续影响指标',
  生态环境效益指标: '生态效益指标',
  环境效益指标: '生态效益指标',
});

/**
 * Other spellings of 二级 names, once prefixes, suffixes, points and 等 are
 * stripped (see `labelCore`): the bare word without 指标, and wordings of
 * other templates. Matched only on whole cells.
 */
export const LEVEL2_SPELLINGS: Readonly<Record<string, string>> = textKeyed({
  ...LEVEL2_ALIASES,
  数量: '数量指标',
  质量: '质量指标',
  时效: '时效指标',
  进度指标: '时效指标',
  成本: '成本指标',
  经济成本: '经济成本指标',
  社会成本: '社会成本指标',
  生态环境成本: '生态环境成本指标',
  经济效益: '经济效益指标',
  社会效益: '社会效益指标',
  生态效益: '生态效益指标',
  社会效益效益指标: '社会效益指标',
  可持续影响效益指标: '可持续影响指标',
  服务对象满意度: '服务对象满意度指标',
  满意度指标: '服务对象满意度指标',
  服务对象满意: '服务对象满意度指标',
  社会公众或服务对象满意度指标: '服务对象满意度指标',
  社会公众或服务对象满意度: '服务对象满意度指标',
  产出数量指标: '产出数量',
  产出质量指标: '产出质量',
  产出时效指标: '产出时效',
  产出成本指标: '产出成本',
});

/** 二级 spellings that indicators are also named by (服务对象满意度 under 满意度指标): read as labels only with care. */
export const NAME_LIKE_LABELS: readonly string[] = ['满意度', '服务对象满意度', '群众满意度'];

/** Spellings of 一级 names → the 一级 they stand for (`效果指标` in some Hebei counties). */
export const LEVEL1_SPELLINGS: Readonly<Record<string, Level1Name>> = textKeyed({
  产出指标: '产出指标',
  产出: '产出指标',
  项目产出: '产出指标',
  项目产出指标: '产出指标',
  项目完成指标: '产出指标',
  成本指标: '成本指标',
  效益指标: '效益指标',
  效益: '效益指标',
  效果指标: '效益指标',
  项目效益: '效益指标',
  项目效益指标: '效益指标',
  满意度指标: '满意度指标',
  满意度: '满意度指标',
  项目决策: '项目决策',
  项目决策指标: '项目决策',
  决策: '项目决策',
  项目过程: '项目过程',
  项目过程指标: '项目过程',
  项目管理: '项目过程',
  项目管理指标: '项目过程',
  过程: '项目过程',
});

export function level1Of(level2: string, framework: Framework): Level1Name | null {
  return LEVEL2_PARENT[level2]?.[framework] ?? null;
}
