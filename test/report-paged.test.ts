/**
 * A report of any size: up to 2 000 forms the one page; past that, parts of
 * 2 000 forms each beside the file named, and an index page, each page
 * written as it is made, so that no page is one giant string and no form is
 * lost; on standard output, one page written in pieces.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { check } from '../src/check/check.js';
import { parse } from '../src/api/pipeline.js';
import { PagedReport, type PageSink } from '../src/report/paged.js';
import { renderReport } from '../src/report/render.js';
import { cli } from './support/cli.js';

vi.setConfig({ testTimeout: 120_000 });
const scratch = mkdtempSync(join(tmpdir(), 'jixiao-paged-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `count` small forms, project names 项目1 … in order. */
function forms(count: number): string {
  let text = '';
  for (let i = 1; i <= count; i++) text += `项目支出绩效自评表\n项目名称\t项目${i}\n总分\t\t\t\t\t\t100\t90\n`;
  return text;
}

const rowsOf = (html: string) => html.match(/<tr class="form-row"/g)?.length ?? 0;
const namesOf = (html: string) => [...html.matchAll(/<a class="form-link" href="#form-\d+">项目(\d+)</g)].map((m) => Number(m[1]));

describe('report -o of more forms than a page holds', () => {
  it('writes parts of 2 000 forms and an index that links them; every form is in exactly one part', async () => {
    const input = join(scratch, 'many.txt');
    writeFileSync(input, forms(4500));
    const run = await cli(['report', input, '-o', join(scratch, 'out-report.html'), '-q', '--lang', 'zh']);
    expect(run.status).toBe(0);
    const files = readdirSync(scratch).filter((name) => name.startsWith('out-report')).sort();
    expect(files).toEqual(['out-report-0001.html', 'out-report-0002.html', 'out-report-0003.html', 'out-report.html']);
    const parts = files.slice(0, 3).map((name) => readFileSync(join(scratch, name), 'utf8'));
    expect(parts.map(rowsOf)).toEqual([2000, 2000, 500]);
    const seen = parts.flatMap(namesOf).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 4500 }, (_, i) => i + 1));
    const index = readFileSync(join(scratch, 'out-report.html'), 'utf8');
    for (const name of files.slice(0, 3)) expect(index).toContain(`href="${name}"`);
    expect(index).toContain('共 4500 张表，分为 3 个部分');
    expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('on standard output writes one page of every form', async () => {
    const input = join(scratch, 'stdout.txt');
    writeFileSync(input, forms(2100));
    const run = await cli(['report', input, '-q', '--lang', 'en']);
    expect(run.status).toBe(0);
    expect(rowsOf(run.stdout)).toBe(2100);
  });

  it('a batch that fits gives the page renderReport gives', async () => {
    const input = join(scratch, 'few.txt');
    writeFileSync(input, forms(3));
    const run = await cli(['report', input, '-o', join(scratch, 'few.html'), '-q', '--lang', 'zh']);
    expect(run.status).toBe(0);
    const document = check(parse(readFileSync(input), { file: input }));
    expect(readFileSync(join(scratch, 'few.html'), 'utf8')).toBe(renderReport([document], { lang: 'zh' }));
  });
});

describe('PagedReport', () => {
  it('holds at most one part of forms, and writes each page in pieces', async () => {
    const pages = new Map<string, string[]>();
    const sink: PageSink = {
      partName: (part) => `p${part}.html`,
      async open(part) {
        const pieces: string[] = [];
        pages.set(part === null ? 'index' : `p${part}`, pieces);
        return { write: async (text) => void pieces.push(text), close: async () => undefined };
      },
    };
    const report = new PagedReport(sink, { lang: 'en' }, 3);
    const document = check(parse(forms(7)));
    for (const [i, form] of document.forms.entries()) {
      await report.addForm(form);
      // A part is written as soon as the next form would overfill it.
      expect(pages.size).toBe(Math.floor(i / 3));
    }
    await report.end();
    expect([...pages.keys()].sort()).toEqual(['index', 'p1', 'p2', 'p3']);
    expect(rowsOf(pages.get('p1')!.join(''))).toBe(3);
    expect(rowsOf(pages.get('p3')!.join(''))).toBe(1);
    expect(pages.get('p1')!.length).toBeGreaterThan(3);
  });
});
