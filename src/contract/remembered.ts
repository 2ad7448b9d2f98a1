/**
 * The caches the stages keep from form to form: readings remembered by the
 * text or the shape they depend on (a label's spelling, a row shape's
 * placement, a block's hierarchy, a unit's definition). Each is registered
 * here when its module loads, so that all of them can be emptied at once:
 * a form read after a whole batch must read exactly as it reads on empty
 * caches, and a cache keyed by less than its reading depends on is found by
 * comparing the two (test/remembered.test.ts).
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
