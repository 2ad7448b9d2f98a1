/**
 * Caption spellings read once per text: a form repeats its captions, row
 * labels and first cells, and the layout asks what each of them is on every
 * row. The answers are those of src/tables/templates.ts, kept by text;
 * bounded, each memo starting again past its bound. Figures and other texts
 * of plain ASCII, which a form seldom repeats, are not kept.
 */
import { captionKey, isReasonCaptionKey, mayBeReasonCaption } from '../tables/templates.js';
import { rememberedByText } from '../contract/remembered.js';

const LIMIT = 32_768;
/** Longer texts are read each time rather than kept. */
const TEXT_LIMIT = 64;
const ASCII = /^[\x00-\x7f]*$/;

const captionKeyKept = rememberedByText(captionKey, LIMIT, TEXT_LIMIT);

/** `captionKey`, by text. */
export const captionKeyOf = (text: string): string => (ASCII.test(text) ? captionKey(text) : captionKeyKept(text));

/** `isReasonCaption`, its caption key read by text; a text with no character a reason caption opens with is told without a lookup. */
export const isReasonCaptionText = (text: string): boolean => mayBeReasonCaption(text) && isReasonCaptionKey(captionKeyOf(text));
