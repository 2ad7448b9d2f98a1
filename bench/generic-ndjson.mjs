// The generic conversion `jixiao check --format ndjson` is measured against:
// papaparse splits the tab-separated text, and each row is written as one
// line of JSON to standard output, in 64 KB writes.
import { readFileSync, writeSync } from 'node:fs';
import Papa from 'papaparse';

const text = new TextDecoder().decode(readFileSync(process.argv[2]));
const rows = Papa.parse(text, { delimiter: '\t', newline: '\n', quoteChar: '"' }).data;
let out = '';
const flush = () => {
  const bytes = Buffer.from(out, 'utf8');
  for (let at = 0; at < bytes.length; ) at += writeSync(1, bytes, at);
  out = '';
};
for (const row of rows) {
  out += JSON.stringify(row) + '\n';
  if (out.length >= 65536) flush();
}
flush();
