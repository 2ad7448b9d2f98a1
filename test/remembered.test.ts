/**
 * The stages remember readings from form to form (src/contract/remembered.ts):
 * a label's spelling, a cell text's reading, a row shape's placement, a
 * block's hierarchy, a unit's definition. A reading remembered under a key
 * that leaves out something it depends on would give one form another's
 * reading, silently. So each form, read after a batch of others (forms of
 * the same template with other content, forms of other traits, the
 * samples), must give exactly the document it gives on empty caches.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { forgetRemembered } from '../src/contract/remembered.js';
import { exactly, generateTemplate } from './support/template-gen.js';

const read = (bytes: Uint8Array): string => JSON.stringify(check(parse(bytes)));

/** Each input's document on empty caches. */
const readCold = (inputs: readonly Uint8Array[]): string[] =>
  inputs.map((bytes) => {
    forgetRemembered();
    return read(bytes);
  });

/** Each input's document read in turn, `order` giving the turn, from empty caches at the start only. */
function readWarm(inputs: readonly Uint8Array[], order: readonly number[]): string[] {
  forgetRemembered();
  const documents: string[] = new Array(inputs.length);
  for (const i of order) documents[i] = read(inputs[i]);
  return documents;
}

/** The inputs whose document differs from its cold reading, by name. */
const differing = (names: readonly string[], cold: readonly string[], warm: readonly string[]): string[] => names.filter((_, i) => cold[i] !== warm[i]);

describe('a form reads the same whatever was read before it', () => {
  it('forms of one template with other content, and forms of other traits, read in turn and in reverse', () => {
    const seed = fc.integer({ min: 0, max: 0x7fffffff });
    fc.assert(
      fc.property(seed, fc.array(seed, { minLength: 6, maxLength: 12 }), (templateSeed, seeds) => {
        const template = exactly(generateTemplate(templateSeed).truth.traits);
        const forms = seeds.map((s, i) => (i % 3 === 2 ? generateTemplate(s) : generateTemplate(s, template)));
        const inputs = forms.map((f) => f.bytes);
        const names = seeds.map((s, i) => `${i % 3 === 2 ? 'own traits' : `template ${templateSeed}`}, seed ${s}`);
        const cold = readCold(inputs);
        const forward = inputs.map((_, i) => i);
        expect(differing(names, cold, readWarm(inputs, forward))).toEqual([]);
        expect(differing(names, cold, readWarm(inputs, forward.slice().reverse()))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('the samples, each read after all the others', () => {
    const dir = join(import.meta.dirname, '..', 'samples');
    const names = readdirSync(dir).filter((f) => !f.endsWith('.json')).sort();
    const inputs = names.map((name) => new Uint8Array(readFileSync(join(dir, name))));
    const cold = readCold(inputs);
    const forward = inputs.map((_, i) => i);
    expect(differing(names, cold, readWarm(inputs, forward))).toEqual([]);
    expect(differing(names, cold, readWarm(inputs, forward.slice().reverse()))).toEqual([]);
  });
});
