/**
 * The benchmark's own corpus: the tab-separated samples and forms drawn by the
 * test suite's mess renderer (random hierarchy, drift, merge alignment, page
 * breaks), concatenated to a target size. Deterministic: a fixed seed.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { formArb, messArb, renderForms } from '../test/support/render-mess.js';
import { generateTemplate } from '../test/support/template-gen.js';

const SAMPLES = join(import.meta.dirname ?? '.', '..', 'samples');

/** UTF-8, tab-separated sample exports: the kind of text most collections hold. */
function sampleTexts(root: string): string[] {
  return readdirSync(root)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(root, f)))
    .filter((b) => b[0] !== 0xff && b[0] !== 0xfe && b[0] !== 0xef)
    .map((b) => new TextDecoder('utf-8', { fatal: false }).decode(b))
    .filter((t) => !t.includes('\ufffd') && t.includes('\t'));
}

function messyTexts(count: number, seed: number): string[] {
  const forms = fc.sample(formArb, { seed, numRuns: count });
  const messes = fc.sample(messArb(), { seed: seed + 1, numRuns: count });
  return forms.map((form, i) => renderForms([form], [{ ...messes[i], lineEnd: '\n' }]).text);
}

/** Pieces of export text to concatenate: half samples, half generated messy forms. */
export function corpusPieces(root = SAMPLES): string[] {
  const samples = sampleTexts(root);
  const messy = messyTexts(200, 20261128);
  const pieces: string[] = [];
  for (let i = 0; i < Math.max(samples.length, messy.length); i++) {
    if (i < messy.length) pieces.push(messy[i]);
    pieces.push(samples[i % samples.length]);
  }
  return pieces.map((p) => (p.endsWith('\n') ? p : p + '\n') + '\n');
}

/** Writes `path` with pieces repeated until it holds at least `bytes` bytes. */
export function writeCorpus(path: string, bytes: number, pieces: readonly string[]): void {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  const encoded = pieces.map((p) => Buffer.from(p, 'utf8'));
  const parts: Buffer[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece = encoded[i % encoded.length];
    parts.push(piece);
    size += piece.length;
  }
  writeFileSync(path, Buffer.concat(parts));
}

/** A directory of `count` small exports, one to three forms each. */
export function writeBatch(dir: string, count: number, pieces: readonly string[]): void {
  if (existsSync(join(dir, `export-${String(count - 1).padStart(4, '0')}.txt`))) return;
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const forms = [pieces[i % pieces.length], pieces[(i * 7 + 3) % pieces.length], pieces[(i * 13 + 5) % pieces.length]].slice(0, 1 + (i % 3));
    writeFileSync(join(dir, `export-${String(i).padStart(4, '0')}.txt`), forms.join(''));
  }
}

/**
 * Writes `path` with forms no two alike, until it holds at least `bytes`
 * bytes: the template generator's forms (every trait drawn, each from its own
 * seed), tab-separated UTF-8 with LF line ends as the rest of the corpus, so
 * that no memo of a shape or text is helped by repetition.
 */
export function writeDistinctCorpus(path: string, bytes: number): void {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  const parts: Buffer[] = [];
  let size = 0;
  for (let seed = 20261207; size < bytes; seed += 7919) {
    const { text } = generateTemplate(seed, { separator: ['tab'], encoding: ['utf-8'], lineEnd: ['lf'] });
    const piece = Buffer.from(text + '\n', 'utf8');
    parts.push(piece);
    size += piece.length;
  }
  writeFileSync(path, Buffer.concat(parts));
}
