/**
 * The table of whole documents: every `samples/<case>.txt` is parsed and
 * checked, and compared with `samples/<case>.expected.json`, a file written
 * and checked by hand against the case's source lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, Document as DocumentSchema, parse } from '../src/api/index.js';
import { project } from './support/project.js';

const dir = join(import.meta.dirname, '..', 'samples');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.expected.json'.length))
  .sort();

describe.each(cases)('sample %s', (name) => {
  const input = readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith(name + '.') && !f.endsWith('.expected.json'))!));
  const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));
  const document = check(parse(input, { file: `${name}.txt` }));

  it('matches its expected document', () => {
    expect(project(document)).toEqual(expected);
  });

  it('validates against the output schema', () => {
    expect(DocumentSchema.safeParse(document).success).toBe(true);
  });
});
