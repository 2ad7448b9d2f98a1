/**
 * The 二级 group an indicator's own name and target point to (the cue table
 * in src/tables/content-cues.ts), and whether a reading of its row agrees.
 */
import { CONTENT_CUES, type ContentCue, type CueField } from '../tables/content-cues.js';
import { foldWidth } from '../parse/text.js';
import { remembered } from '../contract/remembered.js';

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
    if (CUES.size >= MATCH_LIMIT) CUES.clear();
    CUES.set(key, (cue = cueOfMatches(matched.map((index) => CONTENT_CUES[index]))));
  }
  return cue;
}

/** Cues by the places in the table of the cues matched (a cue is never changed once made). */
const CUES = remembered(new Map<string, RowCue | null>());

/**
 * The cues (their places in the table) a name or a target matches, by text: forms repeat their names and targets,
 * and a name's cues do not depend on the target beside it. Bounded: past its bound a memo starts again.
 */
const MATCHES: Readonly<Record<CueField, Map<string, readonly number[]>>> = { name: remembered(new Map()), target: remembered(new Map()) };
const MATCH_LIMIT = 8192;
const NONE: readonly number[] = [];

function matchesOf(field: CueField, given: string | null): readonly number[] {
  const text = given ?? '';
  const memo = MATCHES[field];
  let found = memo.get(text);
  if (found === undefined) {
    const plain = folded(text);
    const indexes: number[] = [];
    CONTENT_CUES.forEach((cue, index) => {
      if (cue.field === field && cue.pattern.test(plain)) indexes.push(index);
    });
    found = indexes.length === 0 ? NONE : indexes;
    if (memo.size >= MATCH_LIMIT) memo.clear();
    memo.set(text, found);
  }
  return found;
}

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
