/**
 * The caches the stages keep from form to form: readings remembered by the
 * text or the shape they depend on (a label's spelling, a row shape's
 * placement, a block's hierarchy, a unit's definition). Every one is bounded
 * (past its bound it starts again, so a hostile batch cannot grow it without
 * end) and registered here when its module loads, so that all of them can be
 * emptied at once: a form read after a whole batch must read exactly as it
 * reads on empty caches, and a cache keyed by less than its reading depends
 * on is found by comparing the two (test/remembered.test.ts).
 */

interface Clearable {
  clear(): void;
}

const REGISTERED: Clearable[] = [];

/** `cache`, registered to be emptied by `forgetRemembered`. */
export function remembered<T extends Clearable>(cache: T): T {
  REGISTERED.push(cache);
  return cache;
}

/** Empties every registered cache: what is read next is read from nothing remembered. */
export function forgetRemembered(): void {
  for (const cache of REGISTERED) cache.clear();
}

/** A registered map of at most `limit` entries: an entry added to a full map empties it first. */
export class RememberedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
    remembered(this);
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit) this.clear();
    return super.set(key, value);
  }
}

/**
 * `read`, remembered by its text in a registered map of at most `limit`
 * entries; a text longer than `longest` (prose, seldom repeated) is read each
 * time rather than kept.
 */
export function rememberedByText<V>(read: (text: string) => V, limit: number, longest = Infinity): (text: string) => V {
  const known = new RememberedMap<string, V>(limit);
  return (text) => {
    // A text too long to keep is never found: read without a lookup.
    if (text.length > longest) return read(text);
    let found = known.get(text);
    if (found === undefined) known.set(text, (found = read(text)));
    return found;
  };
}
