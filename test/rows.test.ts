/**
 * Rows of typed cells from the layouts real exports come in: Excel quoting
 * across physical lines, control characters, trailing blanks, HTML remnants,
 * pipe-flattened tables, and space-aligned text whose cells are placed under
 * their header captions by display position (CJK characters two columns wide).
 */
import { describe, expect, it } from 'vitest';
import { lex } from '../src/parse/lex.js';
import { buildRows, type Row, type RowsResult } from '../src/parse/rows.js';
import { parse } from '../src/api/pipeline.js';
import { countLineBreaks, lineIndex, lineStarts } from '../src/parse/text.js';
import { alignSpaceColumns } from '../src/layout/space-columns.js';

/** The rows of a text, with space-aligned cells put under their captions as the layout stage puts them. */
function rowsOf(text: string): RowsResult {
  const result = buildRows(text, lex(text).chunks, lineIndex(text));
  alignSpaceColumns(result.rows);
  return result;
}

/** Each row as [line, kind, [column, text]...] for compact comparisons. */
const summary = (rows: readonly Row[]) => rows.map((r) => [r.line, r.kind, ...r.cells.map((c) => [c.index, c.text])]);

describe('Excel quoting', () => {
  it('a quoted cell keeps its tabs, line breaks and doubled quotes, and later rows keep their physical lines', () => {
    const text = [
      '年度总体目标\t预期目标\t\t\t实际完成情况',
      '\t"第一行\n第二行\t仍在单元格内"\t\t\t"他说""好""。"',
      '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
      '\t产出指标 (50分)\t数量指标\t"新增座椅\n（含遮阳棚）"\t≥40套\t36套\t10\t9',
      '\t\t质量指标\t验收合格率\t100%\t100%\t10\t10',
      '',
    ].join('\n');
    const { rows, diagnostics } = rowsOf(text);
    expect(diagnostics).toEqual([]);
    expect(rows.map((r) => [r.line, r.kind])).toEqual([
      [1, 'goals'],
      [2, 'data'],
      [4, 'indicatorHeader'],
      [5, 'data'],
      [7, 'data'],
    ]);
    const goals = rows[1].cells;
    expect(goals.map((c) => [c.index, c.text])).toEqual([
      [1, '第一行\n第二行\t仍在单元格内'],
      [4, '他说"好"。'],
    ]);
    expect(goals[0].raw).toBe('"第一行\n第二行\t仍在单元格内"');
    const seats = rows[3].cells.find((c) => c.index === 3)!;
    expect(seats).toMatchObject({ text: '新增座椅\n（含遮阳棚）', line: 5, column: 18, kind: 'text' });
    expect(rows[3].cells.find((c) => c.index === 4)).toMatchObject({ text: '≥40套', line: 6 });
    expect(rows[4].cells[0]).toMatchObject({ text: '质量指标', line: 7, column: 3 });
  });

  it('line breaks inside a quoted cell read the same whatever the file uses', () => {
    const crlf = '预期目标\t"甲\r\n乙"\r\n';
    const cr = '预期目标\t"甲\r乙"\r';
    for (const text of [crlf, cr]) {
      const cell = rowsOf(text).rows[0].cells[1];
      expect(cell.raw).toBe('"甲\n乙"');
      expect(cell.text).toBe('甲\n乙');
    }
  });

  it('a quoted figure (Excel quotes cells holding a comma) is a figure', () => {
    const cells = rowsOf('\t年度资金总额\t"10,380,629.85"\t"98.62%"\t"—"\n').rows[0].cells;
    expect(cells.map((c) => [c.kind, c.text])).toEqual([
      ['label', '年度资金总额'],
      ['number', '10,380,629.85'],
      ['percent', '98.62%'],
      ['marker', '—'],
    ]);
  });

  it('a quote inside a cell, or one never closed, is plain text and swallows nothing', () => {
    const { rows } = rowsOf('项目名称\t某"大"项目\t\t\t项目金额\t100\n\t"未闭合\n主管部门\t0402009\n');
    expect(summary(rows)).toEqual([
      [1, 'project', [0, '项目名称'], [1, '某"大"项目'], [4, '项目金额'], [5, '100']],
      [2, 'data', [1, '"未闭合']],
      [3, 'department', [0, '主管部门'], [1, '0402009']],
    ]);
  });
});

