/**
 * The 二级 group an indicator's own name and target point to (the cue table
 * in src/tables/content-cues.ts), and whether a reading of its row agrees.
 */
import { CONTENT_CUES, type ContentCue, type CueField } from '../tables/content-cues.js';
import { foldWidth } from '../parse/text.js';
import { RememberedMap, rememberedByText } from '../contract/remembered.js';

export interface RowCue {
  groups: ReadonlySet<string>;
  weight: number;
}

const folded = (text: string | null) => (text === null ? '' : foldWidth(text).replace(/\s+/g, ''));

/** The strongest cue the texts match; null when none does or the strongest disagree. */
export function rowCueOf(texts: Readonly<Record<CueField, string | null>>): RowCue | null {
  const byName = matchesOf('name', texts.name);
  const byTarget = matchesOf('target', texts.target);
  if (byName.length === 0 && byTarget.length === 0) return null;
  // The cues of both texts in the table's order, as one pass over the table would find them.
  const matched = byTarget.length === 0 ? byName : byName.length === 0 ? byTarget : [...byName, ...byTarget].sort((a, b) => a - b);
  // One cue object for each set of matches: the same cue, whichever row it is read from.
  const key = matched.join();
  let cue = CUES.get(key);
  if (cue === undefined) {
    // One entry for each set of the table's cues that some row matches: few, and bounded all the same.
    CUES.set(key, (cue = cueOfMatches(matched.map((index) => CONTENT_CUES[index]))));
  }
  return cue;
}

/** The bound of each memo of cues. */
const MATCH_LIMIT = 8192;

/** Cues by the places in the table of the cues matched (a cue is never changed once made). */
const CUES = new RememberedMap<string, RowCue | null>(MATCH_LIMIT);

const NONE: readonly number[] = [];

/** The cues (their places in the table) of `field` that a text matches. */
function cueMatches(field: CueField, text: string): readonly number[] {
  const plain = folded(text);
  const indexes: number[] = [];
  CONTENT_CUES.forEach((cue, index) => {
    if (cue.field === field && cue.pattern.test(plain)) indexes.push(index);
  });
  return indexes.length === 0 ? NONE : indexes;
}

/** `cueMatches` by text: forms repeat their names and targets, and a name's cues do not depend on the target beside it. */
const MATCHES: Readonly<Record<CueField, (text: string) => readonly number[]>> = {
  name: rememberedByText((text) => cueMatches('name', text), MATCH_LIMIT),
  target: rememberedByText((text) => cueMatches('target', text), MATCH_LIMIT),
};

const matchesOf = (field: CueField, given: string | null): readonly number[] => MATCHES[field](given ?? '');

function cueOfMatches(matched: readonly ContentCue[]): RowCue | null {
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
