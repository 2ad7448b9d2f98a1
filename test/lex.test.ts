/**
 * lex(): the separator each form block uses (blocks cut by the block
 * splitter), and chunks of whole lines that never cut an Excel-quoted cell,
 * with token offsets into the block's text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuotedCell } from '../grammar/tokens.js';
import { lex } from '../src/parse/lex.js';
import { formBlocks } from '../src/parse/blocks.js';
import { blocksArriving } from './support/arriving.js';

/** The separator of the chunk holding the line that starts with `marker`, each form block lexed on its own. */
function separatorAt(text: string, marker: string): string {
  let blockStart = 0;
  for (const block of formBlocks(text)) {
    const offset = block.text.indexOf(marker);
    if (offset >= 0) {
      expect(blockStart + offset).toBe(text.indexOf(marker));
      const chunks = lex(block.text).chunks;
      const chunk = chunks.filter((c) => c.offset <= offset).pop();
      expect(chunk).toBeDefined();
      expect(lex(block.text, { scan: false }).chunks.find((c) => c.tokens.some((t) => t.startOffset === offset))?.separator).toBe(chunk!.separator);
      return chunk!.separator;
    }
    blockStart += block.text.length;
  }
  throw new Error(`no block holds ${marker}`);
}

const TAB_FORM = ['项目支出绩效自评表', '项目名称\t甲\t\t\t项目金额\t100', '主管部门\t乙\t\t\t实施单位\t丙', '总分\t\t\t\t\t100\t90\t—'];
const PIPE_FORM = ['项目支出绩效自评表', '| 项目名称 | 丁 | 项目金额 | 200 |', '| 主管部门 | 戊 | 实施单位 | 己 |', '| 总分 | 100 | 95 |'];
const SPACE_FORM = ['        项目支出绩效自评表', '项目名称    庚      项目金额    300', '主管部门    辛      实施单位    壬', '总分                100         98'];

describe('separator per form', () => {
  it('tab, pipe and space-aligned forms in one file each get their own separator', () => {
    const text = [...TAB_FORM, '', ...PIPE_FORM, '', ...SPACE_FORM, ''].join('\n');
    expect(separatorAt(text, '项目名称\t甲')).toBe('tab');
    expect(separatorAt(text, '| 项目名称 | 丁')).toBe('pipe');
    expect(separatorAt(text, '项目名称    庚')).toBe('spaces');
  });

  it('forms without titles are told apart at their 项目名称 lines', () => {
    const text = [...TAB_FORM.slice(1), ...SPACE_FORM.slice(1), ...PIPE_FORM.slice(1), ''].join('\n');
    expect(separatorAt(text, '项目名称\t甲')).toBe('tab');
    expect(separatorAt(text, '项目名称    庚')).toBe('spaces');
    expect(separatorAt(text, '| 项目名称 | 丁')).toBe('pipe');
  });

  it('a title and the year under it do not split the form', () => {
    const text = ['项目支出绩效自评表', '（2022年度）', '项目名称    庚      项目金额    300', '总分                100         98', ''].join('\n');
    expect(new Set(lex(text).chunks.map((c) => c.separator))).toEqual(new Set(['spaces']));
  });

  it('most lines decide: a tab form with a wrapped line of spaces stays tab, and the reverse', () => {
    const tab = [...TAB_FORM, '年度总体  目标 续', ''].join('\n');
    expect(separatorAt(tab, '项目名称\t甲')).toBe('tab');
    const spaces = [...SPACE_FORM, '备注\t无', ''].join('\n');
    expect(separatorAt(spaces, '项目名称    庚')).toBe('spaces');
  });

  it('a form of single-cell lines defaults to tab', () => {
    expect(lex('项目支出绩效自评表\n说明\n').chunks.map((c) => c.separator)).toEqual(['tab']);
  });
});

