/**
 * Streaming gives the same document as parsing the whole input, however the
 * bytes are cut, and hands forms out before the input has ended.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { check, parse } from '../src/api/index.js';
import { parseStream, parseStreamToDocument } from '../src/api/stream.js';
import { formBlocks } from '../src/parse/blocks.js';
import { blocksArriving } from './support/arriving.js';

const samples = join(import.meta.dirname, '..', 'samples');
const seed = readFileSync(join(samples, '000_16052ebbc3505be3.txt'));

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('parseStream', () => {
  it.each([1, 7, 100, 4096, 1 << 20])('pieces of %i bytes give the document parse gives', async (size) => {
    expect(await parseStreamToDocument(pieces(seed, size), { file: 'seed.txt' })).toEqual(parse(seed, { file: 'seed.txt' }));
  });

  it.each([
    ['gb18030 with CRLF', iconv.encode(seed.toString('utf8').replace(/\n/g, '\r\n'), 'gb18030'), 'gb18030'],
    ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seed.toString('utf8'), 'utf-16le')]), 'utf-16le'],
    ['utf-8 with BOM and CR line ends', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed.toString('utf8').replace(/\n/g, '\r'))]), 'utf-8-bom'],
  ])('%s: the same forms as the whole-file parse, encoding recorded', async (_name, bytes, encoding) => {
    const streamed = await parseStreamToDocument(pieces(bytes, 333));
    expect(streamed).toEqual(parse(bytes));
    expect(streamed.forms.map((f) => f.source.encoding)).toEqual(new Array(7).fill(encoding));
  });

  it('checks each form when asked, with the lines of the whole file', async () => {
    const streamed = await parseStreamToDocument(pieces(seed, 512), { check: {} });
    expect(streamed).toEqual(check(parse(seed)));
    expect(streamed.forms[3].findings.some((f) => f.code === 'total-score-mismatch' && f.line === 156)).toBe(true);
  });

  it('checks forms given at once in one piece, past a group of blocks, as check(parse()) does', async () => {
    // 22 copies of the seed's seven forms: the 154 blocks are parsed and checked in groups of at most 64.
    const many = Buffer.concat(new Array(22).fill(seed));
    async function* whole(): AsyncGenerator<string> {
      yield many.toString('utf8');
    }
    const streamed = await parseStreamToDocument(whole(), { file: 'many.txt', check: {} });
    expect(streamed.forms).toHaveLength(154);
    expect(streamed).toEqual(check(parse(many, { file: 'many.txt' })));
  });

  it('hands out the first form before the input ends', async () => {
    const long = Buffer.concat(new Array(8).fill(seed));
    let fed = 0;
    async function* slow(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < long.length; i += 256) {
        fed = i + 256;
        yield long.subarray(i, i + 256);
      }
    }
    for await (const item of parseStream(slow())) {
      if (item.kind === 'form') {
        expect(fed).toBeLessThan(seed.length);
        expect(item.form.project.name).toBe('预算准备金');
        return;
      }
    }
    throw new Error('no form');
  });

  it('reports a file in no known encoding with its byte offset', async () => {
    const bytes = Buffer.concat([Buffer.from('项目名称\t测试\n', 'utf8'), Buffer.from([0xff, 0xff, 0xff])]);
    const document = await parseStreamToDocument(pieces(bytes, 4), { file: 'bad.txt' });
    expect(document.forms).toEqual([]);
    expect(document.diagnostics[0]).toMatchObject({ code: 'invalid-encoding', file: 'bad.txt' });
    expect(document.diagnostics[0].message.en).toContain('bad.txt');
    expect(document.diagnostics[0].message.zh).toMatch(/^bad.txt: 文本编码有误/);
  });

  it('an empty stream is one no-form diagnostic', async () => {
    const document = await parseStreamToDocument(pieces(new Uint8Array(0), 1));
    expect(document.forms).toEqual([]);
    expect(document.diagnostics.map((d) => d.code)).toEqual(['no-form']);
  });

  it.each([['blank', '\n \t\n\n'], ['without a form', '说明\t无\n']])('a %s input gives the diagnostic parse gives', async (_name, text) => {
    const bytes = Buffer.from(text, 'utf8');
    expect(await parseStreamToDocument(pieces(bytes, 2), { file: 'x.txt' })).toEqual(parse(bytes, { file: 'x.txt' }));
  });
});

describe('form blocks', () => {
  const text = seed.toString('utf8');

  it('cut the seed at its seven titles, keeping every character', () => {
    const blocks = formBlocks(text);
    expect(blocks.map((b) => b.firstLine)).toEqual([1, 25, 84, 111, 158, 180, 208]);
    expect(blocks.map((b) => b.text).join('')).toBe(text);
  });

  it('are the same however the text arrives', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 20 }), (cuts) => {
        expect(blocksArriving(text, cuts)).toEqual(formBlocks(text));
      }),
      { numRuns: 200 },
    );
  });

  it('read a quoted cell whose closing quote is in a later piece as one line, and a quote ending a piece as undecided', () => {
    // The line after the break inside the quoted cell opens with 项目名称: read on its own, it would cut a form there.
    const quoted = '项目名称\t甲\n总分\t100\n年度总体目标\t"第一段\n项目名称\t乙"\n总分\t90\n';
    const stray = '项目名称\t甲\n"引号\t项目名称\na"b\t完成率\n';
    for (const text of [quoted, stray]) {
      for (let cut = 1; cut < text.length; cut++) expect(blocksArriving(text, [cut]), `cut at ${cut}`).toEqual(formBlocks(text));
    }
    expect(formBlocks(quoted).length).toBe(1);
  });

  it('keep a title repeated after a page break inside its form', () => {
    const header = '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分';
    const lines = [
      '项目支出绩效自评表', '项目名称\t甲项目\t项目金额\t100', header, '\t产出指标 (50分)\t数量指标\t甲\t100%\t100%\t5\t5',
      '第 2 页', '项目支出绩效自评表', header, '\t\t\t乙\t100%\t100%\t5\t5', '总分\t\t\t\t\t10\t10',
      '项目支出绩效自评表', '项目名称\t乙项目', '总分\t\t\t\t\t10\t10',
    ];
    const text = lines.join('\n') + '\n';
    expect(formBlocks(text).map((b) => b.firstLine)).toEqual([1, 10]);
    const document = parse(text);
    expect(document.forms.map((f) => [f.project.name, f.source.startLine, f.indicators.map((i) => i.name)])).toEqual([
      ['甲项目', 1, ['甲', '乙']],
      ['乙项目', 10, []],
    ]);
  });

  it('keep a CR LF split between two pieces as one line end', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const at = crlf.indexOf('\r\n', 1000) + 1;
    expect(blocksArriving(crlf, [at]).map((b) => b.firstLine)).toEqual([1, 25, 84, 111, 158, 180, 208]);
  });
});
