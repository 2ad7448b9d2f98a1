/**
 * Every output goes through one writer: an input is never replaced, even
 * through a symbolic link to its folder; nothing is written through a
 * symbolic link or into procfs and sysfs; the temporary file beside an
 * output has a short random name, is removed on SIGINT, SIGTERM and SIGHUP
 * and, when a killed run left it, by the next run; a problem names the
 * output file, never the temporary one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { OutputDirectory } from '../src/cli/output-dir.js';
import { temporaryName } from '../src/io/temporary-files.js';
import { CLI, ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

vi.setConfig({ testTimeout: 60_000 });

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-writers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const seedText = readFileSync(join(ROOT, SEED));

function folder(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const temporaries = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('an input is never overwritten', () => {
  it('--out naming the input folder through a symbolic link leaves the input as it was', async () => {
    const dir = folder('through-link');
    const data = join(dir, 'data');
    mkdirSync(data);
    // An export named like the output it gives: data/a.json → OUT/a.json.
    writeFileSync(join(data, 'a.json'), seedText);
    symlinkSync(data, join(dir, 'link'));
    const run = await cli(['parse', join(data, '*.json'), '--out', join(dir, 'link')]);
    expect(readFileSync(join(data, 'a.json'))).toEqual(seedText);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is an input file, not overwritten');
  });

  it('report -o naming an input through a symbolic link to its folder is refused', async () => {
    const dir = folder('report-link');
    mkdirSync(join(dir, 'data'));
    copyFileSync(join(ROOT, SEED), join(dir, 'data', 'a.txt'));
    symlinkSync(join(dir, 'data'), join(dir, 'link'));
    const run = await cli(['report', join(dir, 'data', 'a.txt'), '-o', join(dir, 'link', 'a.txt')]);
    expect(run.status).toBe(2);
    expect(readFileSync(join(dir, 'data', 'a.txt'))).toEqual(seedText);
  });
});

describe('temporary files', () => {
  it('have short names, different every time, holding the process id', () => {
    const names = new Set(Array.from({ length: 2000 }, () => temporaryName()));
    expect(names.size).toBe(2000);
    for (const name of names) {
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(32);
      expect(name).toMatch(new RegExp(`^\\.jixiao-${process.pid.toString(36)}-[0-9a-z]+\\.tmp$`));
    }
  });

  it('an output name of 245 bytes is written (the temporary name does not lengthen it)', async () => {
    const dir = folder('long-name');
    const stem = '项'.repeat(78) + 'x'.repeat(6); // 245 bytes with ".json"
    copyFileSync(join(ROOT, SEED), join(dir, `${stem}.txt`));
    const run = await cli(['parse', join(dir, '*.txt'), '--out', join(dir, 'out'), '-q']);
    expect(Buffer.byteLength(`${stem}.json`)).toBe(245);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(outputsIn(join(dir, 'out'))).toEqual([`${stem}.json`]);
  });

  it('a failure names the output file, not the temporary one', async () => {
    const dir = folder('names-output');
    const file = await new OutputDirectory(dir).open('a', '.json');
    await file.write('{}');
    // Something makes the output's name a non-empty directory before the rename.
    mkdirSync(join(dir, 'a.json'));
    writeFileSync(join(dir, 'a.json', 'x'), '');
    const failure = await file.commit().then(() => null, (error: Error) => error.message);
    expect(failure).toContain(join(dir, 'a.json'));
    expect(failure).not.toContain('.tmp');
    expect(temporaries(dir)).toEqual([]);
  });

  it('one a killed run left is removed by the next run once its process is gone; one of a live process is kept', async () => {
    const dir = folder('stale');
    const out = join(dir, 'out');
    mkdirSync(out);
    const dead = `.jixiao-zzzzzz-abcdef.tmp`; // pid 2176782335: no such process
    const alive = `.jixiao-${process.pid.toString(36)}-abcdef.tmp`;
    for (const name of [dead, alive]) {
      writeFileSync(join(out, name), 'half');
      utimesSync(join(out, name), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    }
    copyFileSync(join(ROOT, SEED), join(dir, 'a.txt'));
    const run = spawnSync(process.execPath, [CLI, 'parse', 'a.txt', '--out', 'out'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(outputsIn(out).sort(), run.stderr).toEqual([alive, 'a.json'].sort());
  });

  it('one left by an earlier run with this very process id (a container reusing ids) is removed, never in the way', async () => {
    const dir = folder('same-pid');
    const out = join(dir, 'out');
    mkdirSync(out);
    // The in-process run is this process: the name a killed earlier run of the same id left.
    const leftover = `.jixiao-${process.pid.toString(36)}-abcdef.tmp`;
    writeFileSync(join(out, leftover), 'half');
    utimesSync(join(out, leftover), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    copyFileSync(join(ROOT, SEED), join(dir, 'a.txt'));
    const run = await cli(['parse', join(dir, 'a.txt'), '--out', out, '-q']);
    expect(run.status, run.stderr).toBe(0);
    expect(outputsIn(out)).toEqual(['a.json']);
  });

  // SIGINT (Ctrl-C), SIGTERM (kill, a container stopping), SIGHUP (the terminal closed).
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('are removed on %s, and the process ends by the signal', async (signal) => {
    const dir = folder(`signal-${signal}`);
    const out = join(dir, 'out');
    // A pipe left open after some forms: the run holds an output half written.
    const fifo = join(dir, 'input.txt');
    spawnSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [CLI, 'parse', 'input.txt', '--out', 'out', '--jobs', '1'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const writer = createWriteStream(fifo);
    writer.write(Buffer.concat(Array.from({ length: 6 }, () => seedText)));
    const halfWritten = await waitFor(() => existsSync(out) && temporaries(out).length > 0);
    expect(halfWritten).toBe(true);
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
    child.kill(signal);
    const end = await ended;
    writer.destroy();
    expect(end.signal).toBe(signal);
    expect(outputsIn(out)).toEqual([]);
  });
});

describe('where outputs are refused', () => {
  it.each([
    [['report', SEED, '-o', '/proc/jixiao-x.html']],
    [['parse', SEED, '--out', '/proc/jixiao-x']],
    [['check', SEED, '--out', '/sys/jixiao-x', '--format', 'csv']],
    [['app', '-o', '/proc/self/jixiao.html']],
  ])('procfs and sysfs: %j ends at once with status 2', (args) => {
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/system file system \((procfs|sysfs)\)/);
  });

  it('--out "" is a usage error, and nothing is written to the working directory', async () => {
    for (const command of [['parse', SEED], ['check', SEED, '--format', 'json'], ['report', SEED], ['render', 'x.json'], ['app']]) {
      const run = await cli([...command, '--out', '']);
      expect(run.status, command.join(' ')).toBe(2);
      expect(run.stderr).toContain('an empty name is not a file or a directory');
    }
    expect(existsSync(join(ROOT, '000_16052ebbc3505be3.json'))).toBe(false);
  });

  it('the batch manifest under --out is not written through a symbolic link, nor over an input', async () => {
    const dir = folder('manifest');
    copyFileSync(join(ROOT, SEED), join(dir, 'a.txt'));
    writeFileSync(join(dir, 'victim.txt'), 'kept');
    mkdirSync(join(dir, 'out'));
    symlinkSync(join(dir, 'victim.txt'), join(dir, 'out', 'jixiao-manifest.ndjson'));
    const link = await cli(['parse', join(dir, 'a.txt'), '--out', join(dir, 'out'), '-q']);
    expect(link.status).toBe(2);
    expect(link.stderr).toContain(`${join(dir, 'out', 'jixiao-manifest.ndjson')}: is a symbolic link, not written through`);
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('kept');
    // An export named as the manifest, in the folder written into.
    const named = join(dir, 'same');
    mkdirSync(named);
    copyFileSync(join(ROOT, SEED), join(named, 'jixiao-manifest.ndjson'));
    const input = await cli(['parse', join(named, 'jixiao-manifest.ndjson'), '--out', named, '-q']);
    expect(input.status).toBe(2);
    expect(input.stderr).toContain('is an input file, not overwritten');
    expect(readFileSync(join(named, 'jixiao-manifest.ndjson'))).toEqual(seedText);
  });

  it('app -o does not write through a symbolic link, nor over a device', async () => {
    const dir = folder('app');
    writeFileSync(join(dir, 'target.html'), 'kept');
    symlinkSync(join(dir, 'target.html'), join(dir, 'link.html'));
    const link = await cli(['app', '-o', join(dir, 'link.html')]);
    expect(link.status).toBe(2);
    expect(link.stderr).toContain('is a symbolic link, not written through');
    expect(readFileSync(join(dir, 'target.html'), 'utf8')).toBe('kept');
    const device = await cli(['app', '-o', '/dev/full']);
    expect(device.status).toBe(2);
    expect(device.stderr).toContain('is not a regular file');
  });

  it('app -o writes the page whole through a temporary file', async () => {
    const dir = folder('app-whole');
    const run = await cli(['app', '-o', join(dir, 'page.html')]);
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe(readFileSync(join(ROOT, 'dist', 'jixiao-app.html'), 'utf8'));
    expect(readdirSync(dir)).toEqual(['page.html']);
  });
});

/** The files in an --out folder but the batch's manifest (which records the inputs done, for --resume). */
function outputsIn(folder: string): string[] {
  return readdirSync(folder).filter((name) => name !== 'jixiao-manifest.ndjson');
}

async function waitFor(test: () => boolean, ms = 30_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (test()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return test();
}
