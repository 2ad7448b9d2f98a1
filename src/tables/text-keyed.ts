/**
 * Tables looked up by text read from an export. An object literal inherits
 * `constructor`, `toString`, `valueOf`…: a cell spelling one of those would
 * find a function there. A table made here has no prototype, so only its own
 * keys match.
 */
export function textKeyed<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
