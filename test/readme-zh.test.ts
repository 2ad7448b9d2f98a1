/**
 * README.zh-CN.md, the guide for an auditor who reads no English, kept true:
 * linked from the top of README.md; every code it names exists, and every
 * rule code is listed with the rule table's statement and sources; every
 * profile with its Chinese name and line; every command and option it shows
 * is one the command line takes; the check output it quotes is what check
 * prints; the buttons and labels it names are the pages' own words; and its
 * bad-input tables hold every case of README.md's, with the same codes, and
 * quote only messages the command line's catalogue makes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleText } from '../src/catalogue/messages.js';
import { DIAGNOSTIC_CODES } from '../src/contract/codes.js';
import { RULES, RULE_CODES } from '../src/check/rules.js';
import { BUILTIN_PROFILE_NAMES } from '../src/check/profiles.js';
import { PROFILE_NAMES } from '../src/tables/profile-names.js';
import { REPORT_STRINGS } from '../src/report/strings.js';
import { TEXT } from '../src/app/text.js';
import { CLI_MESSAGES } from '../src/catalogue/messages.js';
import { cli } from './support/cli.js';

const GUIDE = readFileSync('README.zh-CN.md', 'utf8');
const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

/** The rows of the guide's tables: cells of each line starting with `|`, the separator rows aside. */
const tableRows = (): string[][] =>
  GUIDE.split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    .map((line) => line.slice(2, -2).split(' | '));

/** The guide's fenced blocks with their info string (`sh` for commands, none for quoted output). */
function fenced(): Array<{ info: string; text: string }> {
  const blocks: Array<{ info: string; text: string }> = [];
  let open: { info: string; lines: string[] } | null = null;
  for (const line of GUIDE.split('\n')) {
    const fence = /^\s*```(\w*)\s*$/.exec(line);
    if (fence && open === null) open = { info: fence[1], lines: [] };
    else if (fence && open !== null) {
      blocks.push({ info: open.info, text: open.lines.join('\n') });
      open = null;
    } else open?.lines.push(line);
  }
  return blocks;
}

const codeBlocks = (): string[] => fenced().filter((block) => block.info === 'sh').map((block) => block.text);

describe('README.zh-CN.md', () => {
  it('is linked from the top of README.md', () => {
    expect(readFileSync('README.md', 'utf8').split('\n').slice(0, 5).join('\n')).toContain('(README.zh-CN.md)');
  });

  it('names only codes that exist', () => {
    const known = new Set<string>([...RULE_CODES, ...DIAGNOSTIC_CODES, ...BUILTIN_PROFILE_NAMES, 'parse', 'check', 'report', 'render', 'app', 'schema']);
    const named = [...GUIDE.matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)*)`/g)].map((m) => m[1]).filter((word) => !['jixiao'].includes(word));
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((code) => !known.has(code))).toEqual([]);
  });

  it('lists every rule with its severity, the rule table’s statement and sources, and an example', () => {
    const rows = new Map(tableRows().filter((cells) => cells.length === 5).map((cells) => [cells[0].replace(/`/g, ''), cells]));
    for (const rule of RULES) {
      const row = rows.get(rule.code);
      expect(row, rule.code).toBeDefined();
      expect(row![1], rule.code).toBe(SEVERITY_ZH[rule.severity]);
      expect(row![2], rule.code).toBe(rule.description.zh);
      expect(row![3], rule.code).toBe(ruleText(rule.code, 'zh').source);
      expect(row![4].length, rule.code).toBeGreaterThan(4);
    }
  });

  it('lists every built-in profile with its Chinese name and description', () => {
    const rows = new Map(tableRows().filter((cells) => cells.length === 3).map((cells) => [cells[0].replace(/`/g, ''), cells]));
    for (const name of BUILTIN_PROFILE_NAMES) {
      expect(rows.get(name), name).toEqual([`\`${name}\``, PROFILE_NAMES[name].zh, PROFILE_NAMES[name].zhLine]);
    }
  });

  it('shows only commands and options the command line takes', async () => {
    const lines = codeBlocks().flatMap((block) => block.split('\n')).filter((line) => line.trim().startsWith('jixiao ') || line.includes(' jixiao '));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const words = line.replace(/#.*$/, '').trim().replace(/^npx /, '').split(/\s+/);
      const command = words[1];
      const help = await cli([command, '--help', '--lang', 'zh']);
      expect(help.status, line).toBe(0);
      for (const option of words.filter((word) => /^--?[a-z]/.test(word))) {
        expect(help.stdout, `${line}: ${option}`).toContain(option.split('=')[0]);
      }
    }
  });

  it('quotes check’s output as check prints it', async () => {
    const run = await cli(['check', 'samples/000_16052ebbc3505be3.txt', '--lang', 'zh']);
    const quoted = fenced().filter((block) => block.info === '').map((block) => block.text);
    const lines = quoted.flatMap((block) => block.split('\n')).filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(run.stdout, line).toContain(line);
  });

  it('names buttons and labels the report and the offline page show', () => {
    const words = JSON.stringify([REPORT_STRINGS.zh, Object.values(TEXT).map((text) => text.zh), readFileSync('src/app/shell.html', 'utf8')]);
    const named = [...GUIDE.matchAll(/“([^”]+)”/g), ...GUIDE.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]);
    const labels = named.filter((label) => /^(确认|排除|导出|导入|只看|等级有变化|总分有差额|重复提交|无法评级|选择|下载|评分口径|按主管部门|逐表|复核发现|依据的规则|审计人员|复核人|日期|只打印|正在)/.test(label));
    expect(labels.length).toBeGreaterThan(12);
    for (const label of labels) expect(words, label).toContain(label);
  });
});

