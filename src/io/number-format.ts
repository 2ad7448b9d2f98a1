/**
 * A workbook number as Excel shows it: the cell's stored value written under
 * its number format (`0.00` keeps `98.20`, `0.00%` gives `98.62%`, `#,##0.00`
 * gives `10,380,629.85`, a date format gives the date's text). Exact: the
 * stored text is read as a decimal, first rounded to the 15 significant digits
 * Excel shows, then to the format's decimals, half away from zero.
 */
import { Dec } from '../contract/decimal.js';

/** The built-in formats a workbook names by number only (as a Chinese-locale Excel shows them). */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mm:ss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

export function builtinFormat(id: number): string | null {
  return BUILTIN_FORMATS[id] ?? null;
}

/** The number text Excel shows in a General cell: at most 15 significant digits, trailing zeros dropped, plain notation. */
function general(stored: string): string {
  const value = new Dec(stored);
  if (value.isZero()) return '0';
  return value.toSignificantDigits(15).toFixed();
}

/** A format section with its quoted literals, escapes, colours and fill/padding directives resolved to literal text. */
interface Section {
  /** The format with literals replaced by \u0000 markers, for reading its placeholders. */
  code: string;
  literals: string[];
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '"') quoted = !quoted;
    if (c === '\\' && !quoted) {
      current += c + (format[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else current += c;
  }
  sections.push(current);
  return sections;
}

function readSection(text: string): Section {
  const literals: string[] = [];
  let code = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      literals.push(end < 0 ? text.slice(i + 1) : text.slice(i + 1, end));
      code += '\u0000';
      i = end < 0 ? text.length : end;
    } else if (c === '\\') {
      literals.push(text[i + 1] ?? '');
      code += '\u0000';
      i++;
    } else if (c === '_') {
      literals.push(' ');
      code += '\u0000';
      i++;
    } else if (c === '*') i++;
    else if (c === '[') {
      const end = text.indexOf(']', i);
      const inside = end < 0 ? '' : text.slice(i + 1, end);
      // Elapsed time ([h]) is kept; colours, conditions and locales ([Red], [>100], [$-804]) are not shown.
      if (/^[hms]+$/i.test(inside)) code += inside;
      else if (/^\$[^-\]]/.test(inside)) {
        literals.push(inside.slice(1).replace(/-.*$/, ''));
        code += '\u0000';
      }
      i = end < 0 ? text.length : end;
    } else code += c;
  }
  return { code, literals };
}

function withLiterals(code: string, literals: readonly string[]): string {
  let n = 0;
  return code.replace(/\u0000/g, () => literals[n++] ?? '');
}

const isDateCode = (code: string) => /[ymdhs]/i.test(code.replace(/\u0000/g, '').replace(/General/gi, '')) && !/[0#?]/.test(code.replace(/\u0000/g, ''));

/** The text of a stored number under a number format, as Excel shows it. */
export function formatNumber(stored: string, format: string | null, date1904 = false): string {
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(stored.trim())) return stored;
  if (format === null || /^general$/i.test(format.trim()) || format.trim() === '@') return general(stored);
  const sections = splitSections(format);
  const value = new Dec(stored);
  let chosen = sections[0];
  let negativeSection = false;
  if (value.isNegative() && sections.length >= 2 && sections[1].trim() !== '') {
    chosen = sections[1];
    negativeSection = true;
  } else if (value.isZero() && sections.length >= 3 && sections[2].trim() !== '') chosen = sections[2];
  const section = readSection(chosen);
  if (/^general$/i.test(section.code.replace(/\u0000/g, '').trim())) return withLiterals(section.code.replace(/general/i, general(negativeSection ? value.abs().toFixed() : stored)), section.literals);
  if (isDateCode(section.code)) return formatDate(value.toNumber(), section, date1904) ?? general(stored);
  const shown = formatFixed(negativeSection ? value.abs() : value, section);
  return shown ?? general(stored);
}

