/**
 * The diagnostic catalogue: every code the sources emit has a Chinese and an
 * English text (found by reading the sources, so that a code added later
 * fails here until it gets its text); Chinese texts hold no English words
 * beyond what they quote; the English templates say what the emitting code
 * says; and the locale picks the language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { diagnostic, DIAGNOSTICS, diagnosticMessage, langFromEnv, UNPLACED_WHERE_ZH, upgradeDiagnostic } from '../src/catalogue/messages.js';
import { parse } from '../src/api/pipeline.js';
import { addStats, emptyTotals, formatProgress, formatSummary } from '../src/cli/progress.js';
import { RULE_CODES } from '../src/check/rules.js';
import type { Diagnostic, Document } from '../src/contract/schema.js';
import { displayWidth } from '../src/parse/text.js';

const root = join(import.meta.dirname, '..');

function sources(): { path: string; text: string }[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  return [...walk('src'), ...walk('grammar')].map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/**
 * Codes in the places the sources give a diagnostic its code: `code: '…'`
 * (and `code: a ? '…' : '…'`), the catalogue's constructor `diagnostic('…'`,
 * the decoder's `fail('…'` and `failed(settings, '…'`, and the union of
 * decoder failure codes.
 */
function emittedCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\bcode: (?:[^'\n,]*\? )?'([a-z][a-z0-9-]*)'(?: : '([a-z][a-z0-9-]*)')?/g,
    /\bdiagnostic\('([a-z][a-z0-9-]*)'/g,
    /\bfail\('([a-z][a-z0-9-]*)'/g,
    /\bfailed\(\w+, '([a-z][a-z0-9-]*)'/g,
    /DecodeErrorCode = ((?:\s*\|?\s*'[a-z-]+')+)/g,
    /code: ((?:\s*\|?\s*'[a-z-]+')+);/g,
  ];
  for (const { path, text } of sources()) {
    if (path.startsWith('src/report/')) continue; // the report reads codes, it emits none
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        for (const group of match.slice(1)) {
          if (group === undefined) continue;
          for (const code of group.match(/[a-z][a-z0-9-]*/g) ?? []) if (!found.has(code)) found.set(code, path);
        }
      }
    }
  }
  // Findings carry their own {zh, en} text from rules.ts; zod's `custom` is an issue code, not ours.
  for (const code of [...RULE_CODES, 'custom']) found.delete(code);
  return found;
}

describe('the catalogue', () => {
  const codes = emittedCodes();

  it('finds the codes the sources emit', () => {
    // The reading of the sources must see codes of each kind of creation site, or it proves nothing.
    for (const code of ['unplaced-cell', 'invalid-number', 'control-character', 'grammar-error', 'no-form', 'binary-input', 'unknown-encoding', 'profile-not-found', 'profile-invalid', 'internal-error']) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('has a Chinese and an English text for every code emitted in src/ and grammar/', () => {
    const missing = [...codes].filter(([code]) => {
      const entry = DIAGNOSTICS[code];
      return entry === undefined || typeof entry.zh !== 'function' || typeof entry.en !== 'function';
    });
    expect(missing.map(([code, path]) => `${code} (${path})`)).toEqual([]);
  });

  it('has a Chinese place for every place an unplaced cell is reported from', () => {
    const places = sources().flatMap(({ text }) => [...text.matchAll(/\bunplaced\([^,()]+, '([^']+)'\)/g)].map((m) => m[1]));
    expect(places.length).toBeGreaterThan(5);
    expect(places.filter((place) => UNPLACED_WHERE_ZH[place] === undefined)).toEqual([]);
  });

  it('gives Chinese texts without English words beyond the values they quote', () => {
    for (const [code, entry] of Object.entries(DIAGNOSTICS)) {
      for (const detail of SAMPLE_DETAILS[code] ?? [{}]) {
        const text = withoutQuoted(entry.zh(detail), detail);
        expect(text, `${code} ${JSON.stringify(detail)}`).not.toMatch(/[A-Za-z]{2,}/);
        expect(text).not.toBe('');
      }
    }
  });
});

/** Details of the shapes the creation sites give, for the codes whose text depends on them. */
const SAMPLE_DETAILS: Record<string, Record<string, unknown>[]> = {
  'unplaced-cell': [{ text: '多余', where: 'in a funds row' }, { text: 'x', where: 'outside any form' }],
  'invalid-number': [{ field: 'initialBudget', raw: '一百' }, { field: '总分得分', raw: '5.0.0' }],
  'number-with-unit': [{ field: '分值', raw: '50分', value: '50' }],
  'negative-number': [{ field: 'executed', raw: '-3' }],
  'percent-out-of-range': [{ field: 'rate', raw: '1500%' }],
  'control-character': [{ codePoint: 'U+0007' }],
  'grammar-error': [{ parserMessage: 'Expecting token of type --> total <-- but found --> data <--' }],
  'no-form': [{ empty: true }, { empty: false }],
  'ambiguous-hierarchy': [
    { chosen: { level1: '产出指标', level2: '数量指标' }, alternative: { level1: '产出指标', level2: '质量指标' }, alternatives: [{ level1: '产出指标', level2: '质量指标' }] },
    { chosen: { level1: '效益指标', level2: '经济效益指标' }, alternative: { level1: '产出指标', level2: '成本指标' } },
    { chosen: { level1: '产出指标', level2: '时效指标' } },
  ],
  'unreadable-file': [{ path: 'a.txt', reason: 'no such file' }, { path: 'a.txt', reason: "EACCES: permission denied, open 'a.txt'" }],
  'internal-error': [{ reason: '意外' }],
  'input-too-large': [{ path: 'a.txt', size: 20, maxBytes: 10 }, { byteOffset: 0, maxBytes: 10 }, { byteOffset: 0, stringLength: true }],
  'binary-input': [{ byteOffset: 0, what: 'a ZIP archive' }, { byteOffset: 12 }],
  'unknown-encoding': [{ byteOffset: 0, encoding: 'latin1' }],
  'invalid-encoding': [{ byteOffset: 7 }],
  'unsupported-format': ['xls', 'doc', 'ole', 'pdf', 'rtf', 'zip', 'odf', 'xml-spreadsheet', 'mht'].map((format) => ({ format })),
  'damaged-archive': [{ reason: 'no end of central directory' }],
  'archive-too-large': [{ entries: 10_001, limit: 10_000 }, { size: 1e9, limit: 1e8 }],
  'hidden-cells': [{ count: 2, cells: ['Sheet1!J11', 'Sheet1!J12'], texts: ['a', 'b'] }, { count: 7, cells: ['说明!A1'], texts: ['填报说明'], sheet: '说明' }],
  'profile-not-found': [{ source: 'nope.json' }],
  'profile-unreadable': [{ source: 'dir.json' }],
  'profile-invalid': [{ source: 'bad.json' }],
};

/** Codes and names a Chinese text may hold: a system error code (EACCES), encoding names, the names of programs and file formats (Excel, WPS, .xlsx, PDF). */
const NAMES = /\bE[A-Z]{2,}\b|\butf-(8|16le|16be)\b|\bgb18030\b|\bgbk\b|\b(Excel|Word|WPS|Office|OpenDocument|PDF|RTF|XML)\b|\.(xlsx|xls|docx|doc|html|htm|mht|ods|odt)\b/g;

/** A message with every string the detail holds (source text, file names, the parser's own words) and the names above taken out. */
function withoutQuoted(text: string, detail: unknown): string {
  const strings: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(detail);
  return strings.sort((a, b) => b.length - a.length).reduce((rest, s) => (s === '' ? rest : rest.replaceAll(s, '')), text).replace(NAMES, '');
}

/** Diagnostics from the samples and from inputs made to give the rest. */
function emittedDiagnostics(): Diagnostic[] {
  const documents: Document[] = [];
  const samples = join(root, 'samples');
  for (const file of readdirSync(samples).filter((f) => f.endsWith('.txt'))) documents.push(check(parse(readFileSync(join(samples, file)), { file })));
  documents.push(parse(''), parse('一些文字\n'), parse('a\u0007b\n'), parse('x'.repeat(20), { maxBytes: 10 }));
  documents.push(parse(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), { file: 'x.txt' }));
  documents.push(parse(new Uint8Array([0x61, 0x62, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), { file: 'nul.txt' }));
  documents.push(parse(new Uint8Array([0x61]), { encoding: 'latin1' }));
  documents.push(parse(new Uint8Array(30), { maxBytes: 10 }));
  return documents.flatMap((d) => [...d.diagnostics, ...d.forms.flatMap((f) => f.diagnostics)]);
}

describe('diagnostics as emitted', () => {
  const diagnostics = emittedDiagnostics();
  const seen = new Set(diagnostics.map((d) => d.code));

  it('cover the codes whose text depends on their detail', () => {
    for (const code of ['unplaced-cell', 'invalid-number', 'number-with-unit', 'negative-number', 'percent-out-of-range', 'control-character', 'no-form', 'ambiguous-hierarchy', 'truncated-form', 'indicator-without-name', 'binary-input', 'unknown-encoding', 'input-too-large']) {
      expect(seen.has(code), code).toBe(true);
    }
  });

  it('have the severity the catalogue gives their code', () => {
    for (const d of diagnostics) expect(d.severity, d.code).toBe(DIAGNOSTICS[d.code]?.severity ?? (d.code === 'more-diagnostics' ? d.severity : undefined));
  });

  it('say in English what the catalogue says from their detail alone', () => {
    // Where the emitted text holds more than the detail (the words of zod or of the decoder), English output keeps it as emitted.
    const richer = new Set(['profile-not-found', 'profile-unreadable', 'profile-invalid', 'invalid-encoding']);
    for (const d of diagnostics.filter((d) => !richer.has(d.code))) {
      const template = DIAGNOSTICS[d.code].en(d.detail ?? {});
      const message = d.file && !template.startsWith(`${d.file}: `) && d.message.en.startsWith(`${d.file}: `) ? d.message.en.slice(d.file.length + 2) : d.message.en;
      if (d.code === 'input-too-large' && /larger than/.test(message)) continue; // the string variant words it differently
      expect(template, d.code).toBe(message);
    }
  });

  it('read in Chinese with no English word but what they quote', () => {
    for (const d of diagnostics) {
      // Every creation site gives the detail its Chinese text needs.
      expect(DIAGNOSTICS[d.code].ready?.(d.detail ?? {}) ?? true, d.code).toBe(true);
      const zh = diagnosticMessage(d, 'zh');
      expect(withoutQuoted(zh, { ...d.detail, file: d.file }), `${d.code}: ${zh}`).not.toMatch(/[A-Za-z]{2,}/);
      expect(diagnosticMessage(d, 'en')).toBe(d.message.en);
      expect(zh).toBe(d.message.zh);
    }
  });
});

describe('diagnostics made from the catalogue', () => {
  it('take their severity and English message from their code and detail, in the output key order', () => {
    const made = diagnostic('negative-number', { line: 7, column: 3 }, { field: '得分', raw: '-2' });
    expect(JSON.stringify(made)).toBe('{"code":"negative-number","severity":"warning","message":{"zh":"得分“-2”为负数","en":"得分 \\"-2\\" is negative"},"line":7,"column":3,"detail":{"field":"得分","raw":"-2"}}');
    expect(Object.keys(diagnostic('indicator-without-name', { line: 1, column: 1 }))).toEqual(['code', 'severity', 'message', 'line', 'column']);
    expect(diagnostic('more-diagnostics', { line: 1, column: 0 }, { count: 2, codes: { 'unplaced-cell': 2 } }, 'info').severity).toBe('info');
  });

  it('say in both languages which line a 二级 resting on a doubtful label rests on', () => {
    const made = diagnostic('label-or-name', { line: 9, column: 1 }, { level: 2, text: '数量指标', asName: false, restsOnLine: 4 });
    expect(made.message.en).toBe(`this row's 二级 rests on reading "数量指标" (line 4) as a label; it could be an indicator's name`);
    expect(diagnosticMessage(made, 'zh')).toBe('本行的二级指标取决于把“数量指标”（第 4 行）读作标签；它也可能是三级指标名称');
  });

  it('word a file past the size limit with or without its size', () => {
    expect(diagnostic('input-too-large', { line: 0, column: 0, file: 'a.txt' }, { path: 'a.txt', maxBytes: 10 }).message).toEqual({ zh: 'a.txt: 输入超过上限 10 字节', en: 'a.txt: more than the limit of 10 bytes' });
    expect(diagnostic('input-too-large', { line: 0, column: 0, file: 'a.txt' }, { path: 'a.txt', size: 30, maxBytes: 10 }).message).toEqual({ zh: 'a.txt: 输入为 30 字节，超过上限 10 字节', en: 'a.txt: 30 bytes is more than the limit of 10' });
  });
});

describe('langFromEnv', () => {
  it.each([
    [{}, 'en'],
    [{ LANG: 'zh_CN.UTF-8' }, 'zh'],
    [{ LANG: 'zh_TW.Big5' }, 'zh'],
    [{ LANG: 'zh' }, 'zh'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }, 'zh'],
    [{ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' }, 'en'],
    [{ LC_ALL: 'zh_SG.UTF-8', LC_MESSAGES: 'en_GB' }, 'zh'],
    [{ LC_ALL: '', LANG: 'zh_CN.UTF-8' }, 'zh'],
    [{ LANG: 'zhx' }, 'en'],
  ] as const)('%j → %s', (env, lang) => {
    expect(langFromEnv(env)).toBe(lang);
  });
});

describe('the summary and the progress bar in Chinese', () => {
  const stats = (label: string, forms: number, failure: string | null = null) => ({
    label,
    forms,
    indicators: forms * 10,
    findings: { error: forms, warning: 2 * forms, info: 0 },
    failure,
  });

  it('counts files, forms, indicators and findings, and names each failed file', () => {
    const totals = emptyTotals(3);
    addStats(totals, stats('a.txt', 7));
    addStats(totals, stats('b.txt', 1));
    addStats(totals, stats('c.txt', 0, '输入为空'));
    expect(formatSummary(totals, 'zh')).toBe('文件 3 个，表 8 张，指标 80 项；问题：错误 8 项，警告 16 项，提示 0 项；处理失败的文件 1 个：\n  c.txt: 输入为空');
  });

  it('shows the progress within the terminal width, Chinese characters taking two columns', () => {
    const totals = emptyTotals(200);
    for (let i = 0; i < 50; i++) addStats(totals, stats(`${i}.txt`, 2));
    const line = formatProgress(totals, 10_000, 120, 'zh');
    expect(line).toContain('文件 50/200');
    expect(line).toContain('表 100 张');
    expect(line).toContain('问题 300 项');
    expect(line).toContain('每秒 5 个文件');
    expect(line).toContain('剩余 0:30');
    expect(displayWidth(line)).toBeLessThan(120);
    for (const columns of [40, 41, 60]) expect(displayWidth(formatProgress(totals, 10_000, columns, 'zh'))).toBeLessThan(columns);
  });
});

describe('a diagnostic of an older document, with one English message', () => {
  it('gets its Chinese text from the catalogue where its detail allows, else keeps the English one', () => {
    const old = { code: 'no-form', severity: 'error', message: 'the input is empty', line: 1, column: 1 };
    expect(upgradeDiagnostic(old).message).toEqual({ zh: 'the input is empty', en: 'the input is empty' });
    expect(upgradeDiagnostic({ ...old, detail: { empty: true } }).message).toEqual({ zh: '输入为空', en: 'the input is empty' });
    expect(upgradeDiagnostic({ ...old, code: 'some-later-code' }).message).toEqual({ zh: 'the input is empty', en: 'the input is empty' });
    const both = { ...old, message: { zh: '输入为空', en: 'the input is empty' } };
    expect(upgradeDiagnostic(both)).toBe(both);
  });
});

describe('the closed table of codes', () => {
  it('is the output schema: a diagnostic or finding with a code outside the catalogue does not validate', async () => {
    const { Diagnostic: DiagnosticSchema, Finding: FindingSchema } = await import('../src/contract/schema.js');
    const diagnostic = { code: 'unplaced-cell', severity: 'warning', message: { zh: '文', en: 'm' }, line: 1, column: 1 };
    expect(DiagnosticSchema.safeParse(diagnostic).success).toBe(true);
    expect(DiagnosticSchema.safeParse({ ...diagnostic, code: 'no-such-code' }).success).toBe(false);
    expect(FindingSchema.shape.code.options).toEqual(RULE_CODES);
    expect(FindingSchema.shape.code.safeParse('no-such-rule').success).toBe(false);
    expect(DiagnosticSchema.shape.code.options).toEqual(Object.keys(DIAGNOSTICS));
  });
});

describe('a funds figure that could not be placed', () => {
  const said = (candidates: string[]) => diagnostic('funds-column-unmatched', { line: 5, column: 3 }, { text: '12.00', candidates, header: true }).message;

  it('says 多列 only when several columns could take it', () => {
    expect(said(['executed', 'adjustedBudget']).zh).toBe('资金数“12.00”未读取：它不在资金表头任一列名之下，按其内容可归入多列（全年执行数、全年预算数）');
    expect(said(['executed']).zh).toBe('资金数“12.00”未读取：它不在资金表头任一列名之下，按其内容可能属于全年执行数，也可能不属于任何一列');
    expect(said(['executed']).en).toBe('funds figure "12.00" not read: not under a caption of the funds header, and it may belong to executed or to no column');
  });
});

describe('a file refused at its first byte', () => {
  it('is said to be so, not at byte 0', () => {
    const zh = diagnostic('binary-input', { line: 0, column: 0 }, { byteOffset: 0 }).message.zh;
    expect(zh).toBe('从文件开头起有空字节：像是二进制文件，不是文本导出文件');
    expect(diagnostic('invalid-encoding', { line: 0, column: 0 }, { byteOffset: 49 }).message.zh).toBe('文本编码有误（第 50 个字节处是第一个无效字节）');
  });
});
