/**
 * One form, many renderings. The same text in every encoding the exports come
 * in and every line-end style reads to the same document apart from
 * `source.encoding`; the same table drawn with tabs, pipes or aligned spaces
 * reads to the same fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import type { Document } from '../src/contract/schema.js';
import { drawSpaces } from './support/render-mess.js';
import { project } from './support/project.js';

const dir = join(import.meta.dirname, '..', 'samples');
const sample = (name: string) => readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n');

/** Excel quoting across lines, full-width figures and HTML remnants: three forms, line ends all `\n`. */
const TEXT = [sample('quote-excel.txt'), sample('width-fullwidth.txt'), sample('html-remnants.txt')].join('\n');

const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'] as const;
const LINE_ENDS = { LF: '\n', CRLF: '\r\n', CR: '\r' } as const;

function encode(text: string, encoding: (typeof ENCODINGS)[number]): Uint8Array {
  if (encoding === 'utf-8-bom') return iconv.encode(text, 'utf8', { addBOM: true });
  return iconv.encode(text, encoding, { addBOM: encoding.startsWith('utf-16') });
}

/** The document with `source.encoding` left out: everything else must not depend on the bytes. */
function apartFromEncoding(document: Document) {
  return { ...document, forms: document.forms.map((form) => ({ ...form, source: { ...form.source, encoding: '' } })) };
}

describe('every encoding and line-end style', () => {
  const reference = check(parse(TEXT, { file: 'form.txt' }));

  it('the reference reads three forms with their multi-line cells', () => {
    expect(reference.forms.map((f) => f.project.name)).toEqual(['社区"微更新"改造', '农村公路养护', '图书馆数字资源采购']);
    expect(reference.forms[0].goals.expected?.text).toBe('完成3个小区的微更新改造：\n1. 加装休闲座椅；\n2. 改造"口袋公园"。');
    expect(reference.forms[0].indicators[1]).toMatchObject({ line: 16, name: '新增休闲座椅\n（含遮阳棚）' });
    expect(reference.forms[0].indicators[2].line).toBe(19);
  });

  for (const encoding of ENCODINGS) {
    for (const [style, end] of Object.entries(LINE_ENDS)) {
      it(`${encoding} with ${style} reads the same apart from source.encoding`, () => {
        const bytes = encode(TEXT.replace(/\n/g, end), encoding);
        const document = check(parse(bytes, { file: 'form.txt' }));
        expect(document.forms.map((f) => f.source.encoding)).toEqual([encoding, encoding, encoding]);
        expect(apartFromEncoding(document)).toEqual(apartFromEncoding(reference));
      });
    }
  }

  it('line ends mixed within one file read the same too', () => {
    let k = 0;
    // Never a lone \r right before a \n: that pair is one CRLF line end.
    const mixed = TEXT.replace(/\n/g, () => ['\r\n', '\n', '\r'][k++ % 3]);
    expect(apartFromEncoding(check(parse(encode(mixed, 'gb18030'), { file: 'form.txt' })))).toEqual(apartFromEncoding(reference));
  });
});

// ---- the same table drawn three ways ------------------------------------------------

type Grid = string[][];

const gridOf = (text: string): Grid => text.replace(/\n$/, '').split('\n').map((line) => line.split('\t'));

/** ` | ` between cells, trailing empty cells dropped, single-cell lines (titles) left alone. */
function drawPipes(grid: Grid): string {
  return grid
    .map((cells) => {
      if (cells.length === 1) return cells[0];
      const kept = [...cells];
      while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
      return `| ${kept.join(' | ')} |`;
    })
    .join('\n');
}

describe('tabs, pipes and aligned spaces', () => {
  it.each(['tpl-anhui-2022.txt', 'tpl-cost-2021.txt', 'tpl-sichuan-2023.txt', 'tpl-no-title.txt', 'width-fullwidth.txt', 'html-remnants.txt'])('%s reads the same drawn three ways', (name) => {
    const tab = sample(name);
    const grid = gridOf(tab);
    const read = (text: string) => check(parse(text, { file: name }));
    const byTab = read(tab);
    const byPipes = read(drawPipes(grid) + '\n');
    const bySpaces = read(drawSpaces(grid).join('\n') + '\n');
    expect(byTab.forms.length).toBeGreaterThan(0);
    expect(byTab.forms.every((f) => f.source.separator === 'tab')).toBe(true);
    expect(byPipes.forms.every((f) => f.source.separator === 'pipe')).toBe(true);
    expect(bySpaces.forms.every((f) => f.source.separator === 'spaces')).toBe(true);
    expect(project(byPipes)).toEqual(project(byTab));
    expect(project(bySpaces)).toEqual(project(byTab));
  });
});
