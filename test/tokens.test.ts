/**
 * The cell lexer, one token kind at a time: what each pattern accepts, in
 * ASCII and in the full-width forms real exports carry (the lexer runs on
 * width-folded text, as src/lex.ts does), and the kind a lone cell gets.
 */
import type { IToken } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPageText, isTitleText } from '../src/tables/labels.js';
import { cellLexer } from '../grammar/lexer.js';
import {
  Comparator,
  Control,
  Dash,
  LABEL_KEY_OF,
  LABEL_WORDINGS,
  labelPattern,
  Level1,
  Level2,
  lexingOrder,
  NotApplicable,
  NumberLiteral,
  PageMarker,
  Percent,
  Pipe,
  SharedColumn,
  Space,
  Tab,
  Text,
  Title,
  Unit,
  WideSpace,
} from '../grammar/tokens.js';
import { cellKindOf } from '../src/parse/rows.js';
import { LABELS } from '../src/tables/labels.js';
import { LEVEL2_ALIASES, LEVEL2_PARENT } from '../src/tables/taxonomy.js';
import { foldWidth } from '../src/parse/text.js';

function tokensOf(cell: string): IToken[] {
  const { tokens, errors } = cellLexer.tokenize(foldWidth(cell));
  expect(errors).toEqual([]);
  return tokens;
}

/** Token type names of a cell, spaces left out, as the rows stage reads them. */
const names = (cell: string) => tokensOf(cell).filter((t) => t.tokenType !== Space).map((t) => t.tokenType.name);

const contentOf = (cell: string) => tokensOf(cell).filter((t) => t.tokenType !== Space && t.tokenType !== WideSpace && t.tokenType !== Control);

const kindOf = (cell: string) => cellKindOf(contentOf(cell));

/** The label key of a cell lexed as one label token, else null. */
function labelOf(cell: string): string | null {
  const content = contentOf(cell);
  return content.length === 1 ? (LABEL_KEY_OF.get(content[0].tokenType) ?? null) : null;
}

describe('numbers', () => {
  it.each([
    ['0.00', '0.00'],
    ['10380629.85', '10380629.85'],
    ['1,234.50', '1,234.50'],
    ['10,380,629.85', '10,380,629.85'],
    ['１０，３８０，６２９．８５', '10,380,629.85'],
    ['60000', '60000'],
    ['-3', '-3'],
  ])('%s is one number token', (cell, image) => {
    const tokens = tokensOf(cell);
    expect(tokens.map((t) => t.tokenType)).toEqual([NumberLiteral]);
    expect(tokens[0].image).toBe(image);
    expect(kindOf(cell)).toBe('number');
  });

  it('a comma not followed by three digits ends the number', () => {
    expect(names('1,23')).toEqual(['NumberLiteral', 'Text']);
    expect(kindOf('1,23')).toBe('text');
  });
});

describe('percents', () => {
  it.each(['98.62%', '0.00%', '９８．６２％', '100 %', '100％'])('%s is a number and a percent sign', (cell) => {
    expect(names(cell)).toEqual(['NumberLiteral', 'Percent']);
    expect(kindOf(cell)).toBe('percent');
  });

  it('a percent with a comparator is a quantity', () => {
    expect(kindOf('≥95%')).toBe('quantity');
  });
});

describe('comparators', () => {
  it.each([
    ['≥', '≥'],
    ['≤', '≤'],
    ['>', '>'],
    ['<', '<'],
    ['=', '='],
    ['＞', '>'],
    ['＜', '<'],
    ['>=', '>='],
    ['<=', '<='],
    ['＞＝', '>='],
    ['＜＝', '<='],
    ['≧', '≧'],
    ['﹦', '='],
    ['不低于', '不低于'],
    ['不超过', '不超过'],
  ])('%s before a figure', (op, image) => {
    const tokens = tokensOf(`${op}95%`);
    expect(tokens.map((t) => t.tokenType)).toEqual([Comparator, NumberLiteral, Percent]);
    expect(tokens[0].image).toBe(image);
  });

  it('a comparator may stand apart from its figure', () => {
    expect(names('≥ 40 处')).toEqual(['Comparator', 'NumberLiteral', 'Unit']);
    expect(kindOf('≥ 40 处')).toBe('quantity');
  });
});

