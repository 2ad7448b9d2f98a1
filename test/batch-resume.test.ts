/**
 * Batches at archive scale, run as users run them (the built CLI, child
 * processes): the manifest under --out, --resume after a run killed at random
 * points, and --shard across processes, by hand and by GNU parallel as the
 * README's recipe writes it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, jixiao, ROOT } from './fixtures/cli/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-resume-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const TIMEOUT = 300_000;
const MANIFEST = 'jixiao-manifest.ndjson';

/** Every file under `dir`, sorted `/`-separated relative paths. */
function tree(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

const isManifest = (file: string) => /(^|\/)jixiao-manifest[^/]*\.ndjson$/.test(file);

/** Whether two folders hold the same files with the same bytes (manifests left out if asked). */
function expectSameFiles(actual: string, expected: string, { manifests = true } = {}): void {
  const keep = (files: string[]) => (manifests ? files : files.filter((f) => !isManifest(f)));
  const files = keep(tree(expected));
  expect(keep(tree(actual))).toEqual(files);
  for (const file of files) expect(readFileSync(join(actual, file)).equals(readFileSync(join(expected, file))), file).toBe(true);
}

// Outputs are stamped with an old time before a run: a file the run rewrites gets the present
// one. (An inode number cannot tell, as a file written in place of a removed one may reuse it.)
const OLD = new Date(1_000_000_000_000);
const stampAsOld = (dir: string, files: string[]) => files.forEach((f) => utimesSync(join(dir, f), OLD, OLD));
const wasRewritten = (dir: string, file: string) => statSync(join(dir, file)).mtimeMs !== OLD.getTime();

interface Entry {
  input: string;
  sha256: string;
  size: number;
  profile: string;
  outputs: { path: string; size: number }[];
  stats: { forms: number };
}

/** The entries of a manifest, skipping its header and a last line a kill cut short. */
function entries(dir: string, name = MANIFEST): Entry[] {
  let text: string;
  try {
    text = readFileSync(join(dir, name), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Entry];
      } catch {
        return [];
      }
    });
}

/**
 * A batch of exports in nested folders: the samples (every encoding and
 * layout, and files that fail) copied under three departments' folders,
 * some twice.
 */
function makeCorpus(dir: string, copies: number): string[] {
  const samples = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.txt'));
  const made: string[] = [];
  for (let i = 0; i < copies; i++) {
    const sample = samples[i % samples.length];
    const folder = join(dir, `dept-${i % 3}`, `${2020 + (i % 4)}`);
    mkdirSync(folder, { recursive: true });
    const name = `${String(i).padStart(3, '0')}-${sample}`;
    cpSync(join(ROOT, 'samples', sample), join(folder, name));
    made.push(join(folder, name));
  }
  return made;
}

