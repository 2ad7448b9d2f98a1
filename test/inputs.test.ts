/**
 * What the sample table's projection leaves out: the encoding and separator
 * each fixture's forms are read with, the error a file in no known encoding
 * gets, and the seed in other encodings and line ends read as the seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import type { Document } from '../src/contract/schema.js';

const dir = join(import.meta.dirname, '..', 'samples');
const read = (name: string) => readFileSync(join(dir, name));
const unreadableDir = join(import.meta.dirname, 'fixtures', 'unreadable');
const readUnreadable = (name: string) => readFileSync(join(unreadableDir, name));
const parseSample = (name: string) => parse(read(name), { file: name });

describe.each([
  ['000_16052ebbc3505be3.txt', 'utf-8', ['tab', 'tab', 'tab', 'tab', 'tab', 'tab', 'tab']],
  ['seed-gb18030-crlf.txt', 'gb18030', ['tab', 'tab', 'tab', 'tab', 'tab', 'tab', 'tab']],
  ['seed-utf16le.txt', 'utf-16le', ['tab', 'tab', 'tab', 'tab', 'tab', 'tab', 'tab']],
  ['enc-utf8-bom-cr.txt', 'utf-8-bom', ['tab']],
  ['enc-utf16be-crlf.txt', 'utf-16be', ['tab']],
  ['enc-utf16le-nul.txt', 'utf-16le', ['tab']],
  ['enc-gbk-crlf.txt', 'gb18030', ['tab']],
  ['lines-mixed.txt', 'utf-8', ['tab']],
  ['quote-excel.txt', 'utf-8', ['tab']],
  ['width-fullwidth.txt', 'utf-8', ['tab']],
  ['html-remnants.txt', 'utf-8', ['tab']],
  ['sep-spaces.txt', 'utf-8', ['spaces']],
  ['sep-pipe.txt', 'utf-8', ['pipe']],
  ['sep-mixed.txt', 'utf-8', ['tab', 'pipe', 'spaces']],
  ['tpl-anhui-2022.txt', 'utf-8', ['tab']],
  ['tpl-cost-2021.txt', 'utf-8', ['tab']],
  ['tpl-sichuan-2023.txt', 'utf-8', ['tab']],
  ['tpl-no-title.txt', 'utf-8', ['tab', 'tab']],
])('%s', (name, encoding, separators) => {
  it(`is read as ${encoding}, its forms separated by ${separators.join(', ')}`, () => {
    const document = parseSample(name);
    expect(document.forms.map((f) => f.source.encoding)).toEqual(separators.map(() => encoding));
    expect(document.forms.map((f) => f.source.separator)).toEqual(separators);
    expect(document.forms.every((f) => f.source.file === name)).toBe(true);
  });
});

// Files in no known encoding live outside samples/, which holds only exports that convert.
describe('a file in no known encoding', () => {
  it.each([
    ['png-renamed.txt', 'binary-input', 0, 'looks like a PNG image'],
    ['truncated-utf8.txt', 'invalid-encoding', 50, 'first invalid byte at offset 50'],
  ])('%s: one error naming the file and the byte offset, no forms', (name, code, byteOffset, words) => {
    const document = parse(readUnreadable(name), { file: name });
    expect(document.forms).toEqual([]);
    expect(document.diagnostics).toHaveLength(1);
    const [error] = document.diagnostics;
    expect(error).toMatchObject({ code, severity: 'error', file: name, detail: { byteOffset } });
    expect(error.message.en.startsWith(`${name}: `)).toBe(true);
    expect(error.message.zh.startsWith(`${name}: `)).toBe(true);
    expect(error.message.en).toContain(words);
  });

  it('the truncated file is the UTF-8 text cut inside a character', () => {
    const bytes = readUnreadable('truncated-utf8.txt');
    expect(bytes.length).toBe(51);
    expect(bytes[50]).toBe(0xe6); // the first of 洁's three bytes
    expect(new TextDecoder('utf-8').decode(bytes.subarray(0, 50)).endsWith('保')).toBe(true);
  });
});

/** A document without what depends on the file's bytes: its name, encoding and the file field of diagnostics. */
function withoutSource(document: Document) {
  return {
    forms: document.forms.map(({ source, diagnostics, ...form }) => ({
      ...form,
      source: { startLine: source.startLine, endLine: source.endLine, separator: source.separator },
      diagnostics: diagnostics.map(({ file: _file, ...d }) => d),
    })),
    diagnostics: document.diagnostics.map(({ file: _file, ...d }) => d),
  };
}

describe('the seed in other encodings and line ends', () => {
  const seed = parseSample('000_16052ebbc3505be3.txt');

  it.each(['seed-gb18030-crlf.txt', 'seed-utf16le.txt'])('%s reads exactly as the UTF-8 seed', (name) => {
    const document = parseSample(name);
    expect(document.forms).toHaveLength(7);
    expect(withoutSource(document)).toEqual(withoutSource(seed));
  });

  it('the fixtures are the seed re-encoded with CRLF line ends', () => {
    const text = read('000_16052ebbc3505be3.txt').toString('utf8');
    const utf16 = read('seed-utf16le.txt');
    expect([utf16[0], utf16[1]]).toEqual([0xff, 0xfe]);
    expect(new TextDecoder('utf-16le').decode(utf16.subarray(2))).toBe(text.replace(/\n/g, '\r\n'));
    expect(new TextDecoder('gb18030').decode(read('seed-gb18030-crlf.txt'))).toBe(text.replace(/\n/g, '\r\n'));
  });
});