describe('chunks', () => {
  const row = '\t\t数量指标\t某项工作完成率\t100%\t100%\t2\t2\t\n';

  it('split a long text at line ends, with absolute token offsets', () => {
    const text = row.repeat(2000);
    const { chunks } = lex(text, { scan: false });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      const first = chunk.tokens[0];
      expect(first.startOffset).toBe(chunk.offset);
      expect(text.slice(first.startOffset, first.startOffset + first.image.length)).toBe(first.image);
      const previous = text[chunk.offset - 1];
      if (chunk.offset > 0) expect(previous).toBe('\n');
    }
    expect(chunks.reduce((n, c) => n + c.tokens.filter((t) => t.image === '某项工作完成率').length, 0)).toBe(2000);
  });

  it('never cut a quoted cell that spans lines, wherever the chunk target falls', () => {
    const quoted = '"第一段\n第二段\n第三段"';
    // 30 characters a row: the chunk target (16 KiB) falls inside the quoted line for some of these counts.
    expect(row.length).toBe(30);
    for (let rows = 540; rows <= 550; rows++) {
      const text = row.repeat(rows) + `\t${quoted}\t\t\t"另一段\n续"\t\n` + row.repeat(50);
      const tokens = lex(text, { scan: false }).chunks.flatMap((c) => c.tokens);
      const cells = tokens.filter((t) => t.tokenType === QuotedCell).map((t) => [t.image, t.startOffset]);
      expect(cells).toEqual([
        [quoted, text.indexOf(quoted)],
        ['"另一段\n续"', text.indexOf('"另一段')],
      ]);
    }
  });

  it('reads a full-width quote as the lexer does, as a quote: a quoted cell that spans lines is one line, chunked and scanned alike', () => {
    const text = '项目名称\t甲\n年度总体目标\t＂第一段\n第二段\n第三段＂\t乙\n总分\t100\n';
    for (const scan of [true, false]) {
      const { chunks } = lex(text, { scan });
      // No chunk starts inside the quoted cell: the line after its break is not a line of its own.
      expect(chunks.map((c) => c.offset).filter((offset) => offset > text.indexOf('＂') && offset <= text.indexOf('第三段'))).toEqual([]);
    }
    const tokens = lex(text, { scan: false }).chunks.flatMap((c) => c.tokens);
    expect(tokens.filter((t) => t.tokenType === QuotedCell).map((t) => [t.image, t.startOffset])).toEqual([['"第一段\n第二段\n第三段"', text.indexOf('＂')]]);
  });

  it('lexes every character: nothing in real exports is a lexing error', () => {
    const text = '项目名称\t<p>a&nbsp;b</p>\t~`!@#$^&*()_+{}[]\\;\'",.<>?/\u0000\u00a0\u3000１２３\uD840\uDC00\n';
    const { chunks } = lex(text, { scan: false });
    const covered = chunks.flatMap((c) => c.tokens).reduce((n, t) => n + t.image.length, 0);
    expect(covered).toBe(text.length);
  });
});

describe('the block splitter tells the lexer which lines no scan reads', () => {
  // Each line drawn trait by trait: its separator, its cells, and any character that keeps a line from the scan.
  const cell = fc.oneof(
    fc.constantFrom('项目名称', '产出指标', '数量指标', '完成率', '≥95%', '100', '98.5%', '—', '', '项目支出绩效自评表', '第 2 页'),
    fc.constantFrom('"引号', '"一段\n二段"', '＂全角\n引号＂', 'a"b', '<p>标记</p>', 'a&amp;b', '\u0001', '\u200f', '\u202a', '\uD840\uDC00', '\uD840', '｜', '“弯引号”', '\u3000'),
  );
  const separator = fc.constantFrom('\t', ' | ', '    ', '\t\t');
  const line = fc.tuple(fc.array(cell, { minLength: 1, maxLength: 6 }), separator, fc.boolean()).map(([cells, sep, bordered]) => (bordered && sep === ' | ' ? `| ${cells.join(sep)} |` : cells.join(sep)));
  const text = fc.tuple(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([lines, end, last]) => lines.join(end) + (last ? end : ''));

  it('so that every block is chunked, scanned and lexed as when the lexer reads each line itself', () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const block of formBlocks(input)) {
          expect(lex(block.text, { unscannable: block.unscannable })).toEqual(lex(block.text));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('and says the same of each line however the text arrives', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (input, cuts) => {
        expect(blocksArriving(input, cuts.map((c) => c % (input.length + 1)))).toEqual(formBlocks(input));
      }),
      { numRuns: 400 },
    );
  });

  it('a line holding a quote, markup or a control character is named; plain lines are not', () => {
    const input = '项目名称\t甲\n年度总体目标\t＂第一段\n第二段＂\n\t<b>乙</b>\t丙\n\t95%\t100\n';
    const [block] = formBlocks(input);
    const named = [];
    for (let k = 0; k < block.unscannable.length; k += 2) named.push(block.text.slice(block.unscannable[k], block.unscannable[k + 1]));
    expect(named).toEqual(['年度总体目标\t＂第一段', '第二段＂', '\t<b>乙</b>\t丙']);
  });
});