describe('units', () => {
  it.each([
    ['100台', '台'],
    ['100 台', '台'],
    ['≤1096.58万元', '万元'],
    ['1.8万人次', '万人次'],
    ['12.6万次', '万次'],
    ['320 公里', '公里'],
    ['３．２４ 万元', '万元'],
    ['46.3公里', '公里'],
  ])('%s ends in the unit %s', (cell, unit) => {
    const tokens = contentOf(cell);
    expect(tokens[tokens.length - 1].tokenType).toBe(Unit);
    expect(tokens[tokens.length - 1].image).toBe(unit);
    expect(kindOf(cell)).toBe('quantity');
  });

  it('the longest unit spelling wins (万元, not 万 + 元)', () => {
    expect(names('30万元')).toEqual(['NumberLiteral', 'Unit']);
  });
});

describe('dash and not-applicable markers', () => {
  it.each(['—', '——', '-', '--', '－', '–', '―', '/'])('%s is a marker', (cell) => {
    expect(contentOf(cell).map((t) => t.tokenType)).toEqual([Dash]);
    expect(kindOf(cell)).toBe('marker');
  });

  it.each(['不适用', '不涉及'])('%s is not applicable', (cell) => {
    expect(contentOf(cell).map((t) => t.tokenType)).toEqual([NotApplicable]);
    expect(kindOf(cell)).toBe('notApplicable');
  });

  it('a minus sign before digits makes a negative number, not a dash', () => {
    expect(names('-5')).toEqual(['NumberLiteral']);
  });
});

describe('separators and control characters', () => {
  it('tab, pipe, runs of spaces and single spaces are distinct tokens', () => {
    expect(tokensOf('a\tb').map((t) => t.tokenType)).toEqual([Text, Tab, Text]);
    expect(tokensOf('a | b').map((t) => t.tokenType)).toEqual([Text, Pipe, Text]);
    expect(tokensOf('a   b').map((t) => t.tokenType)).toEqual([Text, WideSpace, Text]);
    expect(tokensOf('年度总体 目标').map((t) => t.tokenType)).not.toContain(WideSpace);
  });

  it('the ideographic space folds to a plain space', () => {
    expect(tokensOf('a\u3000\u3000b').map((t) => t.tokenType)).toEqual([Text, WideSpace, Text]);
  });

  it('control characters are tokens of their own, so a label after one is still a label', () => {
    expect(tokensOf('\f年度绩效指标').map((t) => t.tokenType.name)).toEqual(['Control', 'Label_indicatorHeader']);
    expect(tokensOf('有效\u0000\u0000').map((t) => t.tokenType)).toEqual([Text, Control]);
    expect(labelOf('\f年度绩效指标')).toBe('indicatorHeader');
  });
});

