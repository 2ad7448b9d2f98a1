/**
 * Where a form starts: the one rule. The form grammar applies it to every row
 * it reads; the block splitter (src/parse/blocks.ts), which cuts text into
 * forms before any row exists, applies it to the kinds its lines show.
 *
 * A form opens at a title, or at 项目名称 when it has none. A title repeated
 * after a page break inside a form is followed by the form's own rows, where a
 * new form's title is followed by its header (or by another title line, the
 * year under it), or ends the input.
 */
import type { RowKind } from '../src/tables/labels.js';

/** How far a form has been read: nothing yet, its titles, its header, its sections. */
export type Stage = 'start' | 'titles' | 'header' | 'body';

/** What a part of a form is: a section, or a row the form holds outside them. */
export type PartKind = 'header' | 'funds' | 'goals' | 'indicators' | 'total' | 'title' | 'page' | 'data';

/** Rows that open a form's header after its title. */
const OPENS_FORM: ReadonlySet<RowKind> = new Set<RowKind>(['project', 'department', 'fundsHeader']);

/**
 * Whether a row of kind `next`, followed by a row of kind `after` (null at
 * the end of the input), belongs to the form read so far, which has reached
 * `stage`; false when it opens the next form.
 */
export function continuesForm(stage: Stage, next: RowKind, after: RowKind | null): boolean {
  if (next === 'title') return stage === 'start' || stage === 'titles' || (stage === 'body' && after !== null && after !== 'title' && !OPENS_FORM.has(after));
  if (next === 'project' || next === 'department') return stage !== 'body';
  return true;
}

/** The stage a form reaches with a part of each kind: rows outside the sections leave it where it was. */
const STAGE_AFTER: Readonly<Record<PartKind, (stage: Stage) => Stage>> = {
  title: () => 'titles',
  header: (stage) => (stage === 'body' ? 'body' : 'header'),
  funds: () => 'body',
  goals: () => 'body',
  indicators: () => 'body',
  total: () => 'body',
  page: (stage) => stage,
  data: (stage) => stage,
};

export function stageAfter(stage: Stage, part: PartKind): Stage {
  return STAGE_AFTER[part](stage);
}
