/**
 * Caption spellings read once per text: a form repeats its captions, row
 * labels and first cells, and the layout asks what each of them is on every
 * row. The answers are those of src/tables/templates.ts, kept by text;
 * bounded, each memo starting again past its bound.
 */
import { captionKey, isReasonCaption } from '../tables/templates.js';

const LIMIT = 8192;
/** Longer texts are read each time rather than kept. */
const TEXT_LIMIT = 64;

function memoised<T>(read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let found = known.get(text);
    if (found === undefined) {
      found = read(text);
      if (text.length > TEXT_LIMIT) return found;
      if (known.size >= LIMIT) known.clear();
      known.set(text, found);
    }
    return found;
  };
}

/** `captionKey`, by text. */
export const captionKeyOf = memoised(captionKey);

/** `isReasonCaption`, by text. */
export const isReasonCaptionText = memoised(isReasonCaption);
