/**
 * Headless Chromium for the report's browser tests: Debian's `chromium`
 * driven by playwright-core. Without the binary the tests are skipped on a
 * developer machine, never in CI (CI installs it; see .ci/run).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const skipBrowser = !existsSync(CHROMIUM_PATH) && !process.env.CI;

export const OUTPUT_DIR = join(import.meta.dirname, '..', '..', 'test-output');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Writes a page under test-output/ and returns its file:// URL. */
export function writeOutput(name: string, html: string): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, name);
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

export interface WatchedPage {
  page: Page;
  /** Script errors and console errors raised by the page. */
  errors: string[];
  /** Every request that is not for the page's own file. */
  requests: string[];
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1400, height: 900 }): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport });
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
  await page.waitForSelector('html[data-ready="true"]');
  return { page, errors, requests };
}
