/**
 * A stream parses, then checks, its blocks in bounded groups
 * (`blockDocuments`): every block's document comes out once, in order; a
 * group never passes its bounds; and where parsing or checking a block fails,
 * the documents of the blocks before it still come out, then the failure, as
 * when each block was parsed and checked in turn.
 */
import { describe, expect, it } from 'vitest';
import { blockDocuments, GROUP_BLOCKS, GROUP_TEXT } from '../src/api/stream.js';
import type { Document } from '../src/contract/schema.js';

interface TestBlock {
  text: string;
  at: number;
}

const blocksOf = (sizes: readonly number[]): TestBlock[] => sizes.map((size, at) => ({ text: 'x'.repeat(size), at }));

/** A document that names its block (its one diagnostic's line), and whether it was checked (the diagnostic's column). */
const documentOf = (block: TestBlock): Document => ({ forms: [], diagnostics: [{ code: 'no-form', severity: 'info', message: { zh: '', en: '' }, line: block.at, column: 0 }] }) as unknown as Document;
const checkedOf = (document: Document): Document => ({ ...document, diagnostics: document.diagnostics.map((d) => ({ ...d, column: 1 })) });

/** Runs the groups to the end or to the failure: the blocks handed out (and whether checked), the group sizes, and the error. */
function drain(blocks: TestBlock[], read = documentOf, checked: ((d: Document) => Document) | null = checkedOf) {
  const out: { at: number; checked: boolean }[] = [];
  const groups: number[] = [];
  try {
    for (const group of blockDocuments(blocks, read, checked)) {
      groups.push(group.length);
      for (const { block, document } of group) {
        expect(document.diagnostics[0].line).toBe(block.at);
        out.push({ at: block.at, checked: document.diagnostics[0].column === 1 });
      }
    }
  } catch (error) {
    return { out, groups, error: (error as Error).message };
  }
  return { out, groups, error: null };
}

const failingAt = <T>(k: number, f: (x: T) => Document, message: string) => {
  let calls = 0;
  return (x: T): Document => {
    if (calls++ === k) throw new Error(message);
    return f(x);
  };
};

describe('blocks parsed, then checked, in groups', () => {
  it('hand every block out once, in order, checked, in groups of at most GROUP_BLOCKS', () => {
    const { out, groups, error } = drain(blocksOf(new Array(150).fill(10)));
    expect(error).toBeNull();
    expect(out.map((o) => o.at)).toEqual([...Array(150).keys()]);
    expect(out.every((o) => o.checked)).toBe(true);
    expect(groups).toEqual([GROUP_BLOCKS, GROUP_BLOCKS, 150 - 2 * GROUP_BLOCKS]);
  });

  it('close a group once its text reaches GROUP_TEXT: a longer block opening a group is its only one', () => {
    const { groups } = drain(blocksOf([GROUP_TEXT / 2, GROUP_TEXT / 2, 10, GROUP_TEXT * 2, GROUP_TEXT * 2, 10]));
    expect(groups).toEqual([2, 2, 1, 1]);
  });

  it('are left unchecked when no check is asked for', () => {
    const { out } = drain(blocksOf([5, 5, 5]), documentOf, null);
    expect(out).toEqual([0, 1, 2].map((at) => ({ at, checked: false })));
  });

  it('where a block fails to parse, hand out the blocks before it, checked, then the failure', () => {
    const { out, error } = drain(blocksOf(new Array(100).fill(10)), failingAt(70, documentOf, 'parse failed'));
    expect(error).toBe('parse failed');
    expect(out.map((o) => o.at)).toEqual([...Array(70).keys()]);
    expect(out.every((o) => o.checked)).toBe(true);
  });

  it('where a block fails its check, hand out the checked blocks before it, then the failure', () => {
    const { out, error } = drain(blocksOf(new Array(100).fill(10)), documentOf, failingAt(70, checkedOf, 'check failed'));
    expect(error).toBe('check failed');
    expect(out.map((o) => o.at)).toEqual([...Array(70).keys()]);
    expect(out.every((o) => o.checked)).toBe(true);
  });

  it('where a block fails its check before a later block of its group fails to parse, give the first failure', () => {
    const { out, error } = drain(blocksOf(new Array(10).fill(10)), failingAt(8, documentOf, 'parse failed'), failingAt(3, checkedOf, 'check failed'));
    expect(error).toBe('check failed');
    expect(out.map((o) => o.at)).toEqual([0, 1, 2]);
  });
});
