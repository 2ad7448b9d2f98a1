/**
 * The normalizer on hand-written blocks, one export trap at a time, and the
 * seed's 129 rows against the taxonomy of domain.md §3 (written out here, not
 * imported, so the table in src/tables is checked too).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import { INDICATOR_HEADER, oneForm } from './support/one-form.js';
import type { Form } from '../src/contract/schema.js';

/** domain.md §3, 2020 framework (the seed's): 二级 → 一级. */
const PARENT_2020: Record<string, string> = {
  数量指标: '产出指标', 质量指标: '产出指标', 时效指标: '产出指标', 成本指标: '产出指标',
  经济效益指标: '效益指标', 社会效益指标: '效益指标', 生态效益指标: '效益指标', 可持续影响指标: '效益指标',
  服务对象满意度指标: '满意度指标',
};

const HEADER = INDICATOR_HEADER.replace(/\|/g, '\t');

/** A form around indicator rows written with `|` for tabs; the header is line 2, the first row line 3. */
function block(...rows: string[]): Form {
  return oneForm(['项目名称|测试项目', INDICATOR_HEADER, ...rows, '总分||||||100|100']);
}

const tree = (form: Form) => form.indicators.map((i) => [i.line, i.level1, i.level1Points, i.level2, i.name]);
const flags = (form: Form) => form.diagnostics.filter((d) => d.code === 'ambiguous-hierarchy').map((d) => [d.line, d.detail?.chosen, d.detail?.alternatives]);

describe('the seed', () => {
  const document = parse(readFileSync(join(import.meta.dirname, '..', 'samples', '000_16052ebbc3505be3.txt')));
  const indicators = document.forms.flatMap((f) => f.indicators);

  it('has 129 indicator rows, each with the 一级 its 二级 belongs to', () => {
    expect(indicators).toHaveLength(129);
    for (const i of indicators) {
      if (i.level2 === null) expect([i.line, i.level1]).toEqual([i.line, '满意度指标']);
      else expect([i.line, i.level1]).toEqual([i.line, PARENT_2020[i.level2]]);
    }
  });

  it('gives every 一级 its declared points: 产出 50, 效益 40, 满意度 none', () => {
    const points = new Set(indicators.map((i) => `${i.level1}:${i.level1Points}`));
    expect([...points].sort()).toEqual(['产出指标:50', '效益指标:40', '满意度指标:null']);
  });

  it('reads 效益指标 printed on the 成本指标 row as opening its group on the next row (lines 141 and 223)', () => {
    const at = (line: number) => indicators.find((i) => i.line === line);
    expect([at(141)?.level1, at(141)?.level2]).toEqual(['产出指标', '成本指标']);
    expect([at(223)?.level1, at(223)?.level2]).toEqual(['产出指标', '成本指标']);
    expect([at(224)?.level1, at(224)?.level2]).toEqual(['效益指标', '经济效益指标']);
  });

  it('reports line 142 as ambiguous, with both readings, and nothing else', () => {
    const reported = document.forms.flatMap((f) => f.diagnostics).filter((d) => d.code === 'ambiguous-hierarchy');
    expect(reported.map((d) => [d.line, d.detail?.chosen, d.detail?.alternative])).toEqual([
      [142, { level1: '效益指标', level2: '经济效益指标' }, { level1: '产出指标', level2: '成本指标' }],
    ]);
  });
});

