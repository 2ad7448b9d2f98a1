/**
 * One decoder path: the library (`parse` on the whole bytes), the stream
 * (`parseStream` on pieces of any size) and the command line give the same
 * forms for the same bytes, a file cut inside its last character or holding
 * a bad byte included: the forms of the text before the byte are kept, and a
 * diagnostic says where decoding stopped.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse } from '../src/api/pipeline.js';
import { parseStream, parseStreamToDocument } from '../src/api/stream.js';
import type { Document } from '../src/contract/schema.js';
import { ROOT, SEED } from './fixtures/cli/run-cli.js';
import { cli } from './support/cli.js';

vi.setConfig({ testTimeout: 180_000 });
const scratch = mkdtempSync(join(tmpdir(), 'jixiao-chunks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const seed = readFileSync(join(ROOT, SEED));
const gb = iconv.encode(seed.toString('utf8'), 'gb18030');
/** The sample cut inside its last character (the final 项 or 。 loses a byte). */
const cutLast = (bytes: Buffer) => {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] < 0x80) end--;
  return bytes.subarray(0, end - 1);
};
/** The sample with a byte that no encoding reads in its middle. */
const BAD_AT = seed.indexOf(0x0a, Math.floor(seed.length * 0.6)) + 1;
const badMiddle = Buffer.concat([seed.subarray(0, BAD_AT), Buffer.from([0xff]), seed.subarray(BAD_AT)]);

const INPUTS: Record<string, Buffer> = { sample: seed, 'cut inside its last character': cutLast(seed), 'a bad byte in the middle': badMiddle, 'GB18030 cut inside its last character': cutLast(gb) };

function* pieces(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function* asStream(parts: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

/** What must agree: the forms, and the codes and places of the diagnostics. */
const essence = (document: Document) => ({
  forms: document.forms,
  diagnostics: document.diagnostics.map((d) => `${d.code}@${d.line}:${String(d.detail?.byteOffset ?? '')}`).sort(),
});

describe.each(Object.entries(INPUTS))('%s', (_, bytes) => {
  const whole = parse(bytes, { file: 'x.txt' });

  it('the stream gives what parse gives, whatever the sizes of the pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 6 }), async (sizes) => {
        const streamed = await parseStreamToDocument(asStream(pieces(bytes, sizes)), { file: 'x.txt' });
        expect(essence(streamed)).toEqual(essence(whole));
      }),
      { numRuns: 15 },
    );
  });

  it('the command line gives what parse gives', async () => {
    const file = join(scratch, 'x.txt');
    writeFileSync(file, bytes);
    const run = await cli(['parse', file, '--format', 'json', '-q']);
    const document = JSON.parse(run.stdout) as Document;
    expect(essence(document)).toEqual(essence(parse(bytes, { file })));
  });
});

describe('what is kept', () => {
  it('a file cut inside its last character keeps all seven forms and says where it was cut', () => {
    const document = parse(cutLast(seed), { file: 'cut.txt' });
    expect(document.forms).toHaveLength(7);
    expect(document.diagnostics.map((d) => d.code)).toContain('invalid-encoding');
    expect(document.diagnostics.find((d) => d.code === 'invalid-encoding')!.message.en).toContain('cut off inside a character');
  });

  it('a bad byte in the middle keeps the forms before it', () => {
    const document = parse(badMiddle, { file: 'bad.txt' });
    expect(document.forms.length).toBeGreaterThan(0);
    expect(document.forms.length).toBeLessThan(7);
    expect(document.diagnostics.find((d) => d.code === 'invalid-encoding')?.detail?.byteOffset).toBe(BAD_AT);
  });

  it('parseStream refuses a stream of numbers instead of ignoring them', async () => {
    async function* numbers(): AsyncGenerator<number> {
      yield 1;
    }
    await expect(parseStreamToDocument(numbers() as unknown as AsyncIterable<Uint8Array>)).rejects.toThrow(TypeError);
    void parseStream;
  });
});
