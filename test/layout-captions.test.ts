/**
 * The layout reads caption spellings once per text (src/layout/captions.ts):
 * every answer is the table's own, whatever was asked before, ASCII texts
 * (figures, codes) included.
 */
import { describe, expect, it } from 'vitest';
import { captionKeyOf, isReasonCaptionText } from '../src/layout/captions.js';
import { captionKey, FUNDS_REASON_CAPTIONS, isReasonCaption } from '../src/tables/templates.js';

const TEXTS = [
  ...FUNDS_REASON_CAPTIONS,
  ...FUNDS_REASON_CAPTIONS.map((c) => `*${c}：`),
  ...FUNDS_REASON_CAPTIONS.map((c) => c.split('').join(' ')),
  '偏差原因（万元）',
  '年度预算数（万元）',
  '*分值',
  '得分',
  '2591183.04',
  '-',
  '',
  ' ',
  'reason',
  'Score (10)',
  'ＳＣＯＲＥ',
  '１００',
  '總分',
  '偏差說明',
];

describe('caption spellings read once per text', () => {
  it('give the table’s key and reason reading for every text, asked twice in any order', () => {
    for (const order of [TEXTS, [...TEXTS].reverse(), TEXTS]) {
      for (const text of order) {
        expect(captionKeyOf(text)).toBe(captionKey(text));
        expect(isReasonCaptionText(text)).toBe(isReasonCaption(text));
      }
    }
    // The texts above include reason captions, so both answers are met.
    expect(TEXTS.filter(isReasonCaptionText).length).toBeGreaterThan(FUNDS_REASON_CAPTIONS.length);
    expect(TEXTS.filter((t) => !isReasonCaptionText(t)).length).toBeGreaterThan(5);
  });
});
