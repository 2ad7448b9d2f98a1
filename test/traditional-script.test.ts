/**
 * Fixed words printed in traditional characters (年度資金總額, 績效目標, 產出指標,
 * 總分 …): read through one table (src/tables/script.ts), folded character by
 * character into the text the lexer reads and the keys the tables are looked
 * up by, while every cell's text stays as written.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import { foldScript, TRADITIONAL_TO_SIMPLIFIED } from '../src/tables/script.js';
import { compareToTruth } from './support/template-compare.js';
import { BASELINE, exactly, generateTemplate, type Traits } from './support/template-gen.js';

describe('the traditional → simplified table', () => {
  it('folds only characters simplified text does not use, so a simplified text folds to itself', () => {
    const simplified = Object.values(TRADITIONAL_TO_SIMPLIFIED);
    for (const [traditional, plain] of Object.entries(TRADITIONAL_TO_SIMPLIFIED)) {
      expect(traditional, `${traditional} → ${plain}`).not.toBe(plain);
      expect(simplified, `${traditional} is itself a simplified character of the table`).not.toContain(traditional);
    }
    expect(foldScript('年度資金總額 · 績效目標 · 產出指標 · 滿意度 · 總分')).toBe('年度资金总额 · 绩效目标 · 产出指标 · 满意度 · 总分');
    const plain = '年度资金总额 项目支出绩效自评表 其中：当年财政拨款';
    expect(foldScript(plain)).toBe(plain);
  });
});

describe('a form printed in traditional characters', () => {
  const FORM = [
    '項目支出績效自評表',
    '項目名稱\t鄉村道路養護\t\t項目金額\t100',
    '主管部門\t某縣交通運輸局\t\t實施單位\t某縣公路站',
    '項目資金（萬元）\t\t年初預算數\t全年預算數\t全年執行數\t分值\t執行率\t得分',
    '\t年度資金總額\t100\t100\t90\t10\t90%\t9',
    '\t其中：當年財政撥款\t80\t80\t70\t—\t87.5%\t—',
    '\t上年結轉資金\t20\t20\t20\t—\t100%\t—',
    '年度總體目標\t預期目標\t\t實際完成情況',
    '\t完成養護任務\t\t已完成',
    '績效指標\t一級指標\t二級指標\t三級指標\t年度指標值\t實際完成值\t權重\t得分\t偏差原因分析及改進措施',
    '\t產出指標 (50分)\t數量指標\t養護里程\t≥100公里\t120公里\t50\t50\t',
    '\t滿意度指標 (40分)\t服務對象滿意度指標\t群眾滿意度\t≥90%\t95%\t40\t36\t部分路段施工影響',
    '總分\t\t\t\t\t\t100\t95\t',
    '',
  ].join('\n');

  it('reads every section by its fixed words, keeping each cell’s text as written', () => {
    const document = parse(FORM);
    expect(document.forms).toHaveLength(1);
    const [form] = document.forms;
    expect(form.title).toBe('項目支出績效自評表');
    expect([form.project.name, form.project.department, form.project.implementer, form.project.amount?.raw]).toEqual(['鄉村道路養護', '某縣交通運輸局', '某縣公路站', '100']);
    expect(form.funds?.unit).toBe('万元');
    expect(form.funds?.rows.map((r) => [r.label, r.kind, r.initialBudget?.raw, r.adjustedBudget?.raw, r.executed?.raw, r.rate?.raw])).toEqual([
      ['年度資金總額', 'total', '100', '100', '90', '90%'],
      ['其中：當年財政撥款', 'fiscal', '80', '80', '70', '87.5%'],
      ['上年結轉資金', 'carryover', '20', '20', '20', '100%'],
    ]);
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.weight?.raw, i.score?.raw])).toEqual([
      ['產出指標', '數量指標', '養護里程', '50', '50'],
      ['滿意度指標', '服務對象滿意度指標', '群眾滿意度', '40', '36'],
    ]);
    expect([form.total?.weight?.raw, form.total?.score?.raw]).toEqual(['100', '95']);
    expect(form.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('generated forms with every fixed word in traditional characters', () => {
  const separators: Traits['separator'][] = ['tab', 'pipe', 'spaces'];
  it.each(separators)('read every field as drawn (%s), not merely reported', (separator) => {
    for (let seed = 1; seed <= 15; seed++) {
      const g = generateTemplate(seed, exactly({ ...BASELINE, spelling: 'traditional', separator }));
      const notRight = compareToTruth(parse(g.bytes), g.truth).fields.filter((r) => r.verdict !== 'right');
      expect(notRight, `seed ${seed}`).toEqual([]);
    }
  });
});
