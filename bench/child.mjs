// Runs the built CLI in this process and records its peak resident set size
// (worker threads included) in the file named by JIXIAO_BENCH_RSS.
import { writeFileSync } from 'node:fs';
import { peakRssBytes } from './peak-rss.mjs';
import { pathToFileURL } from 'node:url';

const out = process.env.JIXIAO_BENCH_RSS;
process.on('exit', () => {
  if (out) writeFileSync(out, String(peakRssBytes()));
});
const cli = process.argv[2];
process.argv.splice(1, 1);
await import(pathToFileURL(cli).href);
