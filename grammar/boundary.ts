/**
 * Where a form starts: the one rule. The form grammar applies it to every row
 * it reads; the block splitter (src/parse/blocks.ts), which cuts text into
 * forms before any row exists, applies it to the kinds its lines show.
 *
 * A form opens at a title, or at 项目名称 when it has none. A title repeated
 * after a page break inside a form is followed by the form's own rows, where a
 * new form's title is followed by its header (or by another title line, the
 * year under it), or ends the input. A 项目名称 row after the form's header
 * (once other rows have followed it) opens the next form, as does any header
 * row after the form's content.
 */
import type { RowKind } from '../src/tables/labels.js';

/**
 * How far a form has been read: nothing yet, its titles, its header without
 * and with its 项目名称 row, or its content (a section, or rows standing
 * before any title or header: a title or 项目名称 after those opens a form of
 * its own, leaving them outside it).
 */
export type Stage = 'start' | 'titles' | 'header' | 'named' | 'content';

/** Rows that open a form's header after its title. */
const OPENS_FORM: ReadonlySet<RowKind> = new Set<RowKind>(['project', 'department', 'fundsHeader']);

/**
 * Whether a row of kind `next`, followed by a row of kind `after` (null at
 * the end of the input), belongs to the form read so far, which has reached
 * `stage`; false when it opens the next form.
 */
export function continuesForm(stage: Stage, next: RowKind, after: RowKind | null): boolean {
  switch (next) {
    case 'title':
      return stage === 'start' || stage === 'titles' || (stage === 'content' && after !== null && after !== 'title' && !OPENS_FORM.has(after));
    case 'project':
      return stage === 'start' || stage === 'titles' || stage === 'header';
    case 'department':
      return stage !== 'content';
    default:
      return true;
  }
}

const atContent = (stage: Stage, otherwise: Stage): Stage => (stage === 'content' ? 'content' : otherwise);

/** The stage a form reaches with a row of each kind (once the row is known to continue it). */
const STAGE_AFTER: Readonly<Record<RowKind, (stage: Stage) => Stage>> = {
  // A title inside a form (repeated after a page break) leaves it where it was.
  title: (stage) => atContent(stage, 'titles'),
  project: (stage) => atContent(stage, 'named'),
  department: (stage) => atContent(stage, stage === 'named' ? 'named' : 'header'),
  fundsHeader: () => 'content',
  funds: () => 'content',
  goals: () => 'content',
  indicatorHeader: () => 'content',
  total: () => 'content',
  // Rows outside the sections leave a form where it was, but for rows before anything else.
  page: (stage) => (stage === 'start' ? 'content' : stage),
  data: (stage) => (stage === 'start' ? 'content' : stage),
};

export function stageAfter(stage: Stage, row: RowKind): Stage {
  return STAGE_AFTER[row](stage);
}
