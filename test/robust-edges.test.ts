/**
 * Issue 16, edges: entities that decode to control characters, lone
 * surrogates or bidirectional overrides, and such characters in cells, give a
 * diagnostic and never reach the output; profiles given by name and by file
 * are kept apart, and a bad profile file gets one clear message that never
 * quotes the file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import { resolveProfile } from '../src/check/profile.js';
import { loadProfile } from '../src/check/profile-file.js';
import type { Document } from '../src/contract/schema.js';

const form = (name: string) => ['项目支出绩效自评表', `项目名称\t${name}\t\t\t项目金额\t1000`, '总分\t\t\t\t\t\t100\t100', ''].join('\n');
const unsafe = (document: Document) => [...document.diagnostics, ...document.forms.flatMap((f) => f.diagnostics)].filter((d) => d.code === 'unsafe-character');
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('unsafe characters in cells', () => {
  it.each([
    ['&#27;', 'U+001B', 'control'],
    ['&#xD800;', 'U+D800', 'surrogate'],
    ['&#x202E;', 'U+202E', 'bidi'],
    ['&#8238;', 'U+202E', 'bidi'],
  ])('the entity %s is kept as written, with a diagnostic at its cell', (entity, codePoint, kind) => {
    const document = parse(form(`<p>甲${entity}乙</p>`));
    expect(document.forms[0].project.name).toBe(`甲${entity}乙`);
    expect(unsafe(document).map((d) => [d.line, d.column, d.detail?.codePoint, d.detail?.kind, d.detail?.entity])).toEqual([[2, 6, codePoint, kind, entity]]);
    expect(JSON.stringify(document)).not.toMatch(/\\u001b|\\ud800|\u202e/i);
  });

  it('a U+202E override in a cell is dropped, with a diagnostic', () => {
    const document = parse(form('甲\u202E乙丙'));
    expect(document.forms[0].project.name).toBe('甲乙丙');
    expect(unsafe(document).map((d) => [d.line, d.column, d.detail?.kind])).toEqual([[2, 6, 'bidi']]);
  });

  it('a lone surrogate in a string input becomes U+FFFD, reported, and none reaches the JSON', () => {
    const document = parse(form('甲\uD800乙'));
    expect(document.forms[0].project.name).toBe('甲\uFFFD乙');
    expect(unsafe(document).map((d) => [d.line, d.column])).toEqual([[2, 7]]);
    expect(LONE.test(JSON.stringify(document))).toBe(false);
    expect(JSON.stringify(document)).not.toMatch(/\\ud800/i);
  });

  it('a paired astral character is kept', () => {
    const document = parse(form('甲𠀀乙'));
    expect(document.forms[0].project.name).toBe('甲𠀀乙');
    expect(unsafe(document)).toEqual([]);
  });
});

describe('profiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-profile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('a string that is not a built-in name and not a path is an unknown name, never read as a file', () => {
    // A file that exists under the name given, relative to the working directory.
    mkdirSync('test-output', { recursive: true });
    const relative = `test-output/secret-${process.pid}`;
    writeFileSync(relative, 'TOP-SECRET-CONTENT');
    try {
      for (const name of [relative, 'secret']) {
        const result = resolveProfile(name);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.problem.code).toBe('profile-not-found');
          expect(result.problem.message).not.toContain('TOP-SECRET');
        }
      }
    } finally {
      rmSync(relative, { force: true });
    }
  });

  it('a path (starting with ./ or /, or ending in .json) is read as a file, and its content is never echoed', () => {
    const bad = file('bad.json', 'TOP-SECRET-CONTENT');
    const result = loadProfile(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe('profile-invalid');
      expect(result.problem.message).not.toContain('TOP-SECRET');
    }
    const good = file('good.json', JSON.stringify({ extends: 'mof2020', name: 'ours', reverseRule: 'linear2x' }));
    expect(loadProfile(good).ok).toBe(true);
  });

  it('__proto__ in a profile file is rejected with a clear message', () => {
    const path = file('proto.json', '{"extends": "mof2020", "name": "x", "__proto__": {"polluted": true}}');
    const result = loadProfile(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an unknown extends gives one message naming it, not every field as missing', () => {
    const path = file('ext.json', JSON.stringify({ extends: 'mof2099', name: 'x' }));
    const result = loadProfile(path);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.message.split('\n')).toHaveLength(1);
      expect(result.problem.message).toContain('mof2099');
      expect(result.problem.message).toContain('mof2020');
      expect(result.problem.message).not.toContain('reverseRule');
    }
  });
});

describe('cells spelling the names of object properties', () => {
  // Each table a cell's text is looked up in must answer for its own keys only: `constructor` is a funds row of
  // unknown kind, a caption no column has, a label no level knows.
  const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
  const form = (name: string) =>
    [
      '项目支出绩效自评表',
      `项目名称\t${name}`,
      '项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
      '年度资金总额\t100\t100\t90\t10\t90%\t9',
      `${name}\t1\t2\t1\t\t50%`,
      `一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t${name}`,
      `产出指标\t${name}\t培训人数\t${name}10\t10\t90\t90`,
      `${name}\t数量指标\t${name}\t10\t10\t0\t0`,
      '总分\t\t\t\t\t100\t99',
    ].join('\n');

  it.each(names)('%s', (name) => {
    const document = parse(form(name), { file: 'p.txt' });
    expect(document.forms).toHaveLength(1);
    const [only] = document.forms;
    expect(only.funds!.rows.map((r) => [r.label, r.kind])).toEqual([
      ['年度资金总额', 'total'],
      [name, 'unknown'],
    ]);
    // A value read from an inherited property would be a function: JSON drops it, and the schema would fail.
    const json = JSON.parse(JSON.stringify(document));
    expect(json).toEqual(document);
    for (const indicator of only.indicators) expect([indicator.level1, indicator.level2].every((l) => l === null || typeof l === 'string')).toBe(true);
  });
});
