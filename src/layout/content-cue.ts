/**
 * The 二级 group an indicator's own name and target point to (the cue table
 * in src/tables/content-cues.ts), and whether a reading of its row agrees.
 */
import { CONTENT_CUES, type CueField } from '../tables/content-cues.js';
import { foldWidth } from '../parse/text.js';

export interface RowCue {
  groups: ReadonlySet<string>;
  weight: number;
}

const folded = (text: string | null) => (text === null ? '' : foldWidth(text).replace(/\s+/g, ''));

/** The strongest cue the texts match; null when none does or the strongest disagree. */
export function rowCueOf(texts: Readonly<Record<CueField, string | null>>): RowCue | null {
  const key = `${texts.name ?? ''}\u0000${texts.target ?? ''}`;
  let cue = CUES_BY_TEXT.get(key);
  if (cue === undefined) {
    // Forms repeat their names and targets; a bound keeps a batch of distinct ones from growing the memo without end.
    if (CUES_BY_TEXT.size >= 8192) CUES_BY_TEXT.clear();
    CUES_BY_TEXT.set(key, (cue = cueOfTexts(texts)));
  }
  return cue;
}

/** Each row's name and target, read once for its cue (a cue is never changed once made). */
const CUES_BY_TEXT = new Map<string, RowCue | null>();

function cueOfTexts(texts: Readonly<Record<CueField, string | null>>): RowCue | null {
  const plain = { name: folded(texts.name), target: folded(texts.target) } satisfies Record<CueField, string>;
  const matched = CONTENT_CUES.filter((cue) => cue.pattern.test(plain[cue.field]));
  if (matched.length === 0) return null;
  const weight = Math.max(...matched.map((cue) => cue.weight));
  const strongest = matched.filter((cue) => cue.weight === weight);
  const key = (groups: readonly string[]) => [...groups].sort().join('|');
  if (new Set(strongest.map((cue) => key(cue.groups))).size > 1) return null;
  return { groups: new Set(strongest[0].groups), weight };
}

/** What a reading of the row scores: the cue's weight when the reading's group is one the cue names. */
export function agreement(cue: RowCue | null, level1: string | null, level2: string | null): number {
  if (!cue) return 0;
  const group = level2 ?? level1;
  return group !== null && cue.groups.has(group) ? cue.weight : 0;
}
