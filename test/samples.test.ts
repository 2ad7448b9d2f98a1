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
import { Dec, parseDecimal, toPlainString } from '../src/contract/decimal.js';

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

  it('adds up each 一级 of its expected document from that document’s rows, and reads its budget-execution part off its funds total row', () => {
    const sum = (figures: unknown[]) => toPlainString(figures.reduce<Dec>((total, figure) => total.plus(parseDecimal(figure as string) ?? 0), new Dec(0)));
    for (const form of expected.forms as { funds: { rows: unknown[][] } | null; indicators: unknown[][]; level1: unknown[][] | null; execution: unknown[] | null }[]) {
      // The budget-execution part is the funds total row's line, 分值 and 得分.
      const totalRow = form.funds?.rows.find((row) => row[2] === 'total');
      const figure = (cell: unknown) => (parseDecimal(cell as string) === null ? null : cell);
      expect(form.execution?.slice(0, 3) ?? null).toEqual(totalRow ? [totalRow[0], figure(totalRow[6]), figure(totalRow[8])] : null);
      for (const [line, label, points, weight, declared] of form.level1 ?? []) {
        const rows = form.indicators.filter((row) => row[1] === label);
        const stating = rows.find((row) => row[2] !== null);
        expect([line, points]).toEqual([(stating ?? rows[0])[0], stating?.[2] ?? null]);
        expect([weight, declared]).toEqual([sum(rows.map((row) => row[7])), sum(rows.map((row) => row[8]))]);
      }
      expect(form.indicators.every((row) => (form.level1 ?? []).some((sum) => sum[1] === row[1]))).toBe(true);
    }
  });

  it('validates against the output schema', () => {
    expect(DocumentSchema.safeParse(document).success).toBe(true);
  });
});
