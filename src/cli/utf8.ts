import { partsOf, type Part } from '../output/writers.js';

/**
 * Output text as UTF-8 bytes, in one pass over the text. `Buffer.from(text)`
 * measures the text's UTF-8 length in a pass of its own before encoding it;
 * for the two-byte strings Chinese output is held in, that pass costs about
 * as much as the encoding. Here the text is encoded into a scratch buffer
 * large enough for any text of its length (three bytes per UTF-16 unit at
 * most), and the bytes are copied out, so the caller owns them.
 *
 * Text given in parts is encoded part after part into the one buffer: a
 * concatenation of the parts would be flattened (copied into a new string)
 * before it could be encoded, which costs more than the encoding itself.
 * The parts are whole texts (the writers' pieces), so no surrogate pair is
 * split between two of them. A part already encoded is copied as it is.
 */
let scratch = Buffer.allocUnsafe(1 << 16);

export function utf8Bytes(text: string | readonly Part[]): Buffer {
  const parts = partsOf(text);
  let most = 0;
  for (const part of parts) most += typeof part === 'string' ? part.length * 3 : part.length;
  if (scratch.length < most) scratch = Buffer.allocUnsafe(Math.max(most, scratch.length * 2));
  let length = 0;
  for (const part of parts) {
    if (typeof part === 'string') length += scratch.write(part, length, 'utf8');
    else {
      scratch.set(part, length);
      length += part.length;
    }
  }
  const bytes = Buffer.allocUnsafe(length);
  scratch.copy(bytes, 0, 0, length);
  // A one-off very large text does not keep its scratch alive.
  if (scratch.length > 1 << 24) scratch = Buffer.allocUnsafe(1 << 16);
  return bytes;
}
