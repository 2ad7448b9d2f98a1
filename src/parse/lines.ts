/** Line numbers of a block's output moved to their place in the whole input. */

const LINE_KEYS = new Set(['line', 'startLine', 'endLine']);

/** Moves every line number of a block's output by the block's place in the file (0 stays: no line). */
export function shiftLines<T>(value: T, by: number): T {
  if (by === 0) return value;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key in record) {
        const child = record[key];
        if (typeof child === 'number' && LINE_KEYS.has(key)) {
          if (child > 0) record[key] = child + by;
        } else if (child !== null && typeof child === 'object' && key !== 'detail') walk(child);
      }
    }
  };
  walk(value);
  return value;
}