/** The rows of the tables of a section (from its heading to the next `## `), each table's rows apart, headers and separators left out. */
function sectionTables(text: string, heading: string): string[][][] {
  const start = text.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n## ', start + heading.length);
  const tables: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of text.slice(start, end < 0 ? undefined : end).split('\n')) {
    if (!line.startsWith('|')) {
      current = null;
      continue;
    }
    if (current === null) tables.push((current = [])); // the header row
    else if (!/^\|\s*---/.test(line)) current.push(line.slice(2, -2).split(' | '));
  }
  return tables;
}

const codesIn = (cell: string) => [...cell.matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)+)`/g)].map((m) => m[1]);

/**
 * A catalogue message as patterns: each of its details (a file, a count, a
 * reason) any text, an operating system's error as unknown, ENOENT or ENOSPC,
 * a profile's problem by each of its codes.
 * A pattern with fewer than two letters of its own (a bare reason) matches
 * anything and is left out.
 */
function messagePatterns(zh: (detail: Record<string, unknown>) => string): RegExp[] {
  const hole = '\u0001';
  return [undefined, 'ENOENT', 'ENOSPC', 'profile-not-found', 'profile-unreadable', 'profile-invalid'].flatMap((code) => {
    const text = zh(new Proxy({}, { get: (_, key) => (key === 'code' ? code : hole) }));
    if (text.replace(/[\u0001\s\p{P}]/gu, '').length < 2) return [];
    return [new RegExp(`^${text.split(hole).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 's')];
  });
}

describe('README.zh-CN.md on bad input', () => {
  const english = () => sectionTables(readFileSync('README.md', 'utf8'), '## Bad input');
  const chinese = () => sectionTables(GUIDE, '## 六、有问题的输入与输出');

  it('lists every case of README.md’s input table, in its order, with the same codes', () => {
    const [inputs] = english();
    const [zh] = chinese();
    expect(inputs.length).toBeGreaterThan(20);
    expect(zh.map((row) => codesIn(row[2] ?? ''))).toEqual(inputs.map((row) => codesIn(row[2] ?? '')));
    for (const row of zh) expect(row[1].length, row[0]).toBeGreaterThan(1);
  });

  it('lists every case of README.md’s output table, and each says what the user sees', () => {
    const outputs = english()[1];
    const zh = chinese()[1];
    expect(outputs.length).toBeGreaterThan(15);
    expect(zh).toHaveLength(outputs.length);
    for (const row of zh) expect(row[1].length, row[0]).toBeGreaterThan(5);
  });

  it('quotes only messages the command line makes in Chinese', () => {
    const patterns = Object.values(CLI_MESSAGES).flatMap((words) => messagePatterns(words.zh as (detail: Record<string, unknown>) => string));
    const quoted = chinese().flat().flatMap((row) => [...row.join(' ').matchAll(/`jixiao: ([^`]+)`/g)].map((m) => m[1]));
    expect(quoted.length).toBeGreaterThan(12);
    for (const message of quoted) {
      // A message may stand after what it is about: `未写入：`, a file's name and `：`.
      const tails = [message, ...[...message.matchAll(/：/g)].map((m) => message.slice(m.index + 1))];
      expect(tails.some((tail) => patterns.some((pattern) => pattern.test(tail))), message).toBe(true);
    }
  });
});