/** A small deterministic generator, so that a failing run can be repeated from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Runs the built CLI and kills it with `signal` after `afterMs`; resolves when it has exited. */
function runKilled(args: string[], afterMs: number, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: scratch, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(signal), afterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('--out keeps a manifest, and --resume goes on where a run stopped', () => {
  const corpus = join(scratch, 'corpus');
  beforeAll(() => void makeCorpus(corpus, 90), TIMEOUT);

  it('records every input: its hash, size, profile, whole outputs and the figures of its summary line', () => {
    const out = join(scratch, 'manifest');
    const run = jixiao(['check', corpus, '--format', 'json', '--out', out, '-q', '--fail-on', 'never', '--profile', 'mof2020'], { cwd: scratch });
    expect(run.status, run.stderr).toBe(0);
    const list = entries(out);
    expect(list.map((e) => e.input)).toEqual(tree(corpus));
    const seed = list.find((e) => e.input.endsWith('000_16052ebbc3505be3.txt'))!;
    const bytes = readFileSync(join(corpus, seed.input));
    expect(seed.size).toBe(bytes.length);
    expect(seed.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(seed.profile).toBe('mof2020');
    expect(seed.stats.forms).toBe(7);
    expect(seed.outputs).toEqual([{ path: seed.input.replace(/\.txt$/, '.json'), size: statSync(join(out, seed.input.replace(/\.txt$/, '.json'))).size }]);
  });

  it('skips what is done and current, and redoes a changed input and everything under another profile', () => {
    const inputs = join(scratch, 'changing');
    makeCorpus(inputs, 6);
    const out = join(scratch, 'changing-out');
    const run = (...extra: string[]) => jixiao(['check', inputs, '--format', 'csv', '--out', out, '-q', '--fail-on', 'never', '--resume', ...extra], { cwd: scratch });
    expect(run().status).not.toBe(null);
    const outputs = tree(out).filter((f) => !isManifest(f));
    const stampOld = () => stampAsOld(out, outputs);
    const rewritten = (file: string) => wasRewritten(out, file);
    stampOld();
    const changed = tree(inputs)[0];
    writeFileSync(join(inputs, changed), Buffer.concat([readFileSync(join(inputs, changed)), readFileSync(join(ROOT, 'samples', 'bad-values.txt'))]));
    run();
    const changedStem = changed.replace(/\.txt$/, '');
    for (const file of outputs) expect(rewritten(file), file).toBe(file.startsWith(changedStem + '.'));
    const fresh = join(scratch, 'changing-fresh');
    const whole = jixiao(['check', inputs, '--format', 'csv', '--out', fresh, '-q', '--fail-on', 'never', '--summary', 'json'], { cwd: scratch });
    const resumed = run('--summary', 'json');
    expect(resumed.stderr).toBe(whole.stderr);
    expectSameFiles(out, fresh);
    stampOld();
    run('--profile', 'vendor');
    for (const file of outputs) expect(rewritten(file), file).toBe(true);
    expect(new Set(entries(out).map((e) => e.profile))).toEqual(new Set(['vendor']));
  });

  it('ignores an entry a kill cut short, redoes the inputs not recorded, and appends after it on a line of its own', () => {
    const inputs = join(scratch, 'cut');
    makeCorpus(inputs, 5);
    const out = join(scratch, 'cut-out');
    const run = () => jixiao(['check', inputs, '--format', 'json', '--out', out, '-q', '--fail-on', 'never', '--resume'], { cwd: scratch });
    run();
    const complete = readFileSync(join(out, MANIFEST), 'utf8');
    const lines = complete.split('\n');
    // The journal as a kill leaves it: the last two inputs not recorded, the first of them cut mid-line.
    writeFileSync(join(out, MANIFEST), lines.slice(0, 4).join('\n') + '\n' + lines[4].slice(0, 40));
    const outputsOf = (line: string) => (JSON.parse(line) as Entry).outputs.map((o) => o.path);
    const kept = lines.slice(1, 4).flatMap(outputsOf);
    const redone = [...outputsOf(lines[4]), ...outputsOf(lines[5])];
    stampAsOld(out, [...kept, ...redone]);
    run();
    for (const file of kept) expect(wasRewritten(out, file), file).toBe(false);
    for (const file of redone) expect(wasRewritten(out, file), file).toBe(true);
    expect(readFileSync(join(out, MANIFEST), 'utf8')).toBe(complete);
  });

  it('after kills at random points, ends with the outputs of one uninterrupted run, none rewritten once complete', async () => {
    const args = (out: string) => ['check', corpus, '--format', 'csv', '--out', out, '-q', '--fail-on', 'never', '--jobs', '2'];
    const reference = join(scratch, 'reference');
    const started = Date.now();
    jixiao(args(reference), { cwd: scratch });
    const wholeRunMs = Date.now() - started;
    const seed = Date.now() % 100_000;
    const next = random(seed);
    const out = join(scratch, 'killed');
    /** Each output of an input the manifest had recorded, with its identity when it was first seen recorded. */
    const completed = new Map<string, { ino: number; mtimeMs: number }>();
    const signals: NodeJS.Signals[] = ['SIGKILL', 'SIGTERM', 'SIGINT'];
    const total = tree(corpus).length;
    const doneAfterKill: number[] = [];
    for (let kill = 0; kill < 6; kill++) {
      await runKilled([...args(out), '--resume'], 150 + Math.floor(next() * wholeRunMs * 0.5), signals[kill % signals.length]);
      const recorded = entries(out);
      doneAfterKill.push(new Set(recorded.map((e) => e.input)).size);
      for (const entry of recorded) {
        for (const { path } of entry.outputs) {
          if (completed.has(path)) continue;
          const info = statSync(join(out, path));
          completed.set(path, { ino: info.ino, mtimeMs: info.mtimeMs });
        }
      }
    }
    // Some kills stopped a run part way, after some inputs were done.
    expect(doneAfterKill.some((done) => done > 0 && done < total), `${doneAfterKill} of ${total} (seed ${seed})`).toBe(true);
    const last = jixiao([...args(out), '--resume'], { cwd: scratch });
    expect(last.status, `seed ${seed}`).toBe(0);
    expectSameFiles(out, reference);
    for (const [path, before] of completed) {
      const info = statSync(join(out, path));
      expect({ ino: info.ino, mtimeMs: info.mtimeMs }, `${path} (seed ${seed})`).toEqual(before);
    }
    expect(tree(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, TIMEOUT);
});

describe('--shard I/N splits a batch across processes', () => {
  const corpus = join(scratch, 'shard-corpus');
  beforeAll(() => void makeCorpus(corpus, 40), TIMEOUT);

  it('3 shards in 3 processes give the single run outputs, each input in exactly one shard', async () => {
    const single = join(scratch, 'single');
    jixiao(['check', corpus, '--format', 'parquet', '--out', single, '-q'], { cwd: scratch });
    const sharded = join(scratch, 'sharded');
    await Promise.all(
      [0, 1, 2].map(
        (i) =>
          new Promise<void>((resolve) => {
            const child = spawn(process.execPath, [CLI, 'check', corpus, '--format', 'parquet', '--out', sharded, '-q', '--shard', `${i}/3`], { cwd: scratch, stdio: 'ignore' });
            child.on('exit', () => resolve());
          }),
      ),
    );
    expectSameFiles(sharded, single, { manifests: false });
    const shares = [0, 1, 2].map((i) => entries(sharded, `jixiao-manifest.shard-${i}-of-3.ndjson`).map((e) => e.input));
    expect(shares.every((share) => share.length > 0)).toBe(true);
    expect(shares.flat().sort()).toEqual(entries(single).map((e) => e.input).sort());
  }, TIMEOUT);

  it('takes I from JOB_COMPLETION_INDEX with /N, and refuses a shard that is not one', () => {
    const byIndex = join(scratch, 'by-index');
    const byEnv = join(scratch, 'by-env');
    jixiao(['check', corpus, '--format', 'json', '--out', byIndex, '-q', '--shard', '1/4'], { cwd: scratch });
    jixiao(['check', corpus, '--format', 'json', '--out', byEnv, '-q', '--shard', '/4'], { cwd: scratch, env: { JOB_COMPLETION_INDEX: '1' } });
    expectSameFiles(byEnv, byIndex, { manifests: false });
    for (const [shard, env] of [['4/4', {}], ['x/2', {}], ['/3', { JOB_COMPLETION_INDEX: undefined }]] as const) {
      const run = jixiao(['check', corpus, '--shard', shard], { cwd: scratch, env });
      expect(run.status, shard).toBe(2);
      expect(run.stderr, shard).toMatch(/^jixiao: --shard/);
    }
  });

  const hasParallel = spawnSync('parallel', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasParallel)('the README recipe for GNU parallel gives the single run outputs', () => {
    const bin = join(scratch, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'jixiao'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'jixiao'), 0o755);
    const work = join(scratch, 'recipe');
    mkdirSync(work);
    cpSync(corpus, join(work, 'exports'), { recursive: true });
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const recipe = /```sh\n(parallel [^\n]*)\n```/.exec(readme)?.[1];
    expect(recipe).toBeDefined();
    const run = spawnSync('bash', ['-c', recipe!], { cwd: work, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    const single = join(scratch, 'recipe-single');
    jixiao(['check', 'exports', '--format', 'parquet', '--out', single, '-q'], { cwd: work });
    expectSameFiles(join(work, 'out'), single, { manifests: false });
  }, TIMEOUT);
});
