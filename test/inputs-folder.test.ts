/**
 * A folder given as input: every export under it, at any depth, by its
 * ending in any case, hidden files and the output folder left out; and the
 * common base `--out` mirrors from.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInputs } from '../src/io/inputs.js';
import { commonBase, mirroredName, relativeInputPath } from '../src/cli/output-paths.js';
import { parseShard, shardOf } from '../src/cli/shard.js';

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-folder-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function touch(...paths: string[]) {
  for (const path of paths) {
    mkdirSync(join(scratch, path, '..'), { recursive: true });
    writeFileSync(join(scratch, path), 'x');
  }
}

describe('a folder given as input', () => {
  touch('exports/2023/a.txt', 'exports/2023/B.TXT', 'exports/2024/deep/c.tsv', 'exports/d.csv', 'exports/notes.docx', 'exports/.hidden.txt', 'exports/.cache/e.txt', 'exports/out/old.csv', 'other/f.txt');

  it('gives every export under it, sorted, whatever the case of the ending, without hidden files or the output folder', async () => {
    const { inputs, problems } = await findInputs(['exports'], { cwd: scratch, exclude: 'exports/out' });
    expect(problems).toEqual([]);
    expect(inputs.map((i) => i.path)).toEqual(['exports/2023/B.TXT', 'exports/2023/a.txt', 'exports/2024/deep/c.tsv', 'exports/d.csv']);
    expect(new Set(inputs.map((i) => i.base))).toEqual(new Set([join(scratch, 'exports')]));
  });

  it('is refused, by name, when it holds no export', async () => {
    touch('empty/readme.md');
    const { inputs, problems } = await findInputs(['empty'], { cwd: scratch });
    expect(inputs).toEqual([]);
    expect(problems).toEqual([{ input: 'empty', reason: 'is a folder without export files (.txt, .csv, .tsv)', key: 'input-empty-folder', detail: { extensions: '.txt, .csv, .tsv' } }]);
  });

  it('mirrors under --out from the common base of every input, file, folder or pattern', async () => {
    const { inputs } = await findInputs(['exports/2023', join(scratch, 'other/f.txt'), 'exports/2024/**/*.tsv'], { cwd: scratch });
    const base = commonBase(inputs.map((i) => i.base), scratch);
    expect(base).toBe(scratch);
    expect(inputs.map((i) => mirroredName(resolve(scratch, i.path), base))).toEqual(['exports/2023/B', 'exports/2023/a', 'other/f', 'exports/2024/deep/c']);
    const alone = await findInputs([join(scratch, 'other/f.txt')], { cwd: scratch });
    expect(mirroredName(alone.inputs[0].path, commonBase(alone.inputs.map((i) => i.base), '/'))).toBe('f');
  });
});

describe('shards', () => {
  it('split any list into N disjoint shares by the relative path alone', () => {
    const paths = Array.from({ length: 600 }, (_, i) => `dept-${i % 7}/${2020 + (i % 3)}/${i}.txt`);
    const shares = [0, 1, 2].map((s) => paths.filter((p) => shardOf(p, 3) === s));
    expect(shares.flat().sort()).toEqual([...paths].sort());
    for (const share of shares) expect(share.length).toBeGreaterThan(150);
    expect(paths.map((p) => shardOf(p, 3))).toEqual([...paths].reverse().map((p) => shardOf(p, 3)).reverse());
    expect(relativeInputPath('/data/x/a.txt', '/data')).toBe('x/a.txt');
  });

  it('read I/N, and /N from JOB_COMPLETION_INDEX', () => {
    expect(parseShard('2/5', {})).toEqual({ index: 2, count: 5 });
    expect(parseShard('/5', { JOB_COMPLETION_INDEX: '4' })).toEqual({ index: 4, count: 5 });
    const reason = (text: string, env: Record<string, string> = {}) => (parseShard(text, env) as Error).message;
    expect(reason('/5')).toMatch(/JOB_COMPLETION_INDEX/);
    expect(reason('5/5')).toMatch(/from 0 to 4/);
    expect(reason('0/0')).toMatch(/N must be/);
    expect(reason('a/b')).toMatch(/I\/N/);
  });
});
