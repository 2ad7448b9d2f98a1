/**
 * Inputs by real file: a pattern never walks a symbolic link back up its
 * tree, one file under two names is read once (with a note), and every read
 * — a profile, a document to render, standard input — is bounded whatever
 * the file is.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseFiles } from '../src/api/files.js';
import { CLI, ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';
import { PEAK_RSS_PROBE, peakRssMb } from './support/peak-rss.js';

vi.setConfig({ testTimeout: 90_000 });

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-inputs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder holding the sample export and `links` symbolic links back to itself or its parent. */
function loopedTree(name: string, links: number): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'sub'), { recursive: true });
  copyFileSync(join(ROOT, SEED), join(dir, 'sub', 'a.txt'));
  for (let i = 0; i < links; i++) symlinkSync(i % 2 === 0 ? '..' : '.', join(dir, 'sub', `loop${i}`));
  return dir;
}

/** The built CLI with its own peak resident memory (MiB) read at exit. */
function measured(args: string[], input?: Uint8Array): { status: number | null; stdout: string; stderr: string; maxRssMb: number } {
  const run = spawnSync(process.execPath, ['--import', PEAK_RSS_PROBE, CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, maxRssMb: peakRssMb(run.stderr) };
}

describe('symbolic links', () => {
  it('a link back up the tree does not read the same file again', async () => {
    const dir = loopedTree('one-loop', 1);
    const run = await cli(['parse', join(dir, '**', '*.txt'), '--format', 'ndjson', '-q']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('two loops end at once, with the one file', () => {
    const dir = loopedTree('two-loops', 2);
    const run = spawnSync(process.execPath, [CLI, 'parse', join(dir, '**', '*.txt'), '--format', 'ndjson', '-q'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('one file under two names is read once, and the second name is noted', async () => {
    const dir = join(scratch, 'two-names');
    mkdirSync(dir);
    copyFileSync(join(ROOT, SEED), join(dir, 'a.txt'));
    linkSync(join(dir, 'a.txt'), join(dir, 'hard.txt'));
    symlinkSync(join(dir, 'a.txt'), join(dir, 'soft.txt'));
    const run = await cli(['parse', join(dir, 'a.txt'), join(dir, 'hard.txt'), join(dir, 'soft.txt'), '--format', 'ndjson']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${join(dir, 'hard.txt')}: the same file as ${join(dir, 'a.txt')}, read once`);
    expect(run.stderr).toContain(`${join(dir, 'soft.txt')}: the same file as ${join(dir, 'a.txt')}, read once`);
    const zh = await cli(['parse', join(dir, '*.txt'), '--format', 'ndjson', '--lang', 'zh']);
    expect(zh.stdout.trim().split('\n')).toHaveLength(1);
    expect(zh.stderr).toContain('是同一个文件，只读取一次');
  });

  it('parseFiles reads one file under two names once', async () => {
    const dir = join(scratch, 'library-names');
    mkdirSync(dir);
    copyFileSync(join(ROOT, SEED), join(dir, 'a.txt'));
    symlinkSync(join(dir, 'a.txt'), join(dir, 'b.txt'));
    const files: string[] = [];
    for await (const { file } of parseFiles([join(dir, 'a.txt'), join(dir, 'b.txt')])) files.push(file);
    expect(files).toEqual([join(dir, 'a.txt')]);
  });
});

describe('bounded reads', () => {
  it('--profile /dev/zero is refused at once', () => {
    const run = measured(['check', SEED, '--profile', '/dev/zero']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('not a regular file');
    expect(run.maxRssMb).toBeLessThan(200);
  });

  it('a profile file larger than a profile can be is refused without being read whole', () => {
    const big = join(scratch, 'big.json');
    writeFileSync(big, '{"name":"' + 'x'.repeat(3 * 1024 * 1024) + '"}');
    const run = measured(['check', SEED, '--profile', big]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/more than \d+ bytes/);
  });

  it('render /dev/zero is refused at once', () => {
    const run = measured(['render', '/dev/zero']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('/dev/zero: not a regular file');
    expect(run.maxRssMb).toBeLessThan(200);
  });

  it('standard input is copied as it comes, not held in memory (100 MB)', () => {
    const run = measured(['parse', '-', '--format', 'ndjson'], new Uint8Array(100 * 1024 * 1024));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('looks like a binary file');
    // Held whole, 100 MB of input peaked at 255 MB; copied as it comes, at 89–170 MB (the young generation's growth varies with the load).
    expect(run.maxRssMb).toBeLessThan(200);
  });

  it('standard input is read as before: the same document as the file', async () => {
    const fromFile = await cli(['parse', SEED, '--format', 'ndjson']);
    const run = spawnSync(process.execPath, [CLI, 'parse', '-', '--format', 'ndjson'], { cwd: ROOT, input: readFileSync(join(ROOT, SEED)), encoding: 'utf8' });
    expect(run.status).toBe(0);
    const withoutFile = (text: string) => JSON.stringify(JSON.parse(text), (key, value: unknown) => (key === 'file' ? undefined : value));
    expect(withoutFile(run.stdout)).toBe(withoutFile(fromFile.stdout));
    expect(JSON.parse(run.stdout).forms).toHaveLength(7);
  });
});
