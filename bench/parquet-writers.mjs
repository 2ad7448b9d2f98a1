/**
 * How the Parquet writer was chosen: hyparquet-writer (what jixiao uses)
 * against parquet-wasm (Rust's parquet crate in WebAssembly, fed Apache Arrow
 * tables) on the same rows, the four tables of a folder of exports checked by
 * the built library. Size of each package installed, time to load it, time to
 * write the four tables (median of runs), bytes written, and whether DuckDB
 * reads every file back with the rows the writer was given.
 *
 *   npm run build
 *   mkdir /tmp/pq && cd /tmp/pq && npm init -y && npm install parquet-wasm apache-arrow hyparquet-writer @duckdb/node-api
 *   node /path/to/jixiao/bench/parquet-writers.mjs /path/to/jixiao/samples [runs]
 *
 * The packages are resolved from the working directory, so that the project
 * does not depend on the writer it did not choose.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const folder = process.argv[2] ?? new URL('../samples', import.meta.url).pathname;
const runs = Number(process.argv[3] ?? 20);
const here = createRequire(join(process.cwd(), 'noop.js'));
const jixiao = await import(new URL('../dist/index.js', import.meta.url).href);
const load = async (name) => {
  const started = performance.now();
  const module = await import(pathToFileURL(here.resolve(name)).href);
  return { module, loadMs: performance.now() - started };
};
const installed = (name) => {
  const root = join(process.cwd(), 'node_modules', name);
  return Number(execFileSync('du', ['-sk', root], { encoding: 'utf8' }).split('\t')[0]) * 1024;
};

const documents = readdirSync(folder)
  .filter((f) => /\.(txt|csv|tsv)$/i.test(f))
  .map((f) => ({ label: f, document: jixiao.check(jixiao.parse(readFileSync(join(folder, f)), { file: f })) }));
const tables = Object.fromEntries(jixiao.CSV_TABLES.map((t) => [t, documents.flatMap(({ document, label }) => jixiao.tableRows(t, document, label))]));
const rowCount = Object.values(tables).reduce((n, rows) => n + rows.length, 0);

const columns = (table) =>
  jixiao.tableColumns(table).map((name, i) => ({ name, kind: jixiao.columnKind(name), data: tables[table].map((row) => (row[i] == null ? null : jixiao.columnKind(name) === 'integer' ? Number(row[i]) : String(row[i]))) }));

async function writeHyparquet() {
  const out = {};
  for (const table of jixiao.CSV_TABLES) {
    const parts = [];
    const writer = await jixiao.ParquetTableWriter.open(table, (b) => void parts.push(b));
    await writer.add(tables[table]);
    await writer.finish();
    out[table] = Buffer.concat(parts);
  }
  return out;
}

function writeWasm(wasm, arrow) {
  const out = {};
  const properties = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression.SNAPPY).build();
  for (const table of jixiao.CSV_TABLES) {
    const vectors = Object.fromEntries(columns(table).map(({ name, kind, data }) => [name, arrow.vectorFromArray(data, kind === 'integer' ? new arrow.Int32() : new arrow.Utf8())]));
    const arrowTable = new arrow.Table(vectors);
    out[table] = wasm.writeParquet(wasm.Table.fromIPCStream(arrow.tableToIPC(arrowTable, 'stream')), properties);
  }
  return out;
}

async function timed(write) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await write();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], files: last };
}

async function readsBack(files) {
  const { DuckDBInstance } = await load('@duckdb/node-api').then((m) => m.module);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const dir = mkdtempSync(join(tmpdir(), 'pq-eval-'));
  for (const table of jixiao.CSV_TABLES) {
    writeFileSync(join(dir, `${table}.parquet`), files[table]);
    const rows = (await connection.runAndReadAll(`SELECT * FROM '${join(dir, table)}.parquet'`)).getRows();
    const given = tables[table].map((row) => row.map((c) => (c == null ? null : String(c))));
    const read = rows.map((row) => row.map((c) => (c == null ? null : String(c))));
    if (JSON.stringify(read) !== JSON.stringify(given)) return `${table}: rows differ`;
  }
  return 'every row as given';
}

const hyparquet = await load('hyparquet-writer');
const wasm = await load('parquet-wasm/node');
const arrow = await load('apache-arrow');
const results = [];
for (const [name, write, loadMs, size] of [
  ['hyparquet-writer', writeHyparquet, hyparquet.loadMs, installed('hyparquet-writer') + installed('hyparquet')],
  ['parquet-wasm + apache-arrow', () => writeWasm(wasm.module, arrow.module), wasm.loadMs + arrow.loadMs, installed('parquet-wasm') + installed('apache-arrow')],
]) {
  const { ms, files } = await timed(write);
  const bytes = Object.values(files).reduce((n, f) => n + f.length, 0);
  results.push({ writer: name, installedMB: +(size / 1048576).toFixed(1), loadMs: +loadMs.toFixed(1), writeMs: +ms.toFixed(1), bytes, readBack: await readsBack(files) });
}
console.log(`${documents.length} files, ${rowCount} rows in four tables, median of ${runs} runs`);
console.table(results);
