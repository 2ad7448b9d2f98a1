import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ROOT = import.meta.dirname;

/**
 * The slowest test files, slowest first: each converts megabytes, drives
 * Chromium or runs many property cases. Vitest runs the files it has timed
 * before longest first, and the others largest (in bytes) first; several of
 * these are small files, and one started last would keep a worker busy long
 * after the other has run out of files. They start first, whatever is cached.
 */
const SLOW_FIRST = [
  'test/robust-invariants.test.ts',
  'test/office-formats.test.ts',
  'test/browser/app.test.ts',
  'test/properties-layout.test.ts',
  'test/batch-pool.test.ts',
  'test/cli-stream-memory.test.ts',
  'test/properties-hierarchy.test.ts',
  'test/properties-templates.test.ts',
  'test/robust-scale.test.ts',
  'test/browser/report.test.ts',
  'test/pack.test.ts',
  'test/cli-stream-workers.test.ts',
  'test/cli.test.ts',
  'test/properties-roundtrip.test.ts',
  'test/architecture.test.ts',
  'test/batch-resume.test.ts',
];
for (const file of SLOW_FIRST) if (!existsSync(join(ROOT, file))) throw new Error(`vitest.config.ts: SLOW_FIRST names ${file}, which does not exist`);

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = SLOW_FIRST.indexOf(relative(ROOT, file.moduleId).split('\\').join('/'));
      return at < 0 ? SLOW_FIRST.length : at;
    };
    const sorted = await super.sort(files);
    return sorted.map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two test files at a time: the suite's CPU-bound files share the two cores
    // of the smallest machine it runs on (vitest would otherwise start one
    // worker there).
    maxWorkers: 2,
    // A worker's test files share the modules it has loaded: the sources are
    // evaluated (the lexer and parser built) once per worker rather than once
    // per file. No test relies on a fresh module: the CLI's state is per run,
    // caches hold what their inputs determine, and the one test that sets
    // process.env.TZ restores it.
    isolate: false,
    // Cases that convert megabytes set longer timeouts of their own.
    testTimeout: 30_000,
    sequence: { sequencer: SlowFirst },
  },
});
