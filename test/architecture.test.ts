/**
 * The structure of the sources as rules: the layering of .dependency-cruiser.cjs
 * (no cycles; each layer imports only the layers below it; the library never
 * imports the command line; the catalogue and the outputs never import the
 * checker, the offline page only its entry) and knip's unused files, exports
 * and dependencies (knip.jsonc). Each runs as a user
 * runs it, from the command line; a violation fails with the tool's words.
 * docs/architecture.md must be the drawing scripts/architecture.mjs makes now.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const KNIP = join(ROOT, 'node_modules', 'knip', 'bin', 'knip.js');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'architecture');

/**
 * Findings of knip left standing, each in another part of the code than the
 * rules were written in, to be removed there: an entry that knip no longer
 * reports fails too, so that the list only shrinks.
 */
const KNIP_KNOWN: readonly string[] = [
  // The report's languages and the overview's column keys are exported, nothing imports them (src/report is being reworked).
  'exports src/report/strings.ts REPORT_LANGS',
  'types src/report/html.ts OverviewKey',
];

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function depcruise(cwd: string, paths: string[]): Violation[] {
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', ...paths], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.stdout === '') throw new Error(`dependency-cruiser gave no result (exit ${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const shown = (violations: Violation[]) => violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('the layering', () => {
  it('holds for every module: no cycle, no import of a layer above', () => {
    expect(shown(depcruise(ROOT, ['src', 'grammar', 'profiles']))).toEqual([]);
  });

  it('catches each kind of violation (a tree that breaks every rule)', () => {
    const found = new Set(depcruise(FIXTURE, ['src']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`));
    expect([...found].sort()).toEqual(
      [
        'api-imports-only-below: src/api/files.ts → src/cli/inputs.ts',
        'app-uses-checker-entry-only: src/app/core.ts → src/check/score.ts',
        'catalogue-imports-only-below: src/catalogue/messages.ts → src/check/rules.ts',
        'catalogue-never-imports-checker: src/catalogue/messages.ts → src/check/rules.ts',
        'contract-imports-only-below: src/contract/schema.ts → src/check/rules.ts',
        'io-imports-only-below: src/io/read.ts → src/parse/rows.ts',
        'library-never-imports-cli: src/api/files.ts → src/cli/inputs.ts',
        'no-circular: src/check/rules.ts → src/contract/schema.ts',
        'no-unresolvable: src/io/read.ts → ./missing.js',
        'output-never-imports-checker: src/output/csv.ts → src/check/score.ts',
        'parse-imports-only-below: src/parse/rows.ts → src/normalize/normalize.ts',
        'tables-imports-only-below: src/tables/units.ts → src/contract/schema.ts',
      ].sort(),
    );
  });

  it('places every module in a folder of a layer: nothing loose at src/', () => {
    const { forbidden } = createRequire(import.meta.url)(CONFIG) as { forbidden: { name: string; from: { path?: string } }[] };
    const layers = forbidden.filter((rule) => rule.name.endsWith('-imports-only-below')).map((rule) => new RegExp(rule.from.path!));
    const src = join(ROOT, 'src');
    const entries = readdirSync(src);
    expect(entries.filter((entry) => !statSync(join(src, entry)).isDirectory())).toEqual([]);
    expect(entries.filter((entry) => !layers.some((layer) => layer.test(`src/${entry}/`)))).toEqual([]);
  });
});

describe('the architecture drawing', () => {
  it('docs/architecture.md is drawn from the imports as they are', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'architecture.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('knip', () => {
  it('finds no unused file, export or dependency but the known ones', () => {
    const run = spawnSync(process.execPath, [KNIP, '--no-progress', '--reporter', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.stdout.trim() === '') throw new Error(`knip gave no result (exit ${run.status}): ${run.stderr}`);
    const { issues } = JSON.parse(run.stdout) as { issues: Record<string, unknown>[] };
    const found: string[] = [];
    for (const issue of issues) {
      for (const [kind, items] of Object.entries(issue)) {
        if (kind === 'file' || !Array.isArray(items)) continue;
        for (const item of items as { name?: string }[]) found.push(`${kind} ${issue.file} ${item.name ?? ''}`.trim());
      }
    }
    expect(found.filter((entry) => !KNIP_KNOWN.includes(entry)).sort()).toEqual([]);
    expect(KNIP_KNOWN.filter((entry) => !found.includes(entry)), 'known findings knip no longer reports: remove them from KNIP_KNOWN').toEqual([]);
  }, 120_000);
});
