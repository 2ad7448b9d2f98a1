/**
 * jixiao/core in a browser: the built dist/core.js bundled by esbuild for
 * platform=browser with every Node built-in refused, then run in headless
 * Chromium on the samples' bytes; its documents must be the ones Node gives.
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, parse } from '../src/api/index.js';
import { launchChromium, skipBrowser } from './browser/chromium.js';

const ROOT = join(import.meta.dirname, '..');
const CORE = join(ROOT, 'dist/core.js');
const SAMPLES = ['samples/000_16052ebbc3505be3.txt', 'samples/seed-gb18030-crlf.txt', 'samples/seed-utf16le.txt', 'samples/enc-utf16be-crlf.txt'];

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Bundles for the browser; each import of a Node built-in is recorded and refused. */
async function bundleForBrowser(options: { entry?: string; contents?: string }): Promise<{ code: string; nodeImports: string[]; errors: string[] }> {
  const nodeImports: string[] = [];
  const refuseNode: Plugin = {
    name: 'refuse-node',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(args.path)) return undefined;
        nodeImports.push(`${args.path} (from ${args.importer})`);
        return { errors: [{ text: `Node built-in ${args.path} imported by ${args.importer}` }] };
      });
    },
  };
  try {
    const result = await build({
      ...(options.entry ? { entryPoints: [options.entry] } : { stdin: { contents: options.contents ?? '', resolveDir: ROOT } }),
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'jixiaoCore',
      write: false,
      logLevel: 'silent',
      plugins: [refuseNode],
    });
    return { code: result.outputFiles[0].text, nodeImports, errors: [] };
  } catch (error) {
    return { code: '', nodeImports, errors: ((error as { errors?: { text: string }[] }).errors ?? []).map((e) => e.text) };
  }
}

describe('jixiao/core bundled for the browser', () => {
  it('the check refuses a Node built-in (so that it can fail)', async () => {
    const probe = await bundleForBrowser({ contents: "import { readFileSync } from 'node:fs'; import path from 'path'; export const x = [readFileSync, path];" });
    expect(probe.nodeImports.map((i) => i.split(' ')[0]).sort()).toEqual(['node:fs', 'path']);
    expect(probe.errors.length).toBeGreaterThan(0);
  });

  it('has no node: import anywhere in its import graph, dependencies included', async () => {
    if (!existsSync(CORE)) throw new Error('dist/core.js is missing: run `npm run build` first');
    const bundle = await bundleForBrowser({ entry: CORE });
    expect(bundle.nodeImports).toEqual([]);
    expect(bundle.errors).toEqual([]);
    expect(bundle.code.length).toBeGreaterThan(100_000);
  });
});

describe.skipIf(skipBrowser)('jixiao/core in Chromium', () => {
  let browser: Browser;
  let code: string;

  beforeAll(async () => {
    const bundle = await bundleForBrowser({ entry: CORE });
    if (bundle.errors.length > 0) throw new Error(bundle.errors.join('\n'));
    code = bundle.code;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** What Node gives for the same bytes. */
  const inNode = (file: string, profile: 'default' | 'mof2020') => {
    const document = check(parse(readFileSync(join(ROOT, file)), { file }), { profile });
    return {
      forms: document.forms.length,
      encodings: document.forms.map((f) => f.source.encoding),
      names: document.forms.map((f) => f.project.name),
      totals: document.forms.map((f) => f.summary?.recomputedTotal ?? null),
      findings: document.forms.map((f) => f.findings.map((x) => `${x.line} ${x.code}`).join(',')),
    };
  };

  it('parses and checks the samples from their bytes, as Node does, under two profiles', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setContent('<!doctype html><meta charset="utf-8"><title>core</title>');
    await page.addScriptTag({ content: code });
    for (const file of SAMPLES) {
      const base64 = readFileSync(join(ROOT, file)).toString('base64');
      for (const profile of ['default', 'mof2020'] as const) {
        const inBrowser = await page.evaluate(
          ({ base64, file, profile }) => {
            const core = (globalThis as unknown as { jixiaoCore: typeof import('../src/api/core.js') }).jixiaoCore;
            const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            // An ArrayBuffer is accepted as bytes.
            const document = core.check(core.parse(bytes.buffer, { file }), { profile });
            return {
              forms: document.forms.length,
              encodings: document.forms.map((f) => f.source.encoding),
              names: document.forms.map((f) => f.project.name),
              totals: document.forms.map((f) => f.summary?.recomputedTotal ?? null),
              findings: document.forms.map((f) => f.findings.map((x) => `${x.line} ${x.code}`).join(',')),
            };
          },
          { base64, file, profile },
        );
        expect(inBrowser, `${file} under ${profile}`).toEqual(inNode(file, profile));
      }
    }
    // The README's figures for the sample: 7 forms, form 4 recomputed to 96.49.
    expect(inNode(SAMPLES[0], 'default')).toMatchObject({ forms: 7, totals: [expect.anything(), expect.anything(), expect.anything(), '96.49', expect.anything(), expect.anything(), expect.anything()] });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('renders the clean export and the HTML report, validates with the schema, and refuses an unknown profile', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><title>core</title>');
    await page.addScriptTag({ content: code });
    const file = SAMPLES[0];
    const text = readFileSync(join(ROOT, file), 'utf8');
    const result = await page.evaluate(
      ({ text, file }) => {
        const core = (globalThis as unknown as { jixiaoCore: typeof import('../src/api/core.js') }).jixiaoCore;
        const document = core.check(core.parse(text, { file }));
        let thrown = '';
        try {
          core.check(document, { profile: 'mof2002' as 'mof2020' });
        } catch (error) {
          thrown = `${(error as Error).name}: ${(error as Error).message}`;
        }
        return {
          valid: core.Document.safeParse(document).success,
          rendered: core.parse(core.render(document)).forms.length,
          report: core.renderReport([document]).includes('专项业务'),
          schema: (core.jsonSchema() as { title?: string }).title,
          thrown,
        };
      },
      { text, file },
    );
    expect(result).toEqual({ valid: true, rendered: 7, report: true, schema: 'jixiao document', thrown: expect.stringMatching(/^RangeError: check: unknown profile "mof2002"/) });
    await page.close();
  }, 120_000);
});
