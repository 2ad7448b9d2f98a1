/**
 * The rows stage reads plain lines without the lexer (src/parse/cells.ts):
 * for every line, the rows and cells it makes must be those it makes of the
 * lexer's tokens, or the line must be left to the lexer. Lines are drawn from
 * every kind of cell (labels, 一级 and 二级 labels, titles, page markers,
 * figures, percents, quantities, comparators, fillers, free text), in
 * full-width and traditional spellings, with every separator (tab, pipe,
 * spaces, mixed) and the characters that make a line unusual (quotes,
 * markup, control characters, spaces beside brackets).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lex } from '../src/parse/lex.js';
import { buildRows, type Row } from '../src/parse/rows.js';
import { lineIndex } from '../src/parse/text.js';
import { LABELS } from '../src/tables/labels.js';
import { LEVEL2_PARENT } from '../src/tables/taxonomy.js';
import { isPlainLine, readCell } from '../src/parse/cells.js';
import { formBlocks } from '../src/parse/blocks.js';
import { Ahead, lineEnd, nextLineStart } from '../grammar/scan.js';
import { foldLexical, foldWidth } from '../src/tables/width.js';
import { foldScript, traditionalSpelling } from '../src/tables/script.js';

/** Every field of every row and cell (a cell's reading is read through its fields), tokens by their type and image. */
const view = (rows: readonly Row[]) =>
  rows.map((row) => ({
    ...row,
    cells: row.cells.map((cell) => {
      const { index, offset, line, column, from, to, colSpan, rowSpan, raw, text, kind, label } = cell;
      return { index, offset, line, column, from, to, colSpan, rowSpan, raw, text, kind, label, tokens: cell.tokens.map((t) => `${t.tokenType.name}:${t.image}`) };
    }),
  }));

function bothWays(text: string, firstLine = 1) {
  const lines = lineIndex(text, firstLine);
  const scanned = buildRows(text, lex(text).chunks, lines);
  const lexed = buildRows(text, lex(text, { scan: false }).chunks, lines);
  return { scanned, lexed };
}

/** The share of a text's lines the scan read. */
function scannedShare(text: string): number {
  const { chunks } = lex(text);
  let scanned = 0;
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k];
    if (!chunk.scan) continue;
    scanned += text.slice(chunk.offset, chunk.scan.end).split('\n').length - 1;
  }
  return scanned / Math.max(1, text.split('\n').length - 1);
}

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const WORDINGS = LABELS.flatMap((d) => d.variants);
const LEVEL2 = Object.keys(LEVEL2_PARENT);