describe('merged labels', () => {
  it('top: a label covers the rows down to the next one', () => {
    const form = block('|产出指标 (50分)|数量指标|甲|1|1|10|10', '|||乙|1|1|10|10', '||质量指标|丙|1|1|10|10', '|效益指标（40分）|社会效益指标|丁|有效|有效|20|20', '|||戊|有效|有效|20|20');
    expect(tree(form)).toEqual([
      [3, '产出指标', '50', '数量指标', '甲'],
      [4, '产出指标', '50', '数量指标', '乙'],
      [5, '产出指标', '50', '质量指标', '丙'],
      [6, '效益指标', '40', '社会效益指标', '丁'],
      [7, '效益指标', '40', '社会效益指标', '戊'],
    ]);
    expect(flags(form)).toEqual([]);
  });

  it('bottom: a label covers the rows up from the previous one', () => {
    const form = block('|||甲|1|1|10|10', '||数量指标|乙|1|1|10|10', '|产出指标 (50分)|质量指标|丙|1|1|10|10', '|||丁|有效|有效|20|20', '|效益指标 (40分)|社会效益指标|戊|有效|有效|20|20');
    expect(tree(form).map((r) => r.slice(1, 4))).toEqual([
      ['产出指标', '50', '数量指标'],
      ['产出指标', '50', '数量指标'],
      ['产出指标', '50', '质量指标'],
      ['效益指标', '40', '社会效益指标'],
      ['效益指标', '40', '社会效益指标'],
    ]);
    expect(flags(form)).toEqual([]);
  });

  it('middle: a label on row ⌊(n−1)/2⌋ of its group of n', () => {
    // 产出 over rows 3–7 (label on row 5), 数量 over 3–5 (label on 4), 质量 over 6–7 (label on 6); 效益 and 社会 on row 8.
    const form = block('|||甲|1|1|10|10', '||数量指标|乙|1|1|10|10', '|产出指标 (50分)||丙|1|1|10|10', '||质量指标|丁|1|1|10|10', '|||戊|1|1|10|10', '|效益指标 (40分)|社会效益指标|己|有效|有效|40|40');
    expect(tree(form).map((r) => r[3])).toEqual(['数量指标', '数量指标', '数量指标', '质量指标', '质量指标', '社会效益指标']);
    expect(flags(form)).toEqual([]);
  });

  it('one reading when the 一级 label rules the others out', () => {
    // 数量 on row 3, 质量 on row 5, 产出 on row 3. Centred, 产出 (three rows) would have its label on row 4;
    // bottom-aligned, on row 5. Only the top reading places every label.
    const form = block('|产出指标 (50分)|数量指标|甲|1|1|10|10', '|||乙|1|1|10|10', '||质量指标|丙|1|1|10|10');
    expect(tree(form).map((r) => r[3])).toEqual(['数量指标', '数量指标', '质量指标']);
    expect(flags(form)).toEqual([]);
  });

  it('truly ambiguous: the row two layouts read differently is reported with both readings', () => {
    // Top: 产出 = rows 3–5, 效益 = 6–7. Centred: 产出 = 3–4 (label on row ⌊1/2⌋ = 0 of it),
    // 效益 = 5–7 (label on row ⌊2/2⌋ = 1 of it). Every label fits both; row 5 is read either way.
    const form = block('|产出指标 (50分)|数量指标|甲|1|1|10|10', '|||乙|1|1|10|10', '|||丙|1|1|10|10', '|效益指标 (40分)|社会效益指标|丁|有效|有效|20|20', '|||戊|有效|有效|20|20');
    expect(tree(form).map((r) => r[1])).toEqual(['产出指标', '产出指标', '产出指标', '效益指标', '效益指标']);
    expect(flags(form)).toEqual([[5, { level1: '产出指标', level2: '数量指标' }, [{ level1: '效益指标', level2: '社会效益指标' }]]]);
  });

  it('between centred readings, the one with groups of odd size is chosen, and the other reported', () => {
    // 数量 label on row 4, 质量 on row 7, one 产出 group over rows 3–8 with its label on row 5 (⌊5/2⌋ = 2).
    // 数量 = 3–5 and 质量 = 6–8 (label on the middle row of each), or 数量 = 3–6 and 质量 = 7–8 (upper middle of even groups).
    const form = block('|||甲|1|1|10|10', '||数量指标|乙|1|1|10|10', '|产出指标 (50分)||丙|1|1|10|10', '|||丁|1|1|10|10', '||质量指标|戊|1|1|5|5', '|||己|1|1|5|5');
    expect(tree(form).map((r) => r[3])).toEqual(['数量指标', '数量指标', '数量指标', '质量指标', '质量指标', '质量指标']);
    expect(flags(form)).toEqual([[6, { level1: '产出指标', level2: '质量指标' }, [{ level1: '产出指标', level2: '数量指标' }]]]);
  });
});

