/**
 * The adversarial inputs of issue 16, at full size, through the built CLI:
 * time, peak RSS, exit status and output size of `jixiao parse` on each.
 * The target is under 20 s and under 600 MB for any input up to 16 MB.
 *
 *   npm run build && esbuild bench/adversarial.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=bench/.out/adversarial.mjs && node bench/.out/adversarial.mjs [name...]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'bench', 'corpus', 'adversarial');
const CLI = join(ROOT, 'dist', 'cli.js');
const CHILD = join(ROOT, 'bench', 'child.mjs');
const MB = 1024 * 1024;

const HEADER = '年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n';
const ROW = '\t产出指标 (50分)\t数量指标\t采购数量\t100台\t100台\t5\t5\t\n';

const INPUTS: Record<string, () => string> = {
  'one line of 4 000 000 \\t1 cells': () => '\t1'.repeat(4_000_000),
  '2 000 000 cells': () => '\t1'.repeat(2_000_000),
  '14 MB of repeated titles': () => '项目支出绩效自评表\n'.repeat(Math.ceil((14 * MB) / Buffer.byteLength('项目支出绩效自评表\n'))),
  '100 000 duplicate rows': () => '项目支出绩效自评表\n项目名称\t甲\n' + HEADER + ROW.repeat(100_000) + '总分\t100\t100\n',
  'a 10 MB single cell': () => '甲乙丙丁'.repeat(Math.ceil((10 * MB) / 12)),
  '16 MB of 一 cells, one per line': () => '一\n'.repeat(Math.ceil((16 * MB) / 4)),
};

function run(file: string, command: string): { seconds: number; peakMb: number; status: number | null; outputMb: number } {
  const rssFile = join(DIR, '.rss');
  const outFile = join(DIR, '.out');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [CHILD, CLI, command, file, '--format', 'json', '-q'], {
    env: { ...process.env, JIXIAO_BENCH_RSS: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 2048 * MB,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  writeFileSync(outFile, child.stdout ?? '');
  const result = { seconds, peakMb: Number(readFileSync(rssFile, 'utf8')) / MB, status: child.status, outputMb: statSync(outFile).size / MB };
  rmSync(rssFile, { force: true });
  rmSync(outFile, { force: true });
  return result;
}

mkdirSync(DIR, { recursive: true });
const wanted = process.argv.slice(2);
console.log('input | size | command | time | peak RSS | exit | output');
console.log('---|---|---|---|---|---|---');
for (const [name, make] of Object.entries(INPUTS)) {
  if (wanted.length > 0 && !wanted.some((w) => name.includes(w))) continue;
  const file = join(DIR, name.replace(/[^a-z0-9]+/gi, '-') + '.txt');
  writeFileSync(file, make());
  const size = statSync(file).size / MB;
  for (const command of ['parse', 'check']) {
    const r = run(file, command);
    console.log(`${name} | ${size.toFixed(1)} MB | ${command} | ${r.seconds.toFixed(1)} s | ${r.peakMb.toFixed(0)} MB | ${r.status} | ${r.outputMb.toFixed(2)} MB`);
  }
  rmSync(file, { force: true });
}
