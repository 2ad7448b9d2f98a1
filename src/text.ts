/** Text helpers shared by the stages: width folding, HTML remnants, control characters. */

/**
 * Folds full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space to
 * their ASCII counterparts, one code unit for one, so offsets into the folded
 * text are offsets into the original.
 */
export function foldWidth(text: string): string {
  let needs = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000 || c === 0xa0) {
      needs = true;
      break;
    }
  }
  if (!needs) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let folded = -1;
    if (c >= 0xff01 && c <= 0xff5e) folded = c - 0xfee0;
    else if (c === 0x3000 || c === 0xa0) folded = 0x20;
    if (folded >= 0) {
      out += text.slice(from, i) + String.fromCharCode(folded);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', hellip: '…', mdash: '—' };

/** Removes HTML tags and decodes the common entities; `<br>` and `</p>` become line breaks. */
export function stripHtml(text: string): string {
  if (text.indexOf('<') < 0 && text.indexOf('&') < 0) return text;
  return text
    .replace(/<br\s*\/?>|<\/p\s*>/gi, '\n')
    .replace(/<\/?[a-zA-Z][^<>]{0,200}>/g, '')
    .replace(/&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]*\n[ \t\n]*/g, '\n')
    .trim();
}

/** Unquotes an Excel-quoted cell: `"a""b"` → `a"b`. */
export function unquote(cell: string): string {
  if (cell.length >= 2 && cell[0] === '"' && cell[cell.length - 1] === '"') return cell.slice(1, -1).replace(/""/g, '"');
  return cell;
}

/** Offset of the first C0 control character other than tab, CR and LF, or -1. */
export function findControlCharacter(text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13) return i;
  }
  return -1;
}

/** Start offsets of every physical line; `\r\n`, `\r` and `\n` each end a line. */
export function lineStarts(text: string): Uint32Array {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Uint32Array.from(starts);
}

/** 1-based line and column of an offset, by binary search in the line-start index. */
export function positionOf(starts: Uint32Array, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}