describe('titles, page lines, 一级 and 二级 labels', () => {
  it.each(['项目支出绩效自评表', '项目支出绩效自评表（2022年度）', '项目支出绩效自评表 (2022 年度)', '2022年度项目支出绩效自评表'])('%s is a title', (cell) => {
    expect(contentOf(cell).map((t) => t.tokenType)).toEqual([Title]);
    expect(kindOf(cell)).toBe('title');
    expect(isTitleText(cell)).toBe(true);
  });

  it.each(['第 2 页', '第2页 共5页', '第２页，共５页', '- 2 -'])('%s is a page line', (cell) => {
    expect(contentOf(cell).map((t) => t.tokenType)).toEqual([PageMarker]);
    expect(isPageText(cell)).toBe(true);
  });

  it('a cell of other text is a page line by the same marker, or as a bare 2/5', () => {
    expect(['"第２页"', '2/5', '2 / 5'].map((text) => isPageText(text.replace(/"/g, '')))).toEqual([true, true, true]);
    expect(['第2页之后', '2/5/2023', '页'].map(isPageText)).toEqual([false, false, false]);
  });

  it.each(['产出指标 (50分)', '产出指标（50分）', '产出指标（５０分）', '效益指标(40分)', '满意度指标（10分）', '成本指标（10分）', '产 出 指 标 (50分)', '*产出指标', '满意度指标'])(
    '%s is a 一级 label',
    (cell) => {
      expect(contentOf(cell).map((t) => t.tokenType)).toEqual([Level1]);
      expect(kindOf(cell)).toBe('level1');
    },
  );

  it.each(['数量指标', '经济成本指标', '社会成本指标', '生态环境成本指标', '服务对象满意度指标', '可持续影响指标', '社会效益 指标', '满意度'])('%s is a 二级 label', (cell) => {
    expect(contentOf(cell).map((t) => t.tokenType)).toEqual([Level2]);
    expect(kindOf(cell)).toBe('level2');
  });
});

describe('fixed labels', () => {
  it.each([
    ['项目名称', 'projectName'],
    ['项 目 名 称', 'projectName'],
    ['项目金额', 'projectAmount'],
    ['主管部门', 'department'],
    ['实施单位', 'implementer'],
    ['项目资金（元）', 'fundsHeader'],
    ['项目资金 (元)', 'fundsHeader'],
    ['项目资金(元)', 'fundsHeader'],
    ['项目资金（万元）', 'fundsHeader'],
    ['预算执行情况（10分）', 'fundsHeader'],
    ['预算执行情况(10分)', 'fundsHeader'],
    ['年初预算数', 'fundsColumn'],
    ['全年预算数', 'fundsColumn'],
    ['全年执行数', 'fundsColumn'],
    ['执行率', 'fundsColumn'],
    ['调整后预算数', 'fundsColumn'],
    ['年度预算数（万元）', 'fundsColumn'],
    ['年度预算数(万元)', 'fundsColumn'],
    ['预算执行率', 'fundsColumn'],
    ['年度资金总额', 'fundsTotal'],
    ['年度资金总额：', 'fundsTotal'],
    ['年度资金总额:', 'fundsTotal'],
    ['总额', 'fundsTotal'],
    ['年度财政资金总额', 'fundsTotal'],
    ['其中：当年财政拨款', 'fundsFiscal'],
    ['其中:当年财政拨款', 'fundsFiscal'],
    ['其中：本年财政拨款', 'fundsFiscal'],
    ['本年财政拨款', 'fundsFiscal'],
    ['当年财政拨款', 'fundsFiscal'],
    ['其中：财政资金', 'fundsFiscal'],
    ['上年结转资金', 'fundsCarryover'],
    ['其他资金', 'fundsOther'],
    ['年度总体目标', 'goalsHeader'],
    ['年度总体 目标', 'goalsHeader'],
    ['年度目标', 'goalsHeader'],
    ['预期目标', 'goalsExpected'],
    ['*实际完成情况', 'goalsActual'],
    ['年度目标完成情况', 'goalsActual'],
    ['年度绩效指标', 'indicatorHeader'],
    ['年度绩效 指标', 'indicatorHeader'],
    ['绩效指标', 'indicatorHeader'],
    ['绩效指标（90分）', 'indicatorHeader'],
    ['一级指标', 'indicatorColumn'],
    ['三级指标', 'indicatorColumn'],
    ['年度指标值', 'indicatorColumn'],
    ['*实际完成值', 'indicatorColumn'],
    ['偏差原因分析及改进措施', 'indicatorColumn'],
    ['总分', 'total'],
    ['合计', 'total'],
  ])('%s is the label %s', (cell, key) => {
    expect(labelOf(cell)).toBe(key);
    expect(kindOf(cell)).toBe('label');
  });

  it.each(['分值', '*分值', '得分', '*得分', '权重'])('%s is a column caption shared by funds and indicators', (cell) => {
    expect(contentOf(cell).map((t) => t.tokenType)).toEqual([SharedColumn]);
  });

  it('a label never swallows the spaces that separate columns of space-aligned text', () => {
    expect(names('项目资金（万元）    年初预算数')).toEqual(['Label_fundsHeader', 'WideSpace', 'Label_fundsColumn']);
    expect(names('年度资金总额：    120.00')).toEqual(['Label_fundsTotal', 'WideSpace', 'NumberLiteral']);
  });

  it('a label followed by more words is text, not a label', () => {
    expect(kindOf('项目名称变更说明')).toBe('text');
    expect(kindOf('总额度')).toBe('text');
  });

  // The lexer is told which characters each label can start with (labelStartChars), not left to find them: every
  // wording of every label, with the star and space a form may put before it, must still be read as that label.
  it.each(LABELS.map((d) => [d.key, d] as const))('every wording of %s is read as it, with or without a leading * or space', (key, definition) => {
    for (const wording of definition.variants) {
      for (const cell of [wording, `*${wording}`, ` ${wording}`]) expect(labelOf(cell), cell).toBe(key);
    }
  });

  it('every 二级 wording is read as one level label, with or without a leading * or space (成本指标 is also a 一级)', () => {
    for (const wording of [...Object.keys(LEVEL2_PARENT), ...Object.keys(LEVEL2_ALIASES)]) {
      for (const cell of [wording, `*${wording}`, ` ${wording}`]) {
        const types = contentOf(cell).map((t) => t.tokenType);
        expect(types.length === 1 && (types[0] === Level2 || types[0] === Level1), cell).toBe(true);
      }
    }
  });

  it('labels whose wording extends another label are tried first', () => {
    const order = lexingOrder(LABELS).map((d) => d.key);
    expect(order.indexOf('goalsActual')).toBeLessThan(order.indexOf('goalsHeader'));
    expect(order.indexOf('fundsTotal')).toBeLessThan(order.indexOf('fundsFiscal'));
  });
});

describe('free text', () => {
  it.each([
    ['及时', 'text'],
    ['达成预期指标', 'text'],
    ['部分达成预期指标并具有一定效果', 'text'],
    ['未达成预期指标且效果较差', 'text'],
    ['效果明显', 'text'],
    ['有效', 'text'],
    ['219001-某某镇人民政府', 'text'],
    ['<p>完成</p>', 'text'],
    ['100台套', 'text'],
  ])('%s is %s', (cell, kind) => {
    expect(kindOf(cell)).toBe(kind);
  });
});

describe('thousands separators', () => {
  it('only commas that group by three make one number', () => {
    expect(names('1234,567')).toEqual(['NumberLiteral', 'Text']);
    expect(names('1,234,567')).toEqual(['NumberLiteral']);
  });
});

describe('label matchers', () => {
  // Labels are read by a matcher written by hand (a regular expression per label cost a cold start its compiling);
  // labelPattern is its specification. Text is drawn from the wordings' own characters, spaces, stars, brackets,
  // colons and the caption suffixes, so that near-misses of every kind come up.
  const pieces = (wordings: readonly string[]) => [...new Set([...wordings.join(''), ' ', ' ', '*', '(', ')', ':', '分', '万元', '10', '.5', '%', 'x'])];
  it.each([...LABEL_WORDINGS].map(([token, wordings]) => [token.name, token, wordings] as const))('%s reads what its pattern reads', (_, token, wordings) => {
    const pattern = new RegExp(labelPattern(wordings).source, 'y');
    const exec = (token.PATTERN as { exec: (text: string, offset: number) => string[] | null }).exec;
    const text = fc.oneof(
      fc.array(fc.constantFrom(...pieces(wordings)), { maxLength: 14 }).map((parts) => parts.join('')),
      fc
        .tuple(fc.constantFrom(...wordings), fc.constantFrom('', ' ', '  '), fc.array(fc.constantFrom(...pieces(wordings)), { maxLength: 6 }), fc.array(fc.constantFrom(' ', '*', '(', ':'), { maxLength: 2 }))
        .map(([wording, gap, tail, head]) => head.join('') + [...wording].join(gap) + tail.join('')),
    );
    fc.assert(
      fc.property(text, fc.nat(3), (input, at) => {
        const offset = Math.min(at, input.length);
        pattern.lastIndex = offset;
        expect(exec(input, offset)?.[0] ?? null, JSON.stringify(input)).toBe(pattern.exec(input)?.[0] ?? null);
      }),
      { numRuns: 300 },
    );
  });
});