const number = fc.oneof(
  fc.integer({ min: 0, max: 99999999 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom('10,380,629.85', '1,234', '-3', '-0.5', '007', '1.', '.5', '1.2.3', '12,34'),
);
const cellText = fc.oneof(
  fc.constantFrom(...WORDINGS),
  fc.constantFrom(...WORDINGS).map((w) => `*${w}`),
  fc.constantFrom(...WORDINGS).map(traditionalSpelling),
  fc.constantFrom(...WORDINGS).map((w) => [...w].join(' ')),
  fc.constantFrom(...LEVEL2),
  fc.tuple(fc.constantFrom(...LEVEL2), fc.integer({ min: 1, max: 40 })).map(([w, n]) => `${w}（${n}分）`),
  fc.tuple(fc.constantFrom('产出指标', '效益指标', '满意度指标', '成本指标', '產出指標'), fc.integer({ min: 1, max: 60 }), fc.constantFrom('(', ' (', '（', ' ( ', '(  ')).map(([w, n, open]) => `${w}${open}${n}分)`),
  fc.constantFrom('项目支出绩效自评表', '2023年度项目支出绩效自评表', '项目支出绩效自评表(2022年度)', '（2022年度）', '年度資金總額', '總分'),
  fc.constantFrom('第 2 页', '第2页 共5页', '- 3 -', '第  2  页', '-  4  -', '第2頁', '2/5'),
  number,
  number.map((n) => `${n}%`),
  number.map(toFullWidth),
  number.map((n) => toFullWidth(`${n}%`)),
  fc.tuple(fc.constantFrom('≥', '≤', '>', '<', '>=', '不低于', '不超过', '＞', '﹦'), number, fc.constantFrom('%', '台', '万元', '个工作日内', '', ' %', '以上')).map(([op, n, unit]) => `${op}${n}${unit}`),
  fc.tuple(number, fc.constantFrom('台', '万元', '亩', '人次', '台套', '%以上', ' 台')).map(([n, unit]) => `${n}${unit}`),
  fc.constantFrom('—', '——', '-', '--', '/', '–', '―', '不适用', '不涉及', '＼', '／', '－'),
  fc.constantFrom('完成政府采购工作', '资金未全部拨付', '改进措施: 加强培训', '改进措施：加强培训', '及时', '有效保障', 'a b', 'x  y', '偏差原因', '原因说明：无'),
  fc.constantFrom('(', ')', ':', '（', '）', '：', '*', '* ', '(万元)', '预算执行率(%)', '(10分)', '年度预算数(万元)  (20分)'),
  fc.constantFrom('"引号"', '"a\tb"', '<p>项目名称</p>', 'a&nbsp;b', '\f年度绩效指标', '\u3000', '\u00a0x', '｜', 'a|b', 'a | b', '\u2003', '\uD840\uDC00', '\u202e'),
  fc.string({ maxLength: 6 }),
  // Prose longer than the cells whose readings are kept.
  fc.tuple(fc.constantFrom('完成政府采购工作，', '资金未全部拨付 ', '100', '项目名称'), fc.integer({ min: 10, max: 60 })).map(([w, n]) => w.repeat(n)),
  fc.array(fc.constantFrom('项', '目', ' ', '(', ')', ':', '1', '%', '|', '\t', '-', '第', '页', '　', '分'), { maxLength: 8 }).map((cs) => cs.join('')),
);
const gap = fc.constantFrom('\t', '\t', '\t\t', ' | ', '|', ' |', '| ', '  ', '   ', '    ', ' ', '\t ', ' \t', '  |  ', '\t|', '\u3000\u3000', ' \u3000');
const line = fc.tuple(fc.constantFrom('', '', '| ', '|', '  ', '\t', ' ', '    '), fc.array(fc.tuple(cellText, gap), { maxLength: 9 }), fc.constantFrom('', '', ' |', '|', '\t', '  ')).map(
  ([open, cells, close]) => open + cells.map(([c, g], i) => (i === 0 ? c : g + c)).join('') + close,
);

describe('the scan reads each line as the lexer does', () => {
  it('random lines of every cell kind and separator: the same rows and cells, or the line left to the lexer', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.integer({ min: 1, max: 50 }), (lines, end, firstLine) => {
        const text = lines.join(end) + end;
        const { scanned, lexed } = bothWays(text, firstLine);
        expect(view(scanned.rows)).toEqual(view(lexed.rows));
        expect(scanned.diagnostics).toEqual(lexed.diagnostics);
      }),
      { numRuns: 3000 },
    );
  });

  it('texts at the edge of a plain figure (a point or a percent sign at either end, two of them) read as the lexer reads them', () => {
    const edges = ['%', '5%', '5.%', '.5%', '1.2%', '12%%', '%5', '1.2.3%', '0.50', '5.', '.5', '5', '1.2.3', '5%.', '00.10%', '1%2', '..5'];
    const text = edges.map((edge) => `甲\t${edge}\t${edge}`).join('\n') + '\n';
    const { scanned, lexed } = bothWays(text);
    expect(view(scanned.rows)).toEqual(view(lexed.rows));
    const kinds = Object.fromEntries(scanned.rows.map((row) => [row.cells[1].raw, row.cells[1].kind]));
    expect(kinds).toMatchObject({ '5%': 'percent', '1.2%': 'percent', '0.50': 'number', '5': 'number', '00.10%': 'percent' });
    expect(scannedShare(text)).toBe(1);
  });

  it('a tab line hashes its cells as textHash does: a text read alone afterwards finds the reading its cell was given', () => {
    const cells = ['项目名称', '95', '98.62%', '≥95%', '100台', '完成政府采购工作', '—', '产出指标'].map((text, at) => `${text}${'x'.repeat(at)}`);
    const text = `${cells.join('\t')}\n`;
    const { scanned } = bothWays(text);
    expect(scannedShare(text)).toBe(1);
    const read = scanned.rows[0].cells;
    expect(read.map((cell) => cell.raw)).toEqual(cells);
    for (const cell of read) expect(readCell(cell.raw, 0, cell.raw.length)).toBe((cell as unknown as { reading: unknown }).reading);
  });

  it('lines of one separator style: the same rows, and most lines scanned', () => {
    for (const [style, gaps] of [
      ['tab', fc.constantFrom('\t', '\t\t', '\t\t\t')],
      ['pipe', fc.constantFrom(' | ', ' |  | ', '|')],
      ['spaces', fc.constantFrom('  ', '    ', '      ')],
    ] as const) {
      const figure = fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`);
      const plainCell = fc.oneof(fc.constantFrom(...WORDINGS), fc.constantFrom(...LEVEL2), figure, figure.map((n) => `${n}%`), fc.constantFrom('—', '/', '完成政府采购工作', '≥95%', '100台'));
      const styled = fc.array(fc.tuple(plainCell, gaps), { minLength: 2, maxLength: 8 }).map((cells) => (style === 'pipe' ? '| ' : '') + cells.map(([c, g], i) => (i === 0 ? c : g + c)).join('') + (style === 'pipe' ? ' |' : ''));
      fc.assert(
        fc.property(fc.array(styled, { minLength: 3, maxLength: 10 }), (lines) => {
          const text = lines.join('\n') + '\n';
          const { scanned, lexed } = bothWays(text);
          expect(view(scanned.rows)).toEqual(view(lexed.rows));
          expect(scannedShare(text), style).toBe(1);
        }),
        { numRuns: 300 },
      );
    }
  });
});

describe('space-aligned lines whose tokens may take in spaces', () => {
  it('labels with brackets and colons, dashes, page markers: the same rows', () => {
    const risky = fc.oneof(
      cellText,
      fc.constantFrom('年度预算数(万元)', '预算执行率(%)', '(10分)', '(', ')', ':', '项目名称:', '-', '4', '-4', '第', '第 2', '页', '共 5 页', '/', ',', '2', '年度预算数 (', '(万元)'),
    );
    const spaced = fc.array(fc.tuple(risky, fc.constantFrom('  ', '   ', ' ', '    ')), { minLength: 2, maxLength: 8 }).map((cells) => cells.map(([c, g], i) => (i === 0 ? c : g + c)).join(''));
    fc.assert(
      fc.property(fc.array(spaced, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = lines.join('\n') + '\n';
        const { scanned, lexed } = bothWays(text);
        expect(view(scanned.rows)).toEqual(view(lexed.rows));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('which lines are plain', () => {
  const plain = (line: string, separator: 'tab' | 'pipe' | 'spaces') => isPlainLine(line, 0, line.length, separator);

  it('ordinary lines of each style are scanned', () => {
    expect(plain('\t\t数量指标\t某项工作完成率\t≥95%\t100%\t2\t2\t', 'tab')).toBe(true);
    expect(plain('| 项目名称 | 丁 | 项目金额 | 200 |', 'pipe')).toBe(true);
    expect(plain('项目名称    庚      项目金额    300', 'spaces')).toBe(true);
    expect(plain('年度資金總額\t１２３\t（万元）', 'tab')).toBe(true);
  });

  it('quotes, markup, control and unsafe characters leave a line to the lexer', () => {
    for (const line of ['"a\tb"\tc', '＂a＂\tb', '<p>项目名称</p>\tx', 'a&nbsp;b\tc', '\f年度绩效指标\tx', 'a\u202eb\tc', 'a\uD840\uDC00\tb']) expect(plain(line, 'tab'), line).toBe(false);
  });

  it('in space-aligned text, a pipe or a run of spaces a label or page marker may take in leaves the line to the lexer', () => {
    for (const line of ['a | b  c', '年度预算数(万元)  (20分)  x', '第  2  页', '-  4  -', 'x:  y', '第2页  共5页']) expect(plain(line, 'spaces'), line).toBe(false);
    expect(plain('年度预算数(万元) 100  200', 'spaces')).toBe(true);
  });
});

describe('the text the lexer reads', () => {
  it('is folded character by character, however sparse or dense the folded characters', () => {
    const char = fc.oneof(fc.constantFrom('（', '）', '：', '１', '％', '｜', '＂', '\u3000', '\u00a0', '﹦', '總', '額', '項', '\t', 'a', '项', '\n'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)));
    const text = fc.oneof(fc.array(char, { maxLength: 40 }), fc.array(char, { minLength: 100, maxLength: 3000 })).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (input) => {
        expect(foldLexical(input)).toBe([...input].map((ch) => (ch.length === 1 ? foldScript(foldWidth(ch)) : ch)).join(''));
      }),
      { numRuns: 500 },
    );
    expect(foldLexical('１'.repeat(5000) + '總分')).toBe('1'.repeat(5000) + '总分');
  });
});

describe('the block splitter reads first cells as the rows stage does', () => {
  const form = (opening: string) => `项目支出绩效自评表\n项目名称\t甲\n总分\t100\n${opening}\t乙\n总分\t90\n`;

  it('a 项目名称 first cell after the content of a form opens the next form, trailing blanks and all', () => {
    for (const opening of ['项目名称', '項目名稱', '项目名称 ', '项目名称\u2003', '*项目名称:', '项目名称（万元）']) expect(formBlocks(form(opening)).length, opening).toBe(2);
  });

  it('a first cell the lexer reads as more than one label opens no form there (the grammar decides within the block)', () => {
    for (const opening of ['\f项目名称', '项目名称\u0001', '项目名称\f甲', '项目名称甲', '"项目名称"']) expect(formBlocks(form(opening)).length, opening).toBe(1);
  });
});

describe('line ends found by search', () => {
  const unit = fc.constantFrom('a', '项', '\t', '"', '""', '\uff02', '\n', '\r', '\r\n', '1', ' ');
  const text = fc.array(unit, { maxLength: 60 }).map((units) => units.join(''));

  /** Every line's end, read one after another through one text, with or without the remembered search. */
  function ends(source: string, final: boolean, folded: boolean, ahead: Ahead | null): number[] {
    ahead?.reset();
    const found: number[] = [];
    for (let start = 0; start < source.length; ) {
      const end = lineEnd(source, start, final, null, source, 0, folded, ahead);
      found.push(end);
      if (end < 0) break;
      start = nextLineStart(source, end);
    }
    return found;
  }

  it('are the ends the scan character by character finds, final or not, folded or not', () => {
    const ahead = new Ahead();
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), (source, final, folded) => {
        expect(ends(source, final, folded, ahead)).toEqual(ends(source, final, folded, null));
      }),
      { numRuns: 3000 },
    );
  });

  it('a quote at a cell start still keeps its line break inside the cell', () => {
    const source = 'a\t"x\ny"\tb\nnext';
    expect(lineEnd(source, 0, true, null, source, 0, false, new Ahead())).toBe(source.indexOf('\nnext'));
  });

  it('forget the text they searched when reset: a second text is searched afresh', () => {
    const ahead = new Ahead();
    const first = 'ab\ncd\nef';
    expect(lineEnd(first, 3, true, null, first, 0, false, ahead)).toBe(5);
    const second = 'a\rb"c\nd';
    ahead.reset();
    expect(lineEnd(second, 0, true, null, second, 0, false, ahead)).toBe(1);
  });
});
