/**
 * The JSON Schema as code generators use it: shared shapes under `$defs`, a
 * description for every property with its Chinese label, the package's own
 * `$id`; types generated from it by json-schema-to-typescript compile, accept
 * a checked sample document and refuse a wrong one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSchema } from '../src/contract/json-schema.js';
import { check, parse } from '../src/api/index.js';
import { ROOT, SEED } from './fixtures/cli/run-cli.js';

type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; description?: string; $ref?: string; $defs?: Record<string, Schema> };

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-schema-types-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every property of the schema, as `where: schema`, through $defs, inline objects, arrays and nullables. */
function properties(schema: Schema, where: string, found: [string, Schema][] = []): [string, Schema][] {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    found.push([`${where}.${name}`, property]);
    properties(property, `${where}.${name}`, found);
  }
  for (const inner of [schema.items, ...(schema.anyOf ?? [])]) if (inner) properties(inner, where, found);
  return found;
}

const tsc = (dir: string) => {
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', join(dir, 'use.ts')], { encoding: 'utf8', cwd: dir });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
};

describe('jixiao schema', () => {
  const schema = jsonSchema() as Schema & Record<string, unknown>;

  it('names itself with the package scheme and keeps the shared shapes once under $defs', () => {
    expect(schema.$id).toBe('jixiao:schema/1');
    expect(Object.keys(schema.$defs!)).toEqual(expect.arrayContaining(['Figure', 'Diagnostic', 'Finding', 'Form', 'Measure']));
    const text = JSON.stringify(schema);
    expect(text.match(/"#\/\$defs\/Figure"/g)!.length).toBeGreaterThan(5);
    expect(JSON.stringify(schema.$defs!.Form)).not.toContain('"raw"'); // figures are referenced, not repeated
  });

  it('describes every property, in English with a Chinese label', () => {
    const all = [...properties(schema, 'Document'), ...Object.entries(schema.$defs!).flatMap(([name, def]) => properties(def, name))];
    expect(all.length).toBeGreaterThan(80);
    const undescribed = all.filter(([, s]) => typeof s.description !== 'string').map(([where]) => where);
    expect(undescribed).toEqual([]);
    const withoutChinese = all.filter(([, s]) => !/[\u4e00-\u9fff]/.test(s.description!) || !/[a-z]{3}/.test(s.description!)).map(([where]) => where);
    expect(withoutChinese).toEqual([]);
    for (const [name, def] of Object.entries(schema.$defs!)) expect(def.description, name).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is the file the package ships', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'dist', 'jixiao.schema.json'), 'utf8'))).toEqual(schema);
  });

  it('gives TypeScript types (json-schema-to-typescript) that compile, accept a checked document and refuse a wrong one', async () => {
    const types = await compile(structuredClone(schema) as never, 'JixiaoDocument', { bannerComment: '', additionalProperties: false, format: false });
    expect(types).toMatch(/export interface Figure\b/);
    expect(types).toMatch(/export interface Finding\b/);
    expect(types).toContain('主管部门');
    writeFileSync(join(scratch, 'types.ts'), types);
    const document = check(parse(readFileSync(join(ROOT, SEED)), { file: SEED }));
    const use = (value: unknown) => `import type { JixiaoDocument } from './types.js';\nexport const document: JixiaoDocument = ${JSON.stringify(value, null, 1)};\n`;
    writeFileSync(join(scratch, 'use.ts'), use(document));
    expect(tsc(scratch)).toBe('');
    const wrong = structuredClone(document) as unknown as { forms: { findings: { severity: string }[] }[] };
    wrong.forms[3].findings[0].severity = 'fatal';
    writeFileSync(join(scratch, 'use.ts'), use(wrong));
    expect(tsc(scratch)).toMatch(/fatal/);
  }, 120_000);
});
