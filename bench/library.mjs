// The library in this process, no CLI: `check(parse(bytes))` on one file,
// read once; prints the seconds of each of `runs` runs, one per line.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [library, file, runs = '1'] = process.argv.slice(2);
const { parse, check } = await import(pathToFileURL(library).href);
const bytes = readFileSync(file);
for (let i = 0; i < Number(runs); i++) {
  const started = process.hrtime.bigint();
  const document = check(parse(bytes, { file }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (document.forms.length === 0) throw new Error(`no form in ${file}`);
  console.log(seconds);
}