describe('line ends, blanks and control characters', () => {
  it('\\n, \\r\\n and \\r each end one physical line; trailing blanks make no cells', () => {
    const text = '项目名称\t甲  \r\n主管部门\t乙\t \t\r实施单位\t丙\n项目金额\t1\t\t';
    expect(summary(rowsOf(text).rows)).toEqual([
      [1, 'project', [0, '项目名称'], [1, '甲']],
      [2, 'department', [0, '主管部门'], [1, '乙']],
      [3, 'data', [0, '实施单位'], [1, '丙']],
      [4, 'data', [0, '项目金额'], [1, '1']],
    ]);
  });

  it('a line starts after each \\n, \\r\\n and \\r, in texts with and without \\r, of any length', () => {
    // The starts written out by hand for short texts; long ones against the break positions found one by one.
    expect([...lineStarts('甲\n乙\n')]).toEqual([0, 2, 4]);
    expect([...lineStarts('\n\n甲')]).toEqual([0, 1, 2]);
    expect([...lineStarts('甲\r\n乙\r丙\n')]).toEqual([0, 3, 5, 7]);
    expect([...lineStarts('')]).toEqual([0]);
    expect([...lineStarts('甲乙')]).toEqual([0]);
    for (const ending of ['\n', '\r\n', '\r']) {
      const text = Array.from({ length: 3000 }, (_, at) => '行'.repeat(at % 7)).join(ending);
      const starts = [0];
      for (let at = 0; at < text.length; at++) if (text[at] === ending[ending.length - 1]) starts.push(at + 1);
      expect([...lineStarts(text)]).toEqual(starts);
      expect(countLineBreaks(text)).toBe(starts.length - 1);
      expect(countLineBreaks(text + ending)).toBe(starts.length);
    }
    expect([countLineBreaks(''), countLineBreaks('甲'), countLineBreaks('\n'), countLineBreaks('\r\n\r\n'), countLineBreaks('\n\r'), countLineBreaks('甲\n乙\r\n丙\r')]).toEqual([0, 0, 1, 2, 2, 3]);
  });

  it('NUL, vertical tab, form feed and U+001A are reported where they are and dropped from the text', () => {
    const text = '项目名称\t甲\u0000\u0000\n\f年度绩效指标\t一级指标\n\t乙\u000b丙\n\u001a';
    const { rows, diagnostics } = rowsOf(text);
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.message.en])).toEqual([
      ['control-character', 1, 7, 'control character U+0000 in the text, dropped'],
      ['control-character', 2, 1, 'control character U+000C in the text, dropped'],
      ['control-character', 3, 3, 'control character U+000B in the text, dropped'],
      ['control-character', 4, 1, 'control character U+001A in the text, dropped'],
    ]);
    expect(summary(rows)).toEqual([
      [1, 'project', [0, '项目名称'], [1, '甲']],
      [2, 'indicatorHeader', [0, '年度绩效指标'], [1, '一级指标']],
      [3, 'data', [1, '乙丙']],
    ]);
    expect(rows[1].cells[0].kind).toBe('label');
  });

  it('control characters inside a quoted cell are reported too', () => {
    const { diagnostics } = rowsOf('预期目标\t"甲\u0007乙"\n');
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([[1, 8]]);
  });
});

describe('HTML remnants', () => {
  it('the text loses tags and entities, the raw cell keeps them', () => {
    const cells = rowsOf('预期目标\t<p>完成3个数据库采购；</p><br>新增电子图书&nbsp;1.2万册。\n').rows[0].cells;
    expect(cells[1].text).toBe('完成3个数据库采购；\n新增电子图书 1.2万册。');
    expect(cells[1].raw).toBe('<p>完成3个数据库采购；</p><br>新增电子图书&nbsp;1.2万册。');
  });

  it('a cell holding nothing but tags is an empty cell', () => {
    const cells = rowsOf('\t\t数量指标\t名称\t1\t1\t2\t2\t<p>&nbsp;</p>\n').rows[0].cells;
    expect(cells.map((c) => c.text)).toEqual(['数量指标', '名称', '1', '1', '2', '2']);
  });
});

describe('title rows', () => {
  it('a year printed under the title is part of the title block', () => {
    const rows = rowsOf('项目支出绩效自评表\n（2022年度）\n项目名称\t甲\n').rows;
    expect(rows.map((r) => r.kind)).toEqual(['title', 'title', 'project']);
  });

  it('a title padded with the separators of its merged row is still a title', () => {
    const rows = rowsOf('项目支出绩效自评表\t\t\t\t\n项目名称\t甲\n').rows;
    expect(rows[0].kind).toBe('title');
  });
});

describe('tables flattened from HTML or Word', () => {
  it('borders open no cell, a Markdown rule is no row, and `|  |` is an empty cell', () => {
    const text = ['| 项目名称 | 专项业务 | 项目金额 | 100 |', '|---|---|---|---|', '| 主管部门 |  | 实施单位 | 某单位 |', ''].join('\n');
    const { rows } = rowsOf(text);
    expect(rows.every((r) => r.separator === 'pipe')).toBe(true);
    expect(summary(rows)).toEqual([
      [1, 'project', [0, '项目名称'], [1, '专项业务'], [2, '项目金额'], [3, '100']],
      [3, 'department', [0, '主管部门'], [2, '实施单位'], [3, '某单位']],
    ]);
  });
});

