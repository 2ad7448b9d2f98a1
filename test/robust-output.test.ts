/**
 * Issue 16, output: a failed write under --out leaves neither a truncated nor
 * an empty file and keeps the previous output; standard output that cannot be
 * written is one line and status 2; a closed pipe ends the run with the status
 * it had reached; `report -o` and `render -o` never overwrite an input or
 * write through a symbolic link.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OutputDirectory } from '../src/cli/output-dir.js';
import { CLI, ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

// The cases on standard output start the built CLI: slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('--out writes through a temporary file', () => {
  it('a write that fails leaves the previous output whole and no other file', async () => {
    const dir = join(scratch, 'fails');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), 'previous good output');
    const output = new OutputDirectory(dir);
    const file = await output.open('a', '.json');
    await file.write('{"forms": [');
    // The disk fills up: the next write fails.
    (file as unknown as { handle: { write: () => Promise<never> } }).handle.write = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    await expect(file.write('more')).rejects.toThrow(/no space left/);
    await file.discard();
    expect(readdirSync(dir)).toEqual(['a.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('previous good output');
  });

  it('a complete write replaces the previous output', async () => {
    const dir = join(scratch, 'replaces');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), 'old');
    const file = await new OutputDirectory(dir).open('a', '.json');
    await file.write('new');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old');
    await file.commit();
    expect(readdirSync(dir)).toEqual(['a.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new');
  });

  it('the CLI leaves only finished files', async () => {
    const out = join(scratch, 'cli-out');
    expect((await cli(['parse', SEED, '--out', out, '-q'])).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['000_16052ebbc3505be3.json', 'jixiao-manifest.ndjson']);
  });
});

describe('standard output', () => {
  it.each([[[]], [['--fail-on', 'never']]])('that cannot be written (/dev/full) is one line and status 2 %j', (extra) => {
    const run = spawnSync('sh', ['-c', `'${process.execPath}' '${CLI}' check '${SEED}' ${extra.join(' ')} -q > /dev/full`], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['jixiao: standard output: not written: ENOSPC no space left on device']);
  });

  it('closed by its reader (| head) ends the run quietly with the status reached: 1 after a file with errors', () => {
    const dir = join(scratch, 'pipe');
    mkdirSync(dir);
    for (let i = 0; i < 6; i++) copyFileSync(join(ROOT, SEED), join(dir, `f${i}.txt`));
    // The first file's document (about 108 KB, with error findings) is read whole, then the reader stops.
    const run = spawnSync('bash', ['-c', `'${process.execPath}' '${CLI}' check '${dir}'/*.txt --format ndjson -q | head -c 120000 > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('1');
    expect(run.stderr).toBe('');
  });
});

describe('report -o and render -o', () => {
  const work = join(scratch, 'single');
  mkdirSync(work);
  const input = join(work, 'in.txt');
  const json = join(work, 'in.json');
  writeFileSync(input, readFileSync(join(ROOT, SEED)));
  beforeAll(async () => {
    writeFileSync(json, (await cli(['parse', SEED])).stdout);
  });
  const before = readFileSync(input);

  it('report refuses to overwrite its input', async () => {
    const run = await cli(['report', input, '-o', input, '-q']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is an input file, not overwritten');
    expect(readFileSync(input)).toEqual(before);
  });

  it('report refuses a hard link to its input', async () => {
    const link = join(work, 'hard.html');
    linkSync(input, link);
    const run = await cli(['report', input, '-o', link, '-q']);
    expect(run.status).toBe(2);
    expect(readFileSync(input)).toEqual(before);
  });

  it('render refuses to overwrite its input', async () => {
    const kept = readFileSync(json, 'utf8');
    const run = await cli(['render', json, '-o', json]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is an input file, not overwritten');
    expect(readFileSync(json, 'utf8')).toBe(kept);
  });

  it.each(['report', 'render'])('%s does not write through a symbolic link', async (command) => {
    const victim = join(work, `victim-${command}.txt`);
    writeFileSync(victim, 'keep');
    const link = join(work, `link-${command}.out`);
    symlinkSync(victim, link);
    const run = await cli(command === 'report' ? ['report', input, '-o', link, '-q'] : ['render', json, '-o', link]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is a symbolic link, not written through');
    expect(readFileSync(victim, 'utf8')).toBe('keep');
  });

  it('render writes a new file and leaves no temporary file', async () => {
    const target = join(work, 'clean.txt');
    expect((await cli(['render', json, '-o', target])).status).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
