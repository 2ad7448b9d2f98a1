/**
 * Deadlines: a target such as `12月底前`, `12月15日前`, `年底前`, `30天内` or
 * `5个工作日内` is a ≤ bound on a date or a duration, never a count (domain
 * primer §5). A date is kept as a decimal `M.DD` in the measure's value with
 * unit `日期` (`12.31`, `11.30`); a date given by its month only is `M`
 * (`12` for `12月完成`); a month of the following year (次年3月) counts on
 * from 12 (`15`). A date written with its year (`2023年12月底前`) keeps the
 * year in front of the month (`202312.31`): it compares only with another
 * date that has its year; so does one written in figures (`2023-12-20`,
 * `2023.12.20`). A duration is its count with unit `天` or `工作日`.
 */
export const DATE_UNIT = '日期';
export const CALENDAR_DAYS = '天';
export const WORKING_DAYS = '工作日';

/** Days in each month of a common year (a month end in February is the 28th). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Words before a date that change nothing (`于11月完成`) or move it to the following year (`次年3月`). */
const DATE_PREFIXES = '(?:已于|已在|于|在|截至|截止)?';
const NEXT_YEAR = '(次年|下年|翌年|下一年|第二年)?';
/** Words after a deadline that make it a bound: `前`, `之前`, `以前`, `内`, `以内`, `之内`. */
const BOUND = '(前|之前|以前|内|以内|之内)?';
/** What may follow a date in an actual: `12月10日完成`, `11月底前已完成`. */
const DONE = '(?:已?(?:全部)?(?:完成|办结|到位|结束|实施完毕|验收|拨付|发放))?';

const MONTH_DATE = new RegExp(`^${DATE_PREFIXES}(?:(\\d{4})年)?${NEXT_YEAR}(\\d{1,2})月(?:(\\d{1,2})[日号]|(底|末)|份)?${BOUND}${DONE}$`);
/** `年底前`, `年末前`, `年内`, `年度内`, `本年度内`: the last day of the year. */
const YEAR_END = new RegExp(`^${DATE_PREFIXES}(?:(\\d{4})|本|当)?(年底|年末|年内|年度内|年度末)${BOUND}${DONE}$`);
/** A date in figures: `2023-12-20`, `2023.12.20`, `2023/12/20` (one separator throughout), or `2023-12` (a month). */
const FIGURE_DATE = new RegExp(`^${DATE_PREFIXES}(\\d{4})([-./])(\\d{1,2})(?:\\2(\\d{1,2}))?${BOUND}${DONE}$`);
const DURATION = new RegExp(`^(\\d{1,4})(?:个)?(工作日|自然日|天|日)${BOUND}${DONE}$`);
/**
 * A duration's unit with its bound and no count (`个工作日内`, `天以内`): what a
 * 度量单位 cell holds when the form splits `30个工作日内` into 指标值 `30` and
 * its unit.
 */
const DURATION_UNIT = new RegExp(`^(?:个)?(工作日|自然日|天|日)${BOUND}$`);
export const isDurationUnit = (text: string): boolean => DURATION_UNIT.test(text);

export interface Deadline {
  /** A deadline is an upper bound; a date alone has no comparator. */
  op: '<=' | null;
  value: string;
  unit: string;
}

function twoDigits(day: number): string {
  return day < 10 ? `0${day}` : String(day);
}

// The numbers of a date are calendar digits the patterns matched (a year of four, a month or day of one or two), read
// as integers to check and key them: no money, rate or score is read here.

/** A month with its year in front (`202312`). */
function yearMonthKey(year: string, month: number): number {
  return Number(year) * 100 + month;
}

/**
 * A date's value: the month's key alone (`12`, `202312`), or with the day
 * (`12.05`); null for a day the month does not have (29 February allowed).
 */
function dateValue(key: number, month: number, dayText: string | undefined): string | null {
  if (dayText === undefined) return String(key);
  const day = Number(dayText);
  if (day < 1 || day > monthEnd(month) + (month === 2 ? 1 : 0)) return null;
  return `${key}.${twoDigits(day)}`;
}

function monthEnd(month: number): number {
  return MONTH_DAYS[(month - 1) % 12];
}

/**
 * A deadline or a date read from a cell's text (width folded, spaces
 * removed), or null when the text is neither. A bare duration without a bound
 * (`25天`) is not read here: it stays a quantity in 天, which compares with a
 * `30天内` target all the same.
 */
export function readDeadline(text: string): Deadline | null {
  const date = MONTH_DATE.exec(text);
  if (date) {
    const [, year, nextYear, monthText, dayText, end, bound] = date;
    const month = Number(monthText);
    if (month < 1 || month > 12 || (year && nextYear)) return null;
    const key = year ? yearMonthKey(year, month) : nextYear ? month + 12 : month;
    const op = bound ? '<=' : null;
    if (end) return { op, value: `${key}.${twoDigits(monthEnd(month))}`, unit: DATE_UNIT };
    const value = dateValue(key, month, dayText);
    return value === null ? null : { op, value, unit: DATE_UNIT };
  }
  const figures = FIGURE_DATE.exec(text);
  // `2023.12` alone is a number, not a month: a month needs the hyphen.
  if (figures && (figures[4] !== undefined || figures[2] === '-')) {
    const [, year, , monthText, dayText, bound] = figures;
    const month = Number(monthText);
    if (month < 1 || month > 12) return null;
    const value = dateValue(yearMonthKey(year, month), month, dayText);
    return value === null ? null : { op: bound ? '<=' : null, value, unit: DATE_UNIT };
  }
  const yearEnd = YEAR_END.exec(text);
  if (yearEnd) {
    const [, year, word, bound] = yearEnd;
    return { op: bound || word.endsWith('内') ? '<=' : null, value: year ? `${year}12.31` : '12.31', unit: DATE_UNIT };
  }
  const duration = DURATION.exec(text);
  if (duration) {
    const [, count, unit, bound] = duration;
    if (!bound && unit !== WORKING_DAYS) return null;
    return { op: bound ? '<=' : null, value: count.replace(/^0+(?=\d)/, ''), unit: unit === WORKING_DAYS ? WORKING_DAYS : CALENDAR_DAYS };
  }
  return null;
}

export interface DateValue {
  /** null: the form's year (a month above 12 is then in the following year). */
  year: number | null;
  month: number;
  /** null: the month only. */
  day: number | null;
}

/** A date value back as year, month and day. */
export function dateOf(value: string): DateValue | null {
  const match = /^(\d{4})?(\d{1,2})(?:\.(\d{2}))?$/.exec(value);
  if (!match) return null;
  return { year: match[1] === undefined ? null : Number(match[1]), month: Number(match[2]), day: match[3] === undefined ? null : Number(match[3]) };
}

/** The last day of a month counted on from January of the form's year (13 = January of the next). */
export function lastDayOf(month: number): number {
  return monthEnd(month);
}
