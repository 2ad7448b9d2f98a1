/**
 * The head of the small hand-written form the checker's case tables build on:
 * its title (2023), project and department rows, and a funds block of 100.00
 * budgeted and 95.00 spent (95.00 %, scored 9.50 of 10), its 其中 rows adding up.
 */
export const SMALL_FORM_HEAD: readonly string[] = [
  '项目支出绩效自评表（2023年度）',
  '项目名称\t测试项目\t\t\t项目金额\t100.00\t\t\t',
  '主管部门\t测试局\t\t\t实施单位\t测试中心\t\t\t',
  '项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t',
  '\t年度资金总额\t100.00\t100.00\t95.00\t10\t95.00%\t9.50\t',
  '\t其中：当年财政拨款\t100.00\t100.00\t95.00\t—\t95.00%\t—\t',
  '\t上年结转资金\t0.00\t0.00\t0.00\t—\t0.00%\t—\t',
  '\t其他资金\t0.00\t0.00\t0.00\t—\t0.00%\t—\t',
];
