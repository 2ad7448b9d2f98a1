/**
 * Headless Chromium for the report's browser tests: Debian's `chromium`
 * driven by playwright-core. Without the binary the tests are skipped on a
 * developer machine, never in CI (CI installs it; see .ci/run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const skipBrowser = !existsSync(CHROMIUM_PATH) && !process.env.CI;

export const ROOT = join(import.meta.dirname, '..', '..');
export const OUTPUT_DIR = join(ROOT, 'test-output');
const CLI = join(ROOT, 'dist', 'cli.js');

/**
 * Runs the built command line (`npm test` builds dist/ first) from the project
 * root and returns its standard output; throws on an exit status other than
 * `status` (2 is what a batch with an unreadable or empty file ends with).
 */
export function runCli(args: string[], status = 0): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== status) throw new Error(`jixiao ${args.join(' ')}: exit ${run.status}, expected ${status}\n${run.stderr}`);
  return run.stdout;
}

/** The page `jixiao report INPUTS -o test-output/NAME --lang zh` writes, as a file:// URL (Chinese whatever the test machine's locale). */
export function cliReport(name: string, inputs: string[], extra: string[] = [], status = 0): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, name);
  runCli(['report', ...inputs, '-o', path, '-q', '--lang', 'zh', ...extra], status);
  return pathToFileURL(path).href;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * One Chromium for a whole test file, called at its top level: launched before
 * the file's first test and closed after its last, rather than once for each
 * of its groups. Each page opened on it (browser.newPage) is in a context of
 * its own, with its own storage, as in a browser of its own.
 */
export function chromiumForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!skipBrowser) browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('Chromium was not launched');
    return browser;
  };
}

export interface WatchedPage {
  page: Page;
  /** Script errors and console errors raised by the page. */
  errors: string[];
  /** Every request that is not for the page's own file. */
  requests: string[];
}

export async function openPage(
  browser: Browser,
  url: string,
  { viewport = { width: 1400, height: 900 }, javaScriptEnabled = true }: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {},
): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport, javaScriptEnabled });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url);
  if (javaScriptEnabled) await page.waitForSelector('html[data-ready="true"]');
  return { page, errors, requests };
}

/**
 * Gives the offline page `paths` through its file input and waits until every
 * file is read and the report's frame holds its forms' data. Under load the
 * frame object can trail the page's "done" by a moment: it is waited for.
 */
export async function loadAppFiles(page: Page, paths: readonly string[]): Promise<Frame> {
  await page.setInputFiles('#file-input', [...paths]);
  await page.waitForFunction((n) => document.documentElement.getAttribute('data-state') === 'done' && document.querySelectorAll('tr.file-row').length === n, paths.length, { timeout: 120_000 });
  for (let waited = 0; waited < 60_000; waited += 100) {
    const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
    if (frame) {
      await frame.waitForSelector('html[data-sections="ready"]', { timeout: 60_000 });
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('the report frame never appeared');
}
