/**
 * Files large enough to be shared out over two worker threads (the built
 * dist/worker.js, run by the built CLI) give the same bytes as one thread, on
 * standard output and under --out, and the whole documents' formatting.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { BYTES_PER_WORKER, CREDIT_CHARS } from '../src/cli/pool.js';
import { CSV_TABLES, csvHeader, csvRows } from '../src/output/csv.js';
import { parse } from '../src/api/pipeline.js';
import type { Document } from '../src/contract/schema.js';
import { jixiao, ROOT, SEED } from './fixtures/cli/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-cli-workers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BOM = '\uFEFF';
const whole = { json: (d: Document) => JSON.stringify(d) };

describe('files shared out over two worker threads', () => {
  const seed = readFileSync(join(ROOT, SEED));
  const dir = join(scratch, 'workers');
  const inputs = [
    // About 1.2 and 1.1 MB: with the seed more than BYTES_PER_WORKER, and the
    // batch gets two workers; each checks to about 6 million characters of
    // JSON, more than CREDIT_CHARS (what a worker may have sent and not yet
    // seen written).
    ['a-large.txt', Buffer.concat(new Array(75).fill(seed))],
    ['b-seed.txt', seed],
    ['c-large.txt', Buffer.concat(new Array(65).fill(seed))],
    ['d-empty.txt', Buffer.alloc(0)],
  ] as const;
  mkdirSync(dir);
  for (const [name, content] of inputs) writeFileSync(join(dir, name), content);

  it('give the bytes one thread gives, on standard output and under --out', { timeout: 300_000 }, () => {
    // Enough input for the batch to start two workers.
    expect(inputs.reduce((n, [, c]) => n + c.length, 0)).toBeGreaterThan(BYTES_PER_WORKER);
    const pattern = join(dir, '*.txt');
    const two = jixiao(['check', pattern, '--format', 'json', '-q', '--jobs', '2']);
    // Standard output is compared below with the whole documents, which one
    // thread writes (test/cli-stream-memory.test.ts); standard error and the
    // status with one thread's over the batch's one failing file.
    const one = jixiao(['check', join(dir, 'd-empty.txt'), '--format', 'json', '-q', '--jobs', '1']);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('d-empty.txt');
    expect([two.status, two.stderr]).toEqual([one.status, one.stderr]);
    const documents = inputs.map(([name]) => check(parse(readFileSync(join(dir, name)), { file: join(dir, name) })));
    expect(Math.min(whole.json(documents[0]).length, whole.json(documents[2]).length)).toBeGreaterThan(CREDIT_CHARS);
    expect(two.stdout).toBe('[\n' + documents.map(whole.json).join(',\n') + '\n]\n');
    const out = join(scratch, 'workers-csv');
    expect(jixiao(['check', pattern, '--format', 'csv', '-q', '--jobs', '2', '--out', out]).status).toBe(2);
    for (const [i, [name]] of inputs.entries()) {
      for (const table of CSV_TABLES) {
        const file = name.replace(/\.txt$/, `.${table}.csv`);
        expect(readFileSync(join(out, file), 'utf8'), file).toBe(BOM + csvHeader(table) + csvRows(table, documents[i], join(dir, name)));
      }
    }
  });
});
