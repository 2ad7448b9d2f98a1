/**
 * The library's door holds documents to the output's schema: `check`,
 * `checkForm`, `render` and `renderReport` throw a TypeError naming the
 * first wrong field of a document made by hand, instead of printing it into
 * a page (markup) or failing deep inside (`DecimalError`, `value.trim is not
 * a function`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, checkForm, parse, render, renderReport } from '../src/api/core.js';
import { ROOT, SEED } from './fixtures/cli/run-cli.js';

const good = check(parse(readFileSync(join(ROOT, SEED)), { file: 'a.txt' }));
const copy = () => structuredClone(good);

describe('a document made by hand', () => {
  it('indicators that are not an array: check names the field', () => {
    const bad = copy() as unknown as { forms: Record<string, unknown>[] };
    bad.forms[0].indicators = 'abc';
    expect(() => check(bad as never)).toThrow(TypeError);
    expect(() => check(bad as never)).toThrow(/document\.forms\[0\]\.indicators/);
  });

  it('a figure that is not a decimal: check throws a TypeError, not a DecimalError', () => {
    const bad = copy();
    (bad.forms[0].total!.score as { value: unknown }).value = 'twelve';
    expect(() => check(bad)).toThrow(TypeError);
    expect(() => check(bad)).toThrow(/document\.forms\[0\]\.total\.score\.value/);
  });

  it('a text that is not a string: checkForm names it', () => {
    const bad = copy().forms[0] as unknown as { project: { name: unknown } };
    bad.project.name = 42;
    expect(() => checkForm(bad as never)).toThrow(/form\.project\.name/);
  });

  it('renderReport([{}]) and a document with markup in a field of the wrong type are refused', () => {
    expect(() => renderReport([{}] as never)).toThrow(TypeError);
    const bad = copy() as unknown as { forms: Array<{ summary: unknown }> };
    bad.forms[0].summary = { declaredTotal: '<meta http-equiv="refresh" content="0;url=https://example.com">' };
    expect(() => renderReport([bad as never])).toThrow(/documents\[0\]\.forms\[0\]\.summary/);
    expect(() => renderReport('x' as never)).toThrow(TypeError);
  });

  it('render refuses what is not a document', () => {
    expect(() => render({ forms: [{}], diagnostics: [] } as never)).toThrow(/document\.forms\[0\]/);
  });

  it('a real document passes, and the page escapes what it holds', () => {
    const named = copy();
    named.forms[0].project.name = '<meta http-equiv="refresh" content="0">';
    const html = renderReport([check(named)]);
    expect(html).not.toContain('<meta http-equiv="refresh"');
    expect(html).toContain('&lt;meta http-equiv=');
  });
});