describe('space-aligned text', () => {
  // Display columns (CJK two wide): 绩效指标 0, 一级指标 10, 二级指标 20, 三级指标 30,
  // 年度指标值 40, 实际完成值 52, 分值 64, 得分 70. The data row leaves 一级, 二级 and
  // 实际完成值 empty: by display position its cells sit under 三级指标, 年度指标值, 分值
  // and 得分; counting characters instead would put 受益人口 under 实际完成值.
  const header = '绩效指标  一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分';
  const data = ' '.repeat(30) + '受益人口' + '  ' + '1.2万人' + ' '.repeat(17) + '10' + '    ' + '10';

  it('cells take the column of the header caption above them', () => {
    const { rows } = rowsOf(`${header}\n${data}\n`);
    expect(rows.map((r) => r.separator)).toEqual(['spaces', 'spaces']);
    expect(rows[0].cells.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(rows[1].cells.map((c) => [c.index, c.text])).toEqual([
      [3, '受益人口'],
      [4, '1.2万人'],
      [6, '10'],
      [7, '10'],
    ]);
  });

  it('so the indicator reads with its actual missing, not shifted', () => {
    const text = ['项目名称  饮水工程  项目金额  10', header, data, ''].join('\n');
    const form = parse(text).forms[0];
    expect(form.source.separator).toBe('spaces');
    expect(form.indicators).toHaveLength(1);
    expect(form.indicators[0]).toMatchObject({ name: '受益人口', actual: null, weight: { value: '10' }, score: { value: '10' } });
    expect(form.indicators[0].target).toMatchObject({ raw: '1.2万人', value: '1.2', unit: '万人' });
  });

  it('funds rows with empty cells keep their figures in the right fields', () => {
    const text = [
      '项目名称    饮水工程        项目金额    456.80',
      '项目资金（万元）    年初预算数    全年预算数    全年执行数    分值    执行率    得分',
      '    年度资金总额                  456.80        441.20        10      96.58%    9.66',
      '    上年结转资金                                              —                 —',
      '',
    ].join('\n');
    const funds = parse(text).forms[0].funds!;
    expect(funds.unit).toBe('万元');
    const [total, carryover] = funds.rows;
    expect(total).toMatchObject({ initialBudget: null, adjustedBudget: { raw: '456.80' }, executed: { raw: '441.20' }, weight: { raw: '10' }, rate: { value: '96.58' }, score: { raw: '9.66' } });
    expect(carryover).toMatchObject({ initialBudget: null, adjustedBudget: null, executed: null, weight: { raw: '—' }, rate: null, score: { raw: '—' } });
  });

  it('a single space stays inside a cell', () => {
    const cells = rowsOf('项目资金 (元)    年初预算数\n年度总体 目标    预期目标\n').rows.map((r) => r.cells.map((c) => c.text));
    expect(cells).toEqual([
      ['项目资金 (元)', '年初预算数'],
      ['年度总体 目标', '预期目标'],
    ]);
  });
});

describe('cells read again once cleaned', () => {
  it('markup around a figure or a label hides neither', () => {
    const cells = rowsOf('<p>项目名称</p>\t专项<br>业务\t<b>项目金额</b>\t<span>1,234.50</span>\t100%<br>\n').rows[0].cells;
    expect(cells.map((c) => [c.kind, c.label, c.text, c.raw])).toEqual([
      ['label', 'projectName', '项目名称', '<p>项目名称</p>'],
      ['text', null, '专项\n业务', '专项<br>业务'],
      ['label', 'projectAmount', '项目金额', '<b>项目金额</b>'],
      ['number', null, '1,234.50', '<span>1,234.50</span>'],
      ['percent', null, '100%', '100%<br>'],
    ]);
  });
});

describe('a cell is its place and its reading', () => {
  it('cells of the same text on plain lines share one reading; a copy of a cell reads as the cell, its own fields as set', () => {
    const text = '数量指标\t完成率\t≥95%\t98.5%\t10\n数量指标\t及时率\t≥95%\t100%\t10\n';
    const [first, second] = buildRows(text, lex(text).chunks, lineIndex(text)).rows;
    // Five own fields whatever the cell holds: what it reads as is shared by every cell of its text.
    expect(Object.keys(first.cells[0])).toEqual(['index', 'offset', 'line', 'column', 'reading']);
    for (const k of [0, 2, 4]) {
      expect(second.cells[k].tokens, `cell ${k}`).toBe(first.cells[k].tokens);
      expect(second.cells[k].text).toBe(first.cells[k].text);
    }
    expect(second.cells.map((c) => [c.index, c.line, c.column, c.kind, c.text])).toEqual([
      [0, 2, 1, 'level2', '数量指标'],
      [1, 2, 6, 'text', '及时率'],
      [2, 2, 10, 'quantity', '≥95%'],
      [3, 2, 15, 'percent', '100%'],
      [4, 2, 20, 'number', '10'],
    ]);
    const copy = { ...second.cells[2], raw: '≥95 %', text: '≥95 %' };
    expect([copy.index, copy.line, copy.column, copy.raw, copy.text]).toEqual([2, 2, 10, '≥95 %', '≥95 %']);
  });
});
