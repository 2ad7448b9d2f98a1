/**
 * Throughput of each input format: the sample's seven forms repeated into one
 * document of each kind (a text export, a workbook with one sheet, a Word
 * document and a web page with a table per form), each parsed and checked
 * by the library, as `check(parse(bytes))`, a few times; the best run counts.
 *
 * (run from bench/.out/ once bundled)
 *   npm run bench:formats            # 40 copies of the sample (280 forms)
 *   npm run bench:formats -- 10      # another number of copies
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, parse } from '../src/api/index.js';
import { OTHER_DOCUMENTS } from '../src/io/read.js';
import { splitForms, textTable, writePage, writeWordDocument, writeWorkbook } from '../test/support/office-writers.js';

const copies = Number(process.argv[2] ?? 40);
const sample = readFileSync(join(import.meta.dirname, '..', '..', 'samples', '000_16052ebbc3505be3.txt'), 'utf8');
const text = Array.from({ length: copies }, () => sample).join('\n');
const forms = splitForms(text).map(textTable);

const inputs: [string, Uint8Array][] = [
  ['text (.txt)', new TextEncoder().encode(text)],
  ['workbook (.xlsx, one sheet)', await writeWorkbook([{ name: 'Sheet1', table: textTable(text) }])],
  ['Word (.docx, a table per form)', await writeWordDocument(forms)],
  ['web page (.html, a table per form)', new TextEncoder().encode(writePage(forms))],
];

/** The reading alone: a document to its grids and their text, the text pipeline left out. */
function readOnly(bytes: Uint8Array): void {
  const settings = { file: null, maxBytes: 512 * 1024 * 1024 };
  const none = () => ({ forms: [], diagnostics: [] });
  if (OTHER_DOCUMENTS.bytes(bytes, settings, none) === null) OTHER_DOCUMENTS.text(new TextDecoder().decode(bytes), 'utf-8', settings, none);
}

const best = (run: () => void) => {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest / 1000;
};

console.log(`${forms.length} forms per document; best of 3 runs of check(parse(bytes)), and of the reading alone (document → grids → text)`);
console.log('format | bytes | forms | time | MB/s | forms/s | reading alone');
for (const [name, bytes] of inputs) {
  let count = 0;
  const seconds = best(() => {
    count = check(parse(bytes, { file: name })).forms.length;
  });
  const reading = name.startsWith('text') ? null : best(() => readOnly(bytes));
  console.log(`${name} | ${bytes.length} | ${count} | ${seconds.toFixed(2)} s | ${(bytes.length / 1e6 / seconds).toFixed(2)} | ${Math.round(count / seconds)} | ${reading === null ? '—' : `${reading.toFixed(3)} s`}`);
}