describe('labels in odd places', () => {
  it('two 二级 labels in one row: the first is an empty group, the row belongs to the second', () => {
    const form = block('|效益指标 (40分)|经济效益指标|甲|有效|有效|20|20', '||社会效益指标|生态效益指标|不适用|不适用|/|0|0');
    expect(tree(form)).toEqual([
      [3, '效益指标', '40', '经济效益指标', '甲'],
      [4, '效益指标', '40', '生态效益指标', '不适用'],
    ]);
  });

  it('satisfaction without 二级, in column 0, in the 一级 column or in the 二级 column', () => {
    for (const row of ['满意度指标|||群众满意度|≥90%|99%|10|10', '|满意度指标||群众满意度|≥90%|99%|10|10', '||满意度指标|群众满意度|≥90%|99%|10|10']) {
      const form = block('|效益指标 (40分)|社会效益指标|甲|有效|有效|30|30', row, '|||工作人员满意度|≥90%|95%|10|10');
      expect(tree(form).map((r) => r.slice(1, 4))).toEqual([
        ['效益指标', '40', '社会效益指标'],
        ['满意度指标', null, null],
        ['满意度指标', null, null],
      ]);
    }
  });

  it('declared points in every bracket and spacing', () => {
    for (const [label, points] of [['产出指标（50分）', '50'], ['产出指标 (50分)', '50'], ['产出指标(12.5分)', '12.5'], ['产出指标 （ 30 分 ）', '30'], ['产出指标', null]]) {
      const form = block(`|${label}|数量指标|甲|1|1|10|10`);
      expect(tree(form)[0].slice(1, 4)).toEqual(['产出指标', points, '数量指标']);
    }
  });

  it('2020: 成本指标 without points is the 二级 under 产出指标; 2021: a 一级 over 经济/社会/生态环境成本指标', () => {
    const old = block('|产出指标 (50分)|数量指标|甲|1|1|25|25', '||成本指标|预算控制数|≤2万元|1万元|25|25');
    expect(tree(old)[1].slice(1, 4)).toEqual(['产出指标', '50', '成本指标']);
    const guide = block('|产出指标 (40分)|数量指标|甲|1|1|40|40', '|成本指标（20分）|经济成本指标|材料成本|≤2万元|1万元|10|10', '||生态环境成本指标|能耗|≤5吨|4吨|10|10');
    expect(tree(guide).map((r) => r.slice(1, 4))).toEqual([
      ['产出指标', '40', '数量指标'],
      ['成本指标', '20', '经济成本指标'],
      ['成本指标', '20', '生态环境成本指标'],
    ]);
  });
});

describe('page breaks and drift', () => {
  it('a page line and a repeated header inside a group do not restart the tree', () => {
    const form = block('|产出指标 (50分)|数量指标|甲|1|1|10|10', '第 2 页', HEADER.replace(/\t/g, '|'), '|||乙|1|1|10|10', '- 3 -', '|||丙|1|1|10|10');
    expect(tree(form)).toEqual([
      [3, '产出指标', '50', '数量指标', '甲'],
      [6, '产出指标', '50', '数量指标', '乙'],
      [8, '产出指标', '50', '数量指标', '丙'],
    ]);
    expect(form.diagnostics).toEqual([]);
  });

  it('rows drifted left keep their fields', () => {
    const form = block('|产出指标 (50分)|数量指标|甲|100台|98台|10|9.8|采购延迟', '乙|100台|100台|10|10', '|丙|及时|及时|10|10');
    expect(form.indicators.map((i) => [i.name, i.target?.raw, i.actual?.raw, i.weight?.raw, i.score?.raw, i.deviation])).toEqual([
      ['甲', '100台', '98台', '10', '9.8', '采购延迟'],
      ['乙', '100台', '100台', '10', '10', null],
      ['丙', '及时', '及时', '10', '10', null],
    ]);
    expect(form.diagnostics).toEqual([]);
  });
});

