/**
 * Where a form starts: the one rule (grammar/boundary.ts), as the form
 * grammar applies it to rows and as the block splitter applies it to lines.
 * The splitter may leave a cut to the grammar, but never cuts where the
 * grammar would not: the grammar finds the same forms in a file's rows
 * whether it reads them block by block or all at once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continuesForm, type Stage } from '../grammar/boundary.js';
import { formBlocks } from '../src/parse/blocks.js';
import { decode } from '../src/parse/decode.js';
import { buildForms } from '../src/parse/forms.js';
import { lex } from '../src/parse/lex.js';
import { buildRows, type Row } from '../src/parse/rows.js';
import { lineIndex } from '../src/parse/text.js';
import { parse } from '../src/api/index.js';
import type { RowKind } from '../src/tables/labels.js';
import { mutate, mutationsArb } from './support/mutate.js';

const root = join(import.meta.dirname, '..');

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return textFiles(path);
    return path.endsWith('.txt') ? [path] : [];
  });
}

describe('continuesForm', () => {
  it.each<[Stage, RowKind, RowKind | null, boolean]>([
    ['start', 'title', 'project', true],
    ['titles', 'title', 'project', true],
    ['header', 'title', 'data', false],
    ['content', 'title', 'project', false],
    ['content', 'title', 'department', false],
    ['content', 'title', 'fundsHeader', false],
    ['content', 'title', 'title', false],
    ['content', 'title', null, false],
    ['content', 'title', 'data', true],
    ['content', 'title', 'indicatorHeader', true],
    ['header', 'project', null, true],
    ['content', 'project', null, false],
    ['content', 'department', null, false],
    ['content', 'fundsHeader', null, true],
    ['content', 'data', null, true],
  ])('at %s, a %s row followed by %s continues the form: %s', (stage, next, after, continues) => {
    expect(continuesForm(stage, next, after)).toBe(continues);
  });
});

describe('the splitter cuts only where the grammar cuts', () => {
  const files = [...textFiles(join(root, 'samples')), ...textFiles(join(root, 'test', 'fixtures'))];

  /** Each form's first and last line, as the grammar finds them in these rows. */
  const spans = (rows: Row[]) => buildForms(rows, null, 'utf-8').forms.map((form) => [form.source.startLine, form.source.endLine]);

  /** The forms' spans read block by block (each block lexed with its own separator, as the pipeline does), and read from all the blocks' rows at once. */
  function bothWays(text: string): { byBlock: number[][]; atOnce: number[][] } {
    const rowsOfBlocks = formBlocks(text).map((block) => buildRows(block.text, lex(block.text).chunks, lineIndex(block.text, block.firstLine)).rows);
    return { byBlock: rowsOfBlocks.flatMap(spans), atOnce: spans(rowsOfBlocks.flat()) };
  }

  it.each(files.map((path) => [relative(root, path), path]))('%s: the same forms from the rows of each block as from all of them', (_name, path) => {
    const bytes = readFileSync(path);
    const decoded = decode(bytes);
    if (!decoded.ok) return expect(parse(bytes).forms).toEqual([]);
    const { byBlock, atOnce } = bothWays(decoded.text);
    expect(byBlock).toHaveLength(parse(bytes).forms.length);
    expect(atOnce).toEqual(byBlock);
  });

  it('and in the seed with lines and cells deleted, duplicated, swapped and replaced (titles, 项目名称 and labels anywhere)', () => {
    const seed = readFileSync(join(root, 'samples', '000_16052ebbc3505be3.txt'), 'utf8');
    fc.assert(
      fc.property(mutationsArb, (mutations) => {
        const { byBlock, atOnce } = bothWays(mutate(seed, mutations));
        expect(atOnce).toEqual(byBlock);
      }),
      { numRuns: 400 },
    );
  });
});

