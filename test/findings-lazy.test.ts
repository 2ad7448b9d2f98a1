/**
 * A finding's message is written from its rule's values when first read, not
 * during the check: JSON, a copy for a worker's message and a spread all carry
 * the same text, in the same place among the finding's fields.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/parse-document.js';

const root = join(import.meta.dirname, '..');
const findings = readdirSync(join(root, 'samples'))
  .filter((file) => file.endsWith('.txt'))
  .flatMap((file) => check(parse(readFileSync(join(root, 'samples', file)), { file }), { profile: 'mof2020' }).forms.flatMap((form) => form.findings));

describe('findings’ messages', () => {
  it('are written when read, and every copy carries the same text in the same place', () => {
    expect(findings.length).toBeGreaterThan(10);
    for (const finding of findings) {
      expect(Object.getOwnPropertyDescriptor(finding, 'message')?.get, finding.code).toBeTypeOf('function');
      const text = finding.message;
      expect(text.zh.length * text.en.length, finding.code).toBeGreaterThan(0);
      expect(finding.message).toBe(text);
      const json = JSON.parse(JSON.stringify(finding));
      expect(Object.keys(json)).toEqual(Object.keys(finding));
      expect(Object.keys(json).indexOf('message')).toBe(2);
      expect(json.message).toEqual(text);
      expect(structuredClone(finding)).toEqual(json);
      expect({ ...finding }).toEqual(json);
    }
  });
});
