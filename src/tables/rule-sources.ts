/**
 * Where the checker's rules come from (domain primer §4 and §6): each source
 * tag of the rule catalogue (src/tables/rules.ts) as the document it names, in
 * Chinese and English, with the article or part a rule rests on where one can
 * be named. `fromMemory` marks a citation not read from a retrieved copy of
 * the document: an auditor should look the article up before quoting it.
 */

export interface RuleSourceDocument {
  zh: string;
  en: string;
  /** The article or part of the document, in Chinese; null where the document as a whole is the source. */
  article: string | null;
  articleEn: string | null;
  fromMemory: boolean;
}

export const RULE_SOURCE_DOCUMENTS = {
  '[MoF]': {
    zh: '财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）及其附件项目支出绩效自评表',
    en: 'Ministry of Finance, Measures for the Performance Evaluation of Project Expenditure (财预〔2020〕10号), and its self-evaluation form',
    article: '单位自评的指标权重与评分方法（第十六条、第十七条）；评价等级（第二十六条）',
    articleEn: 'self-evaluation weights and scoring (articles 16 and 17); grades (article 26)',
    fromMemory: true,
  },
  '[2021]': {
    zh: '财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）',
    en: 'Ministry of Finance, Guide to core performance targets and indicators of central project expenditure (财预〔2021〕101号)',
    article: '附件1 指标体系（成本指标单列为一级指标）',
    articleEn: 'annex 1, the indicator framework (成本指标 a 一级 of its own)',
    fromMemory: false,
  },
  '[legacy]': {
    zh: '已公开的项目支出绩效自评表填表说明（biz.doczj.com/doc/174893555.html）',
    en: 'The filling notes of a published self-evaluation form (biz.doczj.com/doc/174893555.html)',
    article: '填表说明：正向、反向指标计分公式，不适用指标按比例折算',
    articleEn: 'filling notes: positive and reverse formulas, rescaling of 不适用 rows',
    fromMemory: false,
  },
  '[vendor]': {
    zh: '省级预算管理一体化系统绩效模块的自评自动计分规则（公开源码）',
    en: 'The auto-scoring of self-evaluations in a provincial budget-management system (public code)',
    article: null,
    articleEn: null,
    fromMemory: false,
  },
  '[seed]': {
    zh: '随附样本导出文件本身的填报惯例（samples/000_16052ebbc3505be3.txt）',
    en: "The sample export's own conventions (samples/000_16052ebbc3505be3.txt)",
    article: null,
    articleEn: null,
    fromMemory: false,
  },
  '[Hubei]': {
    zh: '湖北省项目支出绩效自评表填表说明',
    en: "The Hubei self-evaluation template's filling notes",
    article: '正向指标 得分=权重×B/A，反向指标 得分=权重×A/B，得分不得突破权重',
    articleEn: 'positive: weight × B/A; reverse: weight × A/B; never above the weight',
    fromMemory: false,
  },
  '[Sichuan]': {
    zh: '四川省项目支出绩效自评表（2023 年模板）',
    en: 'The Sichuan self-evaluation template (2023)',
    article: '预算执行率 = 执行数 ÷ 调整后预算数，低于 90% 须说明原因',
    articleEn: 'execution rate = executed ÷ adjusted budget; a reason below 90 %',
    fromMemory: false,
  },
  '[practice]': {
    zh: '审计人员阅读自评表的通行做法（无单一官方出处，依据在提示中说明）',
    en: 'How auditors read a form (no single official source; the reason is stated in the finding)',
    article: null,
    articleEn: null,
    fromMemory: false,
  },
  '[jixiao]': {
    zh: 'jixiao 自身的一致性核对',
    en: "A consistency check of jixiao's own",
    article: null,
    articleEn: null,
    fromMemory: false,
  },
} as const satisfies Record<string, RuleSourceDocument>;

export type RuleSourceTag = keyof typeof RULE_SOURCE_DOCUMENTS;

/** Each source's short name, as a table of rules or a line under a finding cites it. */
export const RULE_SOURCE_SHORT: Readonly<Record<RuleSourceTag, { zh: string; en: string }>> = {
  '[MoF]': { zh: '财预〔2020〕10号及其自评表', en: 'MoF 财预〔2020〕10号 and its form' },
  '[2021]': { zh: '财预〔2021〕101号', en: '财预〔2021〕101号' },
  '[legacy]': { zh: '旧版自评表填报说明', en: "an older form's filling notes" },
  '[vendor]': { zh: '省级预算管理系统自动评分', en: 'provincial budget-system auto-scoring' },
  '[seed]': { zh: '样例导出文件自身的口径', en: "the sample export's own conventions" },
  '[Hubei]': { zh: '湖北省自评表填报说明', en: "the Hubei template's filling notes" },
  '[Sichuan]': { zh: '四川省部门预算项目支出绩效自评表', en: 'the Sichuan self-evaluation template' },
  '[practice]': { zh: '审计实务中的通行读法', en: 'how auditors read a form' },
  '[jixiao]': { zh: '本程序的一致性检查', en: 'a consistency check of jixiao' },
};
