/**
 * The tables as a warehouse reads them: the sample batch (the samples folder
 * given as input) converted by the built CLI to Parquet, per input and
 * combined, and to CSV, then read by DuckDB. Every table holds the rows the
 * CSV output holds, column for column, and the README's query (findings per
 * 主管部门 and Σ declared − recomputed) gives the figures of
 * `check --format json`, summed here with exact decimals.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../src/contract/decimal.js';
import { jixiao, ROOT } from './fixtures/cli/run-cli.js';
import type { Document } from '../src/contract/schema.js';
import { csvCell } from '../src/output/csv.js';

const unquoted = (field: string) => (field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field);

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-tables-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const TABLES = ['forms', 'indicators', 'funds', 'findings'] as const;
const TIMEOUT = 120_000;

/** The README's query: per 主管部门, the forms, their findings by severity and Σ (declared − recomputed). */
const byDepartment = (forms: string, findings: string) => `
  WITH f AS (
    SELECT department, count(*) AS forms, sum(TRY_CAST(difference_declared_minus_recomputed AS DECIMAL(38, 6))) AS difference
    FROM ${forms} GROUP BY department
  ), x AS (
    SELECT department,
      count(*) FILTER (WHERE severity = 'error') AS errors,
      count(*) FILTER (WHERE severity = 'warning') AS warnings,
      count(*) FILTER (WHERE severity = 'info') AS info
    FROM ${findings} WHERE kind = 'finding' GROUP BY department
  )
  SELECT f.department, f.forms, coalesce(x.errors, 0) AS errors, coalesce(x.warnings, 0) AS warnings, coalesce(x.info, 0) AS info, f.difference::VARCHAR AS difference
  FROM f LEFT JOIN x ON f.department IS NOT DISTINCT FROM x.department
  ORDER BY f.department NULLS FIRST`;

interface DepartmentFigures {
  department: string | null;
  forms: number;
  errors: number;
  warnings: number;
  info: number;
  difference: string | null;
}

