/**
 * A large export through the built CLI: checked to json and to ndjson, its
 * output byte for byte the whole document's, in a JavaScript heap capped far
 * below what holding that document takes (V8 ends a run that needs more), and
 * with a bounded peak resident size (bench/child.mjs measures it).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { CLI, ROOT, SEED } from './fixtures/cli/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-cli-memory-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MB = 1024 * 1024;

/**
 * 3 MB of the seed export (1 344 forms). Its checked document, held whole,
 * does not fit in a heap of HEAP_MB: `check(parse(...))` of a third of it, 1 MB,
 * already runs out of a 24 MB heap. A CLI that held the document, or anything
 * growing with the input at more than a few bytes per input byte, would be
 * ended by V8 (a status other than 0), whatever the load on the machine; the
 * streaming run fits in a 16 MB heap.
 */
const INPUT_MB = 3;
const HEAP_MB = 24;

/** Runs the CLI through bench/child.mjs, its heap capped at HEAP_MB, with its standard output in a file; its status and peak resident size. */
function runMeasured(args: string[], outFile: string): { status: number | null; rss: number; stderr: string } {
  const rssFile = join(scratch, 'rss');
  const out = openSync(outFile, 'w');
  try {
    const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, join(ROOT, 'bench', 'child.mjs'), CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, JIXIAO_BENCH_RSS: rssFile },
      stdio: ['ignore', out, 'pipe'],
      encoding: 'utf8',
    });
    return { status: run.status, rss: Number(readFileSync(rssFile, 'utf8')), stderr: run.stderr };
  } finally {
    closeSync(out);
  }
}

describe(`a ${INPUT_MB} MB export`, () => {
  const seed = readFileSync(join(ROOT, SEED));
  const big = join(scratch, 'big.txt');
  writeFileSync(big, Buffer.concat(new Array(Math.ceil((INPUT_MB * MB) / seed.length)).fill(seed)));
  let expected: Buffer | null = null;
  const expectedOutput = () => (expected ??= Buffer.from(JSON.stringify(check(parse(readFileSync(big), { file: big }))) + '\n', 'utf8'));

  it.each(['json', 'ndjson'])('is checked to %s equal to the whole document, in bounded memory', { timeout: 300_000 }, (format) => {
    const outFile = join(scratch, `big.${format}`);
    const run = runMeasured(['check', big, '--format', format, '-q', '--fail-on', 'never'], outFile);
    expect(run.status, run.stderr).toBe(0);
    const output = readFileSync(outFile);
    expect(output.length).toBeGreaterThan(5 * INPUT_MB * MB);
    expect(output.equals(expectedOutput())).toBe(true);
    expect(run.rss).toBeGreaterThan(0);
    // Memory outside the heap (buffers of input and output) is not capped: the
    // run peaks near 100 MB whatever the load (its heap cannot lag behind), and
    // holding the document whole would take a process near 57 times the input.
    expect(run.rss).toBeLessThan(200 * MB);
  });
});
