/**
 * The built-in scoring profiles (评分口径) as an auditor names them: a
 * Chinese name and one line saying whose rules they are and what sets them
 * apart. The profile's own name stays the code given to `--profile`.
 */
export interface ProfileName {
  zh: string;
  zhLine: string;
  en: string;
}

export const PROFILE_NAMES: Readonly<Record<string, ProfileName>> = {
  default: {
    zh: '通用口径',
    zhLine: '按表中所填分值拆分各项指标；反向指标超标按“分值 × 目标值 ÷ 实际值”或 0 分均可接受；执行率四舍五入或截断均可接受。',
    en: 'general: the weights as the form declares them; either reading of an exceeded reverse target accepted',
  },
  mof2020: {
    zh: '财政部 2020 口径',
    zhLine: '财预〔2020〕10号：预算执行 10 分，产出 50 分，效益 30 分，满意度 10 分；执行率与得分四舍五入。',
    en: 'Ministry of Finance 2020 (财预〔2020〕10号): execution 10 / 产出 50 / 效益 30 / 满意度 10',
  },
  mof2021: {
    zh: '财政部 2021 口径',
    zhLine: '在 2020 口径上增设成本指标一级（财预〔2021〕101号），产出与成本的分值按项目设定。',
    en: 'Ministry of Finance 2021 (财预〔2021〕101号): as mof2020 with 成本指标 of its own',
  },
  vendor: {
    zh: '预算系统自动评分口径',
    zhLine: '省级预算管理系统的自动评分：反向指标超标时得分线性降至目标值两倍处为 0；等级线 80/70/60。',
    en: 'provincial budget-system auto-scoring: reverse targets fall linearly to 0 at twice the target; grades 80/70/60',
  },
  hubei: {
    zh: '湖北口径',
    zhLine: '湖北省表式：预算执行 20 分，产出 40 分，效益与满意度合计 40 分；定性指标按 80%/50% 分档。',
    en: 'Hubei: execution 20 / 产出 40 / 效益 and 满意度 40',
  },
  sichuan: {
    zh: '四川口径',
    zhLine: '四川省部门预算项目支出绩效自评表：预算执行 10 分，绩效指标 90 分；执行率低于 90% 须说明原因。',
    en: 'Sichuan: execution 10 / indicators 90; a reason required below a 90 % execution rate',
  },
};

/** A profile as a reader sees it: its Chinese name with its code, or the code alone for a profile file. */
export function profileLabel(code: string, lang: 'zh' | 'en'): string {
  const name = PROFILE_NAMES[code];
  if (name === undefined) return code;
  return lang === 'zh' ? `${name.zh}（${code}）` : code;
}
