#!/usr/bin/env node
// The `jixiao` command: runs the built CLI. The published package ships dist/
// (built when packed), so installing it runs no script; in a source checkout
// the first run builds dist/ once, so that `npm install && npx jixiao …` works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write('jixiao: building dist/ (first run from a source checkout)\n');
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0 || !existsSync(cli)) {
    process.stderr.write('jixiao: the build failed; run `npm install` and `npm run build` in ' + root + '\n');
    process.exit(2);
  }
}
await import(cli.href);