/** A fixed-point section: digits, decimals, thousands separators, percent, scaling commas; null for what is not read here (fractions, exponents). */
function formatFixed(value: Dec, section: Section): string | null {
  const code = section.code;
  if (/[eE][+-]|\?\/|#\/|\d\//.test(code)) return null;
  const first = code.search(/[0#?]/);
  if (first < 0) return withLiterals(code, section.literals);
  let last = first;
  for (let i = first; i < code.length; i++) if (/[0#?.,]/.test(code[i])) last = i;
  while (last > first && code[last] === ',' && !/[0#?]/.test(code.slice(last))) last--;
  const number = code.slice(first, last + 1);
  const after = code.slice(last + 1);
  const before = code.slice(0, first);
  const percents = (code.match(/%/g) ?? []).length;
  const scalingCommas = (/,+$/.exec(code.slice(first).replace(/[^0#?.,].*$/, ''))?.[0].length ?? 0);
  const dot = number.indexOf('.');
  const integerPart = dot < 0 ? number : number.slice(0, dot);
  const fraction = dot < 0 ? '' : number.slice(dot + 1).replace(/,/g, '');
  const minDecimals = (fraction.match(/0/g) ?? []).length;
  const maxDecimals = (fraction.match(/[0#?]/g) ?? []).length;
  const minInteger = (integerPart.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(integerPart);
  let scaled = value.toSignificantDigits(15).times(new Dec(100).pow(percents)).div(new Dec(1000).pow(scalingCommas));
  let fixed = scaled.abs().toFixed(maxDecimals, Dec.ROUND_HALF_UP);
  if (maxDecimals > minDecimals && fixed.includes('.')) {
    let trimmed = fixed;
    while (trimmed.endsWith('0') && trimmed.length - trimmed.indexOf('.') - 1 > minDecimals) trimmed = trimmed.slice(0, -1);
    fixed = trimmed.endsWith('.') ? trimmed.slice(0, -1) + (fraction.length > 0 && minDecimals === 0 ? '.' : '') : trimmed;
  }
  let [whole, decimals] = fixed.split('.');
  if (whole === '0' && minInteger === 0) whole = '';
  while (whole.length < minInteger) whole = '0' + whole;
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  scaled = new Dec(fixed);
  const sign = value.isNegative() && !scaled.isZero() ? '-' : '';
  const digits = decimals === undefined ? whole : `${whole}.${decimals}`;
  return sign + withLiterals(before, section.literals) + digits + withLiterals(after, section.literals.slice((before.match(/\u0000/g) ?? []).length));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A serial date's text under a date or time section; null when the serial is no date Excel shows. */
function formatDate(serial: number, section: Section, date1904: boolean): string | null {
  if (!(serial >= 0 && serial < 2958466)) return null;
  const day = Math.floor(serial);
  let seconds = Math.round((serial - day) * 86400);
  let days = day;
  if (seconds >= 86400) {
    seconds -= 86400;
    days++;
  }
  // Excel's 1900 system counts a 29 February 1900 that never was (serial 60).
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
  const offset = !date1904 && days >= 60 ? days - 1 : days;
  const date = new Date(epoch + offset * 86400000);
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth() + 1;
  const d = !date1904 && days === 60 ? 29 : date.getUTCDate();
  const h = Math.floor(seconds / 3600);
  const mi = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const twelveHour = /AM\/PM|A\/P|上午\/下午/i.test(section.code);
  const pad = (n: number) => String(n).padStart(2, '0');
  let afterHour = false;
  const out = section.code.replace(/AM\/PM|A\/P|上午\/下午|yyyy|yy|e|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|\[?hh?\]?|ss|s|\.0+/gi, (token) => {
    const t = token.toLowerCase();
    if (t === 'am/pm') return h < 12 ? 'AM' : 'PM';
    if (t === 'a/p') return h < 12 ? 'A' : 'P';
    if (t === '上午/下午') return h < 12 ? '上午' : '下午';
    if (t === 'yyyy' || t === 'e') return String(y);
    if (t === 'yy') return pad(y % 100);
    if (t.startsWith('[h')) return String(day * 24 + h);
    if (t === 'hh' || t === 'h') {
      afterHour = true;
      const hour = twelveHour ? h % 12 || 12 : h;
      return t === 'hh' ? pad(hour) : String(hour);
    }
    if (t === 'ss' || t === 's') return t === 'ss' ? pad(s) : String(s);
    if (t.startsWith('.')) return '.' + '0'.repeat(t.length - 1);
    if (t === 'mm' || t === 'm') {
      if (afterHour) {
        afterHour = false;
        return t === 'mm' ? pad(mi) : String(mi);
      }
      return t === 'mm' ? pad(mo) : String(mo);
    }
    if (t === 'mmm') return MONTHS[mo - 1].slice(0, 3);
    if (t === 'mmmm') return MONTHS[mo - 1];
    if (t === 'mmmmm') return MONTHS[mo - 1][0];
    const weekday = new Date(epoch + offset * 86400000).getUTCDay();
    if (t === 'dddd') return DAYS[weekday];
    if (t === 'ddd') return DAYS[weekday].slice(0, 3);
    if (t === 'dd') return pad(d);
    return String(d);
  });
  return withLiterals(out, section.literals);
}
