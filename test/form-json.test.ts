/**
 * A form's JSON written with its findings' rule references remembered
 * (src/output/form-json.ts) is `JSON.stringify(form)`, character for
 * character: on every sample under both profiles, read one after another
 * with one memo, on forms whose own texts hold the marker, on copies that
 * share no reference, and when a shared reference changes between forms.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/parse-document.js';
import { formJsonParts, rememberedReferenceBytes, rememberedReferenceText } from '../src/output/form-json.js';
import { pieceText } from '../src/output/writers.js';
import type { Form } from '../src/contract/schema.js';

const root = join(import.meta.dirname, '..');
const samples = readdirSync(join(root, 'samples')).filter((file) => file.endsWith('.txt'));
const formsOf = (profile: string): Form[] =>
  samples.flatMap((file) => check(parse(readFileSync(join(root, 'samples', file)), { file }), { profile }).forms);
const forms = [...formsOf('default'), ...formsOf('mof2020')];
const withFindings = forms.filter((form) => form.findings.length > 1);

describe('a form’s JSON with remembered rule references', () => {
  it('is JSON.stringify(form) for every sample form, one memo across them all, as text or with references as UTF-8', () => {
    expect(withFindings.length).toBeGreaterThan(5);
    const referenceText = rememberedReferenceText();
    const referenceBytes = rememberedReferenceBytes();
    for (const form of forms) {
      expect(formJsonParts(form, referenceText).join('')).toBe(JSON.stringify(form));
      expect(pieceText(formJsonParts(form, referenceBytes))).toBe(JSON.stringify(form));
    }
  });

  it('writes a shared reference from its remembered text, between the cuts of the form', () => {
    const form = withFindings.find((f) => new Set(f.findings.map((finding) => finding.rule)).size < f.findings.length)!;
    expect(form).toBeDefined();
    const referenceBytes = rememberedReferenceBytes();
    const parts = formJsonParts(form, referenceBytes);
    expect(parts.length).toBe(2 * form.findings.length + 1);
    for (const [i, finding] of form.findings.entries()) expect(parts[2 * i + 1]).toBe(referenceBytes(finding.rule));
    const shared = form.findings.findIndex((finding, i) => form.findings.findIndex((other) => other.rule === finding.rule) < i);
    expect(parts[2 * shared + 1]).toBe(parts[2 * form.findings.findIndex((finding) => finding.rule === form.findings[shared].rule) + 1]);
  });

  it('falls back to the whole text when a text of the form holds the marker', () => {
    const form = withFindings[0];
    const marker = '\u0001jixiao-rule\u0001';
    const tricked: Form = { ...form, title: marker, findings: form.findings.map((finding, i) => (i === 0 ? { ...finding, field: marker } : finding)) };
    const parts = formJsonParts(tricked, rememberedReferenceText());
    expect(parts).toEqual([JSON.stringify(tricked)]);
  });

  it('is JSON.stringify(form) whatever texts the findings and the form hold', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('\u0001', '"\\u0001', '\u0001jixiao-rule\u0001', '","rule":'));
    fc.assert(
      fc.property(fc.nat({ max: withFindings.length - 1 }), fc.array(fc.tuple(fc.nat(), text, text), { maxLength: 6 }), (which, edits) => {
        const form = withFindings[which];
        const findings = form.findings.map((finding) => ({ ...finding }));
        for (const [at, field, zh] of edits) {
          const finding = findings[at % findings.length];
          finding.field = field;
          finding.message = { ...finding.message, zh };
        }
        const edited = { ...form, title: edits[0]?.[1] ?? form.title, findings };
        expect(formJsonParts(edited, rememberedReferenceText()).join('')).toBe(JSON.stringify(edited));
      }),
      { numRuns: 300 },
    );
  });

  it('is each finding’s own reference when none is shared, and a reference changed between forms is not the old text', () => {
    const form = withFindings[0];
    const copied = JSON.parse(JSON.stringify(form)) as Form;
    const referenceText = rememberedReferenceText();
    expect(formJsonParts(copied, referenceText).join('')).toBe(JSON.stringify(copied));
    const other = { ...form.findings[0].rule, zh: '另一条规则' };
    const changed: Form = { ...copied, findings: copied.findings.map((finding) => ({ ...finding, rule: other })) };
    expect(formJsonParts(changed, referenceText).join('')).toBe(JSON.stringify(changed));
  });
});
