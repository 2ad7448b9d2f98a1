/**
 * Round trip: render writes a parsed document back as a clean export, and
 * parsing that export gives the same document apart from source positions.
 * Checked on every sample and on generated forms drawn with any mess.
 *
 * "Apart from source positions" drops line, column, startLine, endLine and
 * file, and also the source's encoding and separator (a rendering is always
 * UTF-8 text with tabs). Diagnostics about the layout of the original
 * (unplaced cells, figures not matched to a column, ambiguous merged labels,
 * control characters in cells whose cleaned text is kept) describe text that the clean export no longer has;
 * every other diagnostic must come back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import { render } from '../src/output/render.js';
import type { Document } from '../src/contract/schema.js';
import { formArb, messArb, renderForms } from './support/render-mess.js';

const POSITION_KEYS = new Set(['line', 'column', 'startLine', 'endLine', 'file', 'encoding', 'separator']);
// The cells a funds or total row could not match to a column are reported, not read: the clean export no longer has them.
const LAYOUT_CODES = new Set(['unplaced-cell', 'ambiguous-hierarchy', 'control-character', 'funds-column-unmatched', 'total-figure-unmatched']);

function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !POSITION_KEYS.has(key))
      .map(([key, v]) => [key, withoutPositions(v)]),
  );
}

/** The document as the round trip must keep it. */
export function comparable(document: Document): unknown {
  return withoutPositions({
    forms: document.forms.map((form) => ({ ...form, diagnostics: form.diagnostics.filter((d) => !LAYOUT_CODES.has(d.code)) })),
  });
}

/** toEqual with a cheap first look: the deep diff only runs when the JSON differs. */
function expectSame(actual: Document, expected: Document): void {
  const [a, b] = [comparable(actual), comparable(expected)];
  if (JSON.stringify(a) !== JSON.stringify(b)) expect(a).toEqual(b);
}

const samplesDir = join(import.meta.dirname, '..', 'samples');
const samples = readdirSync(samplesDir)
  .filter((f) => !f.endsWith('.expected.json') && readdirSync(samplesDir).includes(f.replace(/\.[^.]+$/, '.expected.json')))
  .sort();

describe('render round trip', () => {
  it('has samples to run on', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples)('parse(render(parse(%s))) is the same document', (name) => {
    const document = parse(readFileSync(join(samplesDir, name)), { file: name });
    expect(document.forms.length).toBeGreaterThan(0);
    const again = parse(render(document), { file: name });
    expect(comparable(again)).toEqual(comparable(document));
    // A second round changes nothing at all: the rendering is a fixed point.
    expect(render(again)).toBe(render(document));
  });

  it('writes the canonical layout', () => {
    const document = parse(readFileSync(join(samplesDir, samples[0])));
    const lines = render(document).split('\n');
    expect(lines[0]).toBe(document.forms[0].title);
    expect(lines[1].split('\t')).toHaveLength(9);
    expect(lines.find((l) => l.startsWith('年度绩效指标'))?.split('\t')).toEqual([
      '年度绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施',
    ]);
  });

  it('round-trips generated forms drawn with any mess', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(formArb, messArb()), { minLength: 1, maxLength: 2 }), (pairs) => {
        const drawn = renderForms(
          pairs.map(([f]) => f),
          pairs.map(([, m]) => m),
        );
        const document = parse(drawn.text);
        const again = parse(render(document));
        expectSame(again, document);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('quotes cells holding tabs, line breaks or a leading quote, and keeps Excel-quoted raw text', () => {
    const text = [
      '项目支出绩效自评表',
      '项目名称\t"A\tB ""C"""\t\t\t项目金额\t100\t\t\t',
      '主管部门\t0402009\t\t\t实施单位\t"x',
      'y"\t\t\t',
      '年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t\t',
      '\t"第一行',
      '第二行"\t\t\t完成\t\t\t\t',
      '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
      '\t产出指标 (50分)\t数量指标\t&lt;b&gt;数量\t100台\t"1""00台"\t5\t5\t',
      '总分\t\t\t\t\t\t5\t5\t',
      '',
    ].join('\n');
    const document = parse(text);
    const form = document.forms[0];
    expect(form.project.name).toBe('A\tB "C"');
    expect(form.project.implementer).toBe('x\ny');
    expect(form.indicators[0].name).toBe('<b>数量');
    const out = render(document);
    expect(out).toContain('\t"A\tB ""C"""\t');
    expect(out).toContain('\t"1""00台"\t');
    expect(out).toContain('\t&lt;b&gt;数量\t');
    expect(comparable(parse(out))).toEqual(comparable(document));
  });
});
