/** Form blocks of a text that arrives in pieces, cut at `cuts` (offsets inside the text, any order, repeats allowed). */
import { BlockSplitter, type Block } from '../../src/parse/blocks.js';

export function blocksArriving(text: string, cuts: readonly number[]): Block[] {
  const points = [...new Set([0, ...cuts.filter((c) => c > 0 && c < text.length), text.length])].sort((a, b) => a - b);
  const splitter = new BlockSplitter();
  const blocks = points.slice(1).flatMap((end, i) => splitter.push(text.slice(points[i], end)));
  blocks.push(...splitter.end());
  return blocks;
}