describe('content decides between readings the merged labels leave open', () => {
  // The block of 'between centred readings' above: row 6 is 数量 (groups 3–6, 7–8) or 质量 (3–5, 6–8).
  const centred = (row6: string) => block('|||甲|1|1|10|10', '||数量指标|乙|1|1|10|10', '|产出指标 (50分)||丙|1|1|10|10', row6, '||质量指标|戊|1|1|5|5', '|||己|1|1|5|5');

  it('a count target puts the open row under 数量, against the odd-group preference, and nothing is reported', () => {
    const form = centred('|||维护设备|100台|100台|10|10');
    expect(tree(form).map((r) => r[3])).toEqual(['数量指标', '数量指标', '数量指标', '数量指标', '质量指标', '质量指标']);
    expect(flags(form)).toEqual([]);
  });

  it('a 合格率 puts it under 质量, and nothing is reported', () => {
    const form = centred('|||设备验收合格率|100%|100%|10|10');
    expect(tree(form).map((r) => r[3])).toEqual(['数量指标', '数量指标', '数量指标', '质量指标', '质量指标', '质量指标']);
    expect(flags(form)).toEqual([]);
  });

  it('a neutral name and target decide nothing: the row is still reported with both readings', () => {
    const form = centred('|||设备运行完成率|100%|100%|10|10');
    expect(flags(form)).toEqual([[6, { level1: '产出指标', level2: '质量指标' }, [{ level1: '产出指标', level2: '数量指标' }]]]);
  });

  it('a cue that agrees with neither reading decides nothing', () => {
    const form = centred('|||群众满意度|≥90%|95%|10|10');
    expect(flags(form)).toEqual([[6, { level1: '产出指标', level2: '质量指标' }, [{ level1: '产出指标', level2: '数量指标' }]]]);
  });

  it('top or centred 一级 groups: a 及时率 reads the open row under 时效, a 收入 under 经济效益', () => {
    // Top: 产出 = rows 3–5, 效益 = 6–7; centred: 产出 = 3–4, 效益 = 5–7 (as in 'truly ambiguous' above).
    const rows = (row5: string, level2: string, name: string) => block(`|产出指标 (50分)|${level2}|甲|1|1|10|10`, '|||乙|1|1|10|10', row5, `|效益指标 (40分)|${name}|丁|有效|有效|20|20`, '|||戊|有效|有效|20|20');
    const timely = rows('|||资金拨付及时率|100%|100%|10|10', '时效指标', '社会效益指标');
    expect(tree(timely).map((r) => r[3])).toEqual(['时效指标', '时效指标', '时效指标', '社会效益指标', '社会效益指标']);
    expect(flags(timely)).toEqual([]);
    const economic = rows('|||村集体经济收入|有效|有效|10|10', '数量指标', '经济效益指标');
    expect(tree(economic).map((r) => r.slice(1, 4))[2]).toEqual(['效益指标', '40', '经济效益指标']);
    expect(flags(economic)).toEqual([]);
  });

  it('a row whose cue the other rows outweigh stays reported, with the reading it agrees with', () => {
    // The labels let 时效 start on line 5, 6 or 7 (neutral names: lines 5 and 6 reported). Lines 5–6 under 时效 agree
    // with the 及时率 (weight 3), under 质量 with the 合格率 (weight 2): 时效 is read, and line 6 keeps its report.
    const form = block('||数量指标|甲|1|1|10|10', '|产出指标 (50分)|质量指标|乙|1|1|10|10', '|||资金拨付及时率|100%|100%|10|10', '|||设备验收合格率|100%|100%|10|10', '||时效指标|丁|1|1|10|10');
    expect(tree(form).map((r) => r[3])).toEqual(['数量指标', '质量指标', '时效指标', '时效指标', '时效指标']);
    expect(flags(form).map(([line, chosen, alternatives]) => [line, chosen, (alternatives as { level2: string }[]).map((a) => a.level2)])).toEqual([
      [6, { level1: '产出指标', level2: '时效指标' }, ['质量指标']],
    ]);
  });

  it('content never moves a row from the reading of one convention for both columns, and reports it where another fits', () => {
    // Only the top reading of both columns places every label (see 'one reading when the 一级 label rules the others
    // out'): a 合格率 under the 数量 label stays there. A bottom-aligned 二级 column beside the top 一级 column fits
    // as well (数量: 甲; 质量: the 合格率 and 丙), and the row's own name agrees with it: the row is reported.
    const form = block('|产出指标 (50分)|数量指标|甲|1|1|10|10', '|||设备验收合格率|100%|100%|10|10', '||质量指标|丙|1|1|10|10');
    expect(tree(form).map((r) => r[3])).toEqual(['数量指标', '数量指标', '质量指标']);
    expect(flags(form)).toEqual([[4, { level1: '产出指标', level2: '数量指标' }, [{ level1: '产出指标', level2: '质量指标' }]]]);
  });
});

describe('the content cue of a row', () => {
  it('is the strongest cue its name and target match', async () => {
    const { rowCueOf } = await import('../src/layout/content-cue.js');
    const groups = (name: string | null, target: string | null) => {
      const cue = rowCueOf({ name, target });
      return cue && [...cue.groups][0];
    };
    expect(groups('防疫物资验收完成及时性', '100%')).toBe('时效指标'); // 及时 outweighs 验收
    expect(groups('设备维护完成率', '100台')).toBe('数量指标');
    expect(groups('设备维护完成率', '≤ 30 万元')).toBe('成本指标');
    expect(groups('设备维护完成率', '２０２３年１２月底前')).toBe('时效指标');
    expect(groups('工作人员满意度', '≥90%')).toBe('服务对象满意度指标');
    expect(groups('设备维护完成率', '≥95%')).toBeNull();
    expect(groups('受益人口数量', '≥500亩')).toBeNull();
    // Equal strength, different groups: no cue.
    expect(groups('设备验收合格率', '≤30万元')).toBeNull();
  });
});
