/**
 * The indicator block of other templates, one trap at a time: labels the
 * tables do not know, labels in other spellings, indicators named like
 * labels, targets split over three columns, tables without 分值/得分, and
 * rows whose cells no reading places with confidence.
 */
import { describe, expect, it } from 'vitest';
import { oneForm } from './support/one-form.js';
import type { Form } from '../src/contract/schema.js';

const STANDARD = '年度绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施';

/** A form around a header and indicator rows written with `|` for tabs; the header is line 2, the first row line 3. */
function block(header: string, ...rows: string[]): Form {
  return oneForm(['项目名称|测试项目', header, ...rows, '总分||||||100|100']);
}

const rowsOf = (form: Form) =>
  form.indicators.map((i) => [i.line, i.level1, i.level1Points, i.level2, i.name, i.target?.raw ?? null, i.actual?.raw ?? null, i.weight?.raw ?? null, i.score?.raw ?? null]);
const codes = (form: Form) => form.diagnostics.map((d) => [d.line, d.code]);

describe('labels', () => {
  it('an unknown 一级 or 二级 in a label column is a label, kept as written and reported once as info', () => {
    const form = block(STANDARD, '|产出指标 (40分)|数量指标|培训人数|≥100人|120人|20|20|', '||服务覆盖指标|覆盖乡镇数|≥10个|12个|20|20|', '|公共服务指标(20分)|便民指标|办事时长缩短|≤3天|2天|20|20|', '|||窗口数量|≥5个|6个|0|0|');
    expect(rowsOf(form)).toEqual([
      [3, '产出指标', '40', '数量指标', '培训人数', '≥100人', '120人', '20', '20'],
      [4, '产出指标', '40', '服务覆盖指标', '覆盖乡镇数', '≥10个', '12个', '20', '20'],
      [5, '公共服务指标', '20', '便民指标', '办事时长缩短', '≤3天', '2天', '20', '20'],
      [6, '公共服务指标', '20', '便民指标', '窗口数量', '≥5个', '6个', '0', '0'],
    ]);
    expect(form.diagnostics.filter((d) => d.code === 'unknown-label').map((d) => [d.line, d.severity, d.detail])).toEqual([
      [4, 'info', { level: 2, text: '服务覆盖指标' }],
      [5, 'info', { level: 1, text: '公共服务指标' }],
      [5, 'info', { level: 2, text: '便民指标' }],
    ]);
  });

  it('short, suffixed and spaced spellings are read by meaning and kept as written, points dropped', () => {
    const form = block(STANDARD, '|产 出 指 标 (50分)|数量指标(10分)|培训人数|≥100人|120人|10|10|', '||时效|完成及时率|100%|100%|10|10|', '|满意度指标 10 分|服务对象满意度指标等|群众满意度|≥90%|95%|10|10|');
    expect(rowsOf(form).map((r) => r.slice(0, 5))).toEqual([
      [3, '产出指标', '50', '数量指标', '培训人数'],
      [4, '产出指标', '50', '时效', '完成及时率'],
      [5, '满意度指标', '10', '服务对象满意度指标等', '群众满意度'],
    ]);
    expect(codes(form)).toEqual([]);
  });

  it('an indicator named like a label is the row’s name', () => {
    const form = block(STANDARD, '|满意度指标（10分）|服务对象满意度指标|服务对象满意度|≥90%|96%|5|5|', '|||满意度|≥90%|94%|5|5|');
    expect(rowsOf(form)).toEqual([
      [3, '满意度指标', '10', '服务对象满意度指标', '服务对象满意度', '≥90%', '96%', '5', '5'],
      [4, '满意度指标', '10', '服务对象满意度指标', '满意度', '≥90%', '94%', '5', '5'],
    ]);
  });

  it('满意度 printed under 效益 stays there when the form has no 满意度 一级', () => {
    const form = block(STANDARD, '|产出指标（50分）|数量指标|救助人数|≥200人|215人|50|50|', '|效益指标（40分）|社会效益指标|基本生活保障|有效保障|有效保障|20|20|', '||服务对象满意度指标|救助对象满意度|≥90%|95%|20|20|');
    expect(rowsOf(form).map((r) => r.slice(0, 4))).toEqual([
      [3, '产出指标', '50', '数量指标'],
      [4, '效益指标', '40', '社会效益指标'],
      [5, '效益指标', '40', '服务对象满意度指标'],
    ]);
  });
});