/** The same figures from the JSON documents, with the project's exact decimals. */
function figuresOfDocuments(documents: Document[]): DepartmentFigures[] {
  const by = new Map<string | null, { forms: number; errors: number; warnings: number; info: number; difference: Dec | null }>();
  for (const form of documents.flatMap((d) => d.forms)) {
    const key = form.project.department;
    const row = by.get(key) ?? { forms: 0, errors: 0, warnings: 0, info: 0, difference: null };
    row.forms++;
    for (const f of form.findings) row[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'info']++;
    const difference = form.summary?.difference;
    if (difference != null) row.difference = (row.difference ?? new Dec(0)).plus(difference);
    by.set(key, row);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([department, r]) => ({ department, forms: r.forms, errors: r.errors, warnings: r.warnings, info: r.info, difference: r.difference === null ? null : r.difference.toFixed(6) }));
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

function asFigures(raw: Record<string, unknown>[]): DepartmentFigures[] {
  return raw.map((r) => ({
    department: r.department as string | null,
    forms: Number(r.forms),
    errors: Number(r.errors),
    warnings: Number(r.warnings),
    info: Number(r.info),
    difference: r.difference as string | null,
  }));
}

describe('the sample batch as tables a warehouse reads', () => {
  const perInput = join(scratch, 'parquet');
  const combined = join(scratch, 'combined');
  const csv = join(scratch, 'csv');
  let documents: Document[];
  let connection: DuckDBConnection;

  beforeAll(async () => {
    documents = JSON.parse(jixiao(['check', 'samples', '--format', 'json', '-q']).stdout) as Document[];
    for (const [out, extra] of [[perInput, []], [combined, ['--combine']], [csv, ['--format', 'csv']]] as const) {
      const run = jixiao(['check', 'samples', '--format', 'parquet', ...extra, '--out', out, '-q']);
      expect(run.status, run.stderr).not.toBe(null);
    }
    connection = await (await DuckDBInstance.create(':memory:')).connect();
  }, TIMEOUT);

  it('reads every sample export of the folder', () => {
    const exports = readdirSync(join(ROOT, 'samples')).filter((f) => /\.(txt|csv|tsv)$/i.test(f));
    expect(documents).toHaveLength(exports.length);
    for (const table of TABLES) expect(readdirSync(perInput).filter((f) => f.endsWith(`.${table}.parquet`))).toHaveLength(exports.length);
    expect(readdirSync(combined).sort()).toEqual(['findings.parquet', 'forms.parquet', 'funds.parquet', 'indicators.parquet']);
  });

  it.each(TABLES)('%s: the Parquet tables hold the CSV rows, per input and combined, with integers typed', async (table) => {
    const fromCsv = await rows(connection, `SELECT * FROM read_csv('${csv}/*.${table}.csv', all_varchar = true, header = true, quote = '"', escape = '"')`);
    const perFile = await rows(connection, `SELECT * FROM '${perInput}/*.${table}.parquet'`);
    const whole = await rows(connection, `SELECT * FROM '${combined}/${table}.parquet'`);
    expect(fromCsv.length).toBeGreaterThan(0);
    // As the CSV writes a cell: empty for none, text a spreadsheet would run as a formula guarded.
    const asCsv = (r: Record<string, unknown>) => Object.values(r).map((v) => (v === null || v === '' ? null : unquoted(csvCell(String(v)))));
    const sorted = (list: (string | null)[][]) => list.map((r) => JSON.stringify(r)).sort();
    expect(sorted(perFile.map(asCsv))).toEqual(sorted(whole.map(asCsv)));
    expect(sorted(perFile.map(asCsv))).toEqual(sorted(fromCsv.map((r) => Object.values(r).map((v) => (v === null || v === '' ? null : String(v))))));
    const types = await rows(connection, `DESCRIBE SELECT * FROM '${combined}/${table}.parquet'`);
    expect(types.map((c) => c.column_name)).toEqual(Object.keys(fromCsv[0]));
    for (const column of types) {
      const name = column.column_name as string;
      expect(column.column_type, name).toBe(['form', 'line', 'end_line', 'column', 'errors', 'warnings', 'info', 'diagnostics'].includes(name) ? 'INTEGER' : 'VARCHAR');
    }
  }, TIMEOUT);

  it.each(TABLES)('%s: --table with --format ndjson gives the same rows, one JSON object each, keyed by the columns', async (table) => {
    const ndjson = jixiao(['check', 'samples', '--table', table, '--format', 'ndjson', '-q']).stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const fromParquet = await rows(connection, `SELECT * FROM '${combined}/${table}.parquet'`);
    expect(ndjson.length).toBe(fromParquet.length);
    const keys = Object.keys(fromParquet[0]);
    for (const row of ndjson) expect(Object.keys(row)).toEqual(keys);
    // Integers as numbers, every other cell as the string Parquet holds, in the same order.
    expect(ndjson).toEqual(fromParquet.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : typeof v === 'number' ? v : String(v)]))));
  }, TIMEOUT);

  it('keeps codes as text and figures as the exact decimals of the JSON', async () => {
    const [seed] = await rows(connection, `SELECT department, declared_total, recomputed_total, difference_declared_minus_recomputed AS difference FROM '${combined}/forms.parquet' WHERE file LIKE '%000_16052ebbc3505be3.txt' AND form = 4`);
    expect(seed).toEqual({ department: '0402009', declared_total: '92.49', recomputed_total: '96.49', difference: '-4.00' });
    const amounts = await rows(connection, `SELECT adjusted_budget FROM '${combined}/funds.parquet' WHERE file LIKE '%000_16052ebbc3505be3.txt' AND form = 4 AND kind = 'total'`);
    expect(amounts).toEqual([{ adjusted_budget: '19416170.49' }]);
    const finding = await rows(connection, `SELECT code, severity, rule, message, line FROM '${combined}/findings.parquet' WHERE file LIKE '%000_16052ebbc3505be3.txt' AND form = 4 AND code = 'total-score-mismatch'`);
    const json = documents.flatMap((d) => d.forms).find((f) => f.source.file?.endsWith('000_16052ebbc3505be3.txt') && f.source.startLine === 111)!.findings.find((f) => f.code === 'total-score-mismatch')!;
    expect(finding).toEqual([{ code: json.code, severity: json.severity, rule: json.rule.en, message: json.message.zh, line: json.line }]);
  });

  it('gives the figures of check --format json for findings per 主管部门 and Σ declared − recomputed, from Parquet and from CSV', async () => {
    const expected = figuresOfDocuments(documents);
    expect(expected.length).toBeGreaterThan(1);
    const parquet = asFigures(await rows(connection, byDepartment(`'${combined}/forms.parquet'`, `'${combined}/findings.parquet'`)));
    const fromCsv = asFigures(
      await rows(connection, byDepartment(`read_csv('${csv}/*.forms.csv', all_varchar = true, quote = '"', escape = '"')`, `read_csv('${csv}/*.findings.csv', all_varchar = true, quote = '"', escape = '"')`)),
    );
    expect(parquet).toEqual(expected);
    expect(fromCsv).toEqual(expected);
  });

  it('marks every Parquet file with its table and the layout version of the tables', async () => {
    const meta = await rows(connection, `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${combined}/findings.parquet') ORDER BY key`);
    expect(meta).toEqual([
      { key: 'jixiao.table', value: 'findings' },
      { key: 'jixiao.tables_version', value: '2' },
    ]);
  });

  it('writes the per-input tables under the names the inputs mirror', () => {
    expect(readFileSync(join(perInput, '000_16052ebbc3505be3.forms.parquet')).subarray(0, 4).toString()).toBe('PAR1');
  });
});
