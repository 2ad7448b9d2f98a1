/**
 * The codes of a memo key (a row shape, a header, a block), written into one
 * list that keeps its room from key to key, then read as one string of UTF-16
 * code units. (A list emptied by `length = 0` gives its room back, and every
 * key would make it again.)
 */
export class KeyCodes {
  private readonly codes: number[] = [];
  private count = 0;
  /** The last keys made, each with its codes (lists that keep their room): a key made again is given again, not made anew. */
  private readonly recent: { codes: number[]; count: number; text: string | null }[] = Array.from({ length: RECENT }, () => ({ codes: [], count: 0, text: null }));
  private next = 0;

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
    const count = this.count;
    // Rows of one shape follow one another: their key is one of the last few made.
    for (const made of this.recent) {
      if (made.text === null || made.count !== count) continue;
      let same = true;
      for (let i = 0; i < count && same; i++) same = made.codes[i] === codes[i];
      if (same) return made.text;
    }
    const text = this.made();
    // A long key (a block of many rows) is not kept: its copy would hold its room long after.
    if (count > RECENT_LONGEST) return text;
    const slot = this.recent[this.next];
    this.next = (this.next + 1) % RECENT;
    for (let i = 0; i < count; i++) slot.codes[i] = codes[i];
    slot.count = count;
    slot.text = text;
    return text;
  }

  private made(): string {
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
/** The keys kept as the last made. */
const RECENT = 4;
/** The most codes a key kept as one of the last made has. */
const RECENT_LONGEST = 1024;