describe('columns named by the header', () => {
  it('a target split over 指标性质 · 指标值 · 度量单位 is joined; 正向 reads as ≥, 定性 adds nothing', () => {
    const form = block(
      '年度绩效指标|一级指标|二级指标|三级指标|指标性质|指标值|度量单位|实际完成值|分值|得分|偏差原因分析及改进措施',
      '|产出指标|数量指标|培训人数|≥|200|人次|215|15|15|',
      '|||培训合格率|正向|95|%|98|15|15|',
      '|效益指标|社会效益指标|履职能力|定性|明显提升||明显提升|20|20|',
    );
    expect(form.indicators.map((i) => [i.line, i.target?.raw, i.target?.op, i.target?.value, i.target?.unit, i.actual?.raw])).toEqual([
      [3, '≥200人次', '>=', '200', '人次', '215'],
      [4, '≥95%', '>=', '95', '%', '98'],
      [5, '明显提升', null, null, null, '明显提升'],
    ]);
    expect(form.diagnostics.filter((d) => d.code === 'unplaced-cell')).toEqual([]);
  });

  it('a table without 分值 and 得分 leaves them null instead of shifting figures into them', () => {
    const form = block('年度绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|偏差原因分析及改进措施', '|产出指标（50分）|数量指标|补贴面积|18500|18500|', '|||补贴资金发放时间|12月底前|11月底|提前完成');
    expect(rowsOf(form)).toEqual([
      [3, '产出指标', '50', '数量指标', '补贴面积', '18500', '18500', null, null],
      [4, '产出指标', '50', '数量指标', '补贴资金发放时间', '12月底前', '11月底', null, null],
    ]);
    expect(form.indicators[1].deviation).toBe('提前完成');
  });

  it('a funds caption as an indicator name (预算执行率) keeps its row in the indicator block', () => {
    const form = block(STANDARD, '|项目过程(20分)|资金管理|预算执行率|≥90%|95%|10|9.5|部分资金未支付');
    expect(rowsOf(form)).toEqual([[3, '项目过程', '20', '资金管理', '预算执行率', '≥90%', '95%', '10', '9.5']]);
  });
});

describe('cells placed only with confidence', () => {
  it('a row drifted left by the empty cells dropped before its name is read by its name\'s column', () => {
    // The row's first empty cell dropped: every cell from the name on stands one column left of its caption.
    const form = block(STANDARD, '产出指标|数量指标|采购数量|≥10台|10|10');
    const [row] = form.indicators;
    expect([row.name, row.target?.raw, row.actual?.raw, row.weight?.raw, row.score?.raw ?? null]).toEqual(['采购数量', '≥10台', '10', '10', null]);
    expect(form.diagnostics.filter((d) => d.code === 'unplaced-cell')).toEqual([]);
  });

  it('figures that stand under no caption at any drift of the row are left unplaced and reported with the candidates', () => {
    // Two cells more than the row has room for after its name: no drift puts every cell under its caption.
    const form = block(STANDARD, '产出指标|数量指标|采购数量|≥10台|10|10|9|8|7');
    const [row] = form.indicators;
    expect(row.name).toBe('采购数量');
    const reports = form.diagnostics.filter((d) => d.code === 'unplaced-cell');
    expect(reports.length).toBeGreaterThan(0);
    for (const d of reports) expect(d.line).toBe(3);
  });

  it('cells standing under their captions decide between readings the content leaves open', () => {
    const form = block(STANDARD, '|产出指标|数量指标|采购数量|≥10台||10|10|');
    expect(rowsOf(form)).toEqual([[3, '产出指标', null, '数量指标', '采购数量', '≥10台', null, '10', '10']]);
    expect(codes(form)).toEqual([]);
  });

  it('a figure beyond the header’s figure columns is reported, not placed in the deviation', () => {
    const form = block(STANDARD, '|产出指标|数量指标|采购数量|≥10台|12台|10|10|10');
    expect(form.indicators[0].deviation).toBeNull();
    expect(form.diagnostics.some((d) => d.code === 'unplaced-cell' && d.line === 3)).toBe(true);
  });
});
