/**
 * Exit codes and words: what the command line says about its arguments, its
 * files and itself is in the catalogue, Chinese under a Chinese locale; no
 * stack trace reaches the user (an internal error is one line naming the
 * file that holds the stack, status 3); a deep profile or a removed working
 * directory is a plain message; `render` never quotes the input's text.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/commands.js';
import { reportInternalError } from '../src/cli/internal-error.js';
import { parseProfile } from '../src/check/profile.js';
import { CLI, ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

vi.setConfig({ testTimeout: 60_000 });
const scratch = mkdtempSync(join(tmpdir(), 'jixiao-words-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const ZH = { LANG: 'zh_CN.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined };
/** Words of English in a line, leaving out what is quoted, file names, options, lists of values and codes. */
const latinWords = (line: string) =>
  line
    .replace(/“[^”]*”|"[^"]*"|'[^']*'/g, '')
    .replace(/jixiao|\b(parse|check|report|render|app|schema)\b|--[a-z-]+|\S*[./]\S*|\w+(, \w+)+|U\+[0-9A-F]+|\(?[A-Z]{2,}\)?/g, '')
    .match(/[A-Za-z]{3,}/g) ?? [];

function deepProfile(levels: number): string {
  const file = join(scratch, `deep-${levels}.json`);
  writeFileSync(file, '{"name":"deep","extends":"default","weights":' + '{"a":'.repeat(levels) + '1' + '}'.repeat(levels) + '}');
  return file;
}

describe('under a Chinese locale', () => {
  it.each([
    [['check', SEED, '--jobs', '0']],
    [['check', 'missing.txt']],
    [['check', SEED, '--format', 'yaml']],
    [['report', SEED, '-o', '/proc/jixiao.html']],
    [['parse', SEED, '--out', '']],
    [['frobnicate']],
    [['app', 'extra']],
  ])('%j is one Chinese line and status 2', async (args) => {
    const run = await cli(args, { env: ZH });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(latinWords(lines[0])).toEqual([]);
  });

  it('render of what is not JSON says where, in Chinese, without quoting the text', async () => {
    const file = join(scratch, 'secret.json');
    writeFileSync(file, '{"TOPSECRET": tru');
    const run = await cli(['render', file], { env: ZH });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('不是 JSON');
    expect(run.stderr).not.toContain('TOPSECRET');
  });
});

describe('no stack trace', () => {
  it('a profile nested 5 000 levels deep is refused with a message, status 2', async () => {
    const run = await cli(['check', SEED, '--profile', deepProfile(5000)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nested more than 32 levels deep');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(parseProfile(JSON.parse(readFileSync(deepProfile(5000), 'utf8')))).toMatchObject({ ok: false });
  });

  it('a removed working directory is one line, status 2', () => {
    const gone = join(scratch, 'gone');
    mkdirSync(gone);
    const run = spawnSync('sh', ['-c', `cd '${gone}' && rmdir '${gone}' && exec '${process.execPath}' '${CLI}' check a.txt`], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('jixiao: the working directory no longer exists');
  });

  it('an internal error is one line naming the file that holds the stack, status 3', async () => {
    let stderr = '';
    const status = await main(['schema'], {
      out: () => {
        throw new Error('boom');
      },
      err: (text) => void (stderr += text + '\n'),
    });
    expect(status).toBe(3);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const file = /details in (\S+)$/.exec(lines[0])?.[1];
    expect(file).toBeDefined();
    expect(readFileSync(file!, 'utf8')).toMatch(/Error: boom\n\s+at /);
    rmSync(file!);
    const zh = reportInternalError(new RangeError('Invalid string length'), 'zh');
    expect(zh).toMatch(/^内部错误：输出过大，无法在内存中生成；详情见 /);
    const log = zh.replace(/^.*详情见 /, '');
    expect(existsSync(log)).toBe(true);
    rmSync(log);
    void ROOT;
  });
});
