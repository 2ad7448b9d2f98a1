/**
 * The codes of a memo key (a row shape, a header, a block), written into one
 * list that keeps its room from key to key, then read as one string of UTF-16
 * code units. (A list emptied by `length = 0` gives its room back, and every
 * key would make it again.)
 */
export class KeyCodes {
  private readonly codes: number[] = [];
  private count = 0;

  /** Starts a new key. */
  start(): void {
    this.count = 0;
  }

  /** One code (0 … 0xffff). */
  push(code: number): void {
    this.codes[this.count++] = code;
  }

  /** A whole number from 0 to 2^32 - 1, as two codes. */
  pushNumber(n: number): void {
    this.push(n & 0xffff);
    this.push(n >>> 16);
  }

  /** The number of codes written. */
  get length(): number {
    return this.count;
  }

  /** Adds one to the code at `at`. */
  increment(at: number): void {
    this.codes[at]++;
  }

  /** The key written. */
  text(): string {
    const codes = this.codes;
    codes.length = this.count;
    if (codes.length <= SLICE) return String.fromCharCode.apply(null, codes);
    // In slices: a key of many codes is more than one call takes.
    let key = '';
    for (let at = 0; at < codes.length; at += SLICE) key += String.fromCharCode.apply(null, codes.slice(at, at + SLICE));
    return key;
  }
}

const SLICE = 8192;