describe('form blocks', () => {
  const header = '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分';
  const form = (name: string) => [`项目名称\t${name}\t项目金额\t100`, '主管部门\t某局\t实施单位\t某中心', header, '\t产出指标\t数量指标\t甲\t100%\t100%\t5\t5', '总分\t\t\t\t\t5\t5'];
  const starts = (lines: string[]) => formBlocks(lines.join('\n') + '\n').map((b) => b.firstLine);
  const names = (lines: string[]) => parse(lines.join('\n') + '\n').forms.map((f) => [f.project.name, f.source.startLine]);

  it('forms without titles are cut at 项目名称 after the form has content', () => {
    const lines = [...form('甲'), ...form('乙')];
    expect(starts(lines)).toEqual([1, 6]);
    expect(names(lines)).toEqual([['甲', 1], ['乙', 6]]);
  });

  it('a title followed by a form header opens a form; one followed by another title too, at the first', () => {
    const lines = [...form('甲'), '', '项目支出绩效自评表', '（2023年度）', ...form('乙')];
    expect(starts(lines)).toEqual([1, 7]);
    expect(names(lines)).toEqual([['甲', 1], ['乙', 7]]);
  });

  it('a second 项目名称 line opens a form even before any section; a 主管部门 line before the 项目名称 does not', () => {
    const lines = ['项目支出绩效自评表', '项目名称\t甲', ...form('乙')];
    expect(starts(lines)).toEqual([1, 3]);
    expect(names(lines)).toEqual([['甲', 1], ['乙', 3]]);
    const departmentFirst = ['项目支出绩效自评表', '主管部门\t某局', '项目名称\t丙\t项目金额\t100', ...form('丁').slice(2)];
    expect(starts(departmentFirst)).toEqual([1]);
    expect(names(departmentFirst)).toEqual([['丙', 1]]);
  });

  it('a line before the first title is outside every form, and reported', () => {
    const lines = ['附表2', '项目支出绩效自评表', ...form('甲')];
    expect(starts(lines)).toEqual([1, 2]);
    const document = parse(lines.join('\n') + '\n');
    expect(document.forms.map((f) => [f.project.name, f.source.startLine])).toEqual([['甲', 2]]);
    expect(document.diagnostics.map((d) => [d.code, d.line, d.detail?.where])).toEqual([['unplaced-cell', 1, 'outside any form']]);
  });

  it('a line between a title and 项目名称 leaves the title with its form; a line after a form stays in it', () => {
    const lines = ['项目支出绩效自评表', '单位：元', ...form('甲'), '说明：某某', '项目支出绩效自评表', ...form('乙')];
    expect(starts(lines)).toEqual([1, 9]);
    const document = parse(lines.join('\n') + '\n');
    expect(document.forms.map((f) => [f.project.name, f.source.startLine, f.title])).toEqual([
      ['甲', 1, '项目支出绩效自评表'],
      ['乙', 9, '项目支出绩效自评表'],
    ]);
  });
});

describe('the block splitter reads each line in place', () => {
  const second = (line: string) => formBlocks(`项目支出绩效自评表\n项目名称\t甲\n总分\t100\n${line}\n项目名称\t乙\n总分\t90\n`)[1]?.text.split('\n')[0];

  it('a line is one cell only without a tab, a ` | ` or a wide gap, wherever a run of spaces ends', () => {
    // Two cells: a title and a note, no title line; the next form opens at its 项目名称.
    for (const line of ['项目支出绩效自评表\u2003  | 说明', '项目支出绩效自评表 | 说明', '项目支出绩效自评表  说明', '项目支出绩效自评表\t说明']) expect(second(line), line).toBe('项目名称\t乙');
    // One cell, padded by separators or spaced without a gap between two characters: a title, which opens the next form.
    for (const line of ['| 项目支出绩效自评表 |', '\t项目支出绩效自评表\t\t', '项目支出绩效自评表\u2003  ', '\u3000项目支出绩效自评表']) expect(second(line), line).toBe(line);
  });

  it("a first cell ends at the line's first separator, and only a line holding a header wording may be a 项目名称 row", () => {
    for (const opening of ['项目名称 | 乙', '项目名称  乙', '*项目名称:\t乙', '項目名稱\t乙']) expect(formBlocks(`项目名称\t甲\n总分\t100\n${opening}\n总分\t90\n`).length, opening).toBe(2);
    expect(formBlocks('项目名称\t甲\n总分\t100\n项目名称 乙\n总分\t90\n').length).toBe(1);
  });
});
