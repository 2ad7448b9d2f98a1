/**
 * The tolerance only forgives: a larger tolerance never adds a finding and
 * never changes a recomputed score. The recomputed score of a row is the
 * rule its declared score matches (exactly, else the nearest), whatever the
 * tolerance; the tolerance decides only whether the difference is reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { builtinProfile, BUILTIN_PROFILE_NAMES } from '../src/check/profile.js';
import { parse } from '../src/api/pipeline.js';
import type { Document } from '../src/contract/schema.js';
import { ROOT } from './fixtures/cli/run-cli.js';

const SAMPLES = readdirSync(join(ROOT, 'samples'))
  .filter((name) => name.endsWith('.txt'))
  .map((name) => parse(readFileSync(join(ROOT, 'samples', name)), { file: name }));

const findingsOf = (document: Document) => new Set(document.forms.flatMap((form, i) => form.findings.map((f) => `${i}|${f.code}|${f.line}|${f.field ?? ''}`)));
const recomputedOf = (document: Document) => document.forms.map((form) => [form.summary?.recomputedTotal ?? null, ...form.indicators.map((indicator) => indicator.recomputedScore)]);

/** A copy of the documents with some declared scores moved by a little. */
function nudged(documents: Document[], seed: number): Document[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return documents.map((document) => {
    const copy = structuredClone(document);
    for (const form of copy.forms) {
      for (const indicator of form.indicators) {
        const score = indicator.score;
        if (score?.value == null || next() < 0.6) continue;
        const moved = (Number(score.value) + Math.round((next() - 0.5) * 800) / 100).toFixed(2);
        score.value = moved.startsWith('-') ? '0.00' : moved;
        score.raw = score.value;
      }
    }
    return copy;
  });
}

describe('a larger tolerance', () => {
  it('removes findings, never adds one, and changes no recomputed score', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUILTIN_PROFILE_NAMES),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (name, a, b, seed) => {
          const [small, large] = [Math.min(a, b), Math.max(a, b)].map((n) => (n / 50).toFixed(2));
          const documents = nudged(SAMPLES, seed);
          for (const document of documents) {
            const strict = check(document, { profile: { ...builtinProfile(name), tolerance: small } });
            const lenient = check(document, { profile: { ...builtinProfile(name), tolerance: large } });
            const kept = findingsOf(strict);
            for (const finding of findingsOf(lenient)) expect(kept, `${name} ${small} → ${large}: ${finding}`).toContain(finding);
            expect(recomputedOf(lenient)).toEqual(recomputedOf(strict));
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
