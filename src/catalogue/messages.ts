/**
 * What a reader sees, in Chinese or English: the catalogue of diagnostic codes
 * (default severity and a message template per language, filled from the
 * diagnostic's `detail`) and the words of the terminal output. Codes stay
 * stable English; a diagnostic keeps its English `message` in JSON and is
 * localised only when printed (text output, CSV and XLSX message columns).
 */
import type { DiagnosticCode } from '../contract/codes.js';
import type { Diagnostic, Finding, Severity } from '../contract/schema.js';
import { RULES } from '../tables/rules.js';
import { RULE_SOURCE_SHORT } from '../tables/rule-sources.js';
import { FUNDS_COLUMN_ZH, INDICATOR_COLUMN_ZH } from '../tables/finding-words.js';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/**
 * The language of a POSIX locale environment: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set decides; `zh_*` (or `zh`) is Chinese,
 * anything else English.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return locale !== undefined && /^zh([_.\-@]|$)/i.test(locale) ? 'zh' : 'en';
}

type Detail = Record<string, unknown>;
type Template = (detail: Detail) => string;

interface CatalogueEntry {
  /** The code's severity; null where it is the worst of what the diagnostic stands for (`more-diagnostics`). */
  severity: Severity | null;
  zh: Template;
  en: Template;
  /** Whether a diagnostic's detail holds what the templates need (one written before it had a detail does not). */
  ready?: (detail: Detail) => boolean;
}

const has =
  (...keys: string[]) =>
  (detail: Detail) =>
    keys.every((key) => detail[key] !== undefined);

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown, fallback = ''): string => (value === undefined || value === null ? fallback : String(value));

/** Where an unplaced cell was found, as the parser says it (`unplaced(cell, where)`), in Chinese. */
export const UNPLACED_WHERE_ZH: Readonly<Record<string, string>> = {
  'in rows the form grammar could not read': '位于表式无法识别的行中',
  'outside any form': '位于任何一张表之外',
  'outside any section': '不属于表中任何部分',
  'in the project header': '位于项目信息部分',
  'in the funds header': '位于资金表头',
  'in a funds row': '位于资金行',
  'beside the reason of a funds row': '位于资金行的偏差原因处',
  'after the two goal texts': '位于两段年度目标文字之后',
  'in a repeated 总分 row': '位于重复的总分行',
  'in the 总分 row': '位于总分行',
  'in an indicator row': '位于指标行',
  'beside a 总分 row': '位于总分行之外的自评得分处',
  'in a repeated 自评得分': '位于重复的自评得分',
};

/** Why an indicator cell went unplaced (`detail.reason`), in Chinese; empty for other cells. */
function unplacedReasonZh(d: Detail): string {
  if (d.reason === 'no-column') return '：表头中没有适合它的列';
  if (d.reason !== 'ambiguous' || !Array.isArray(d.candidates)) return '';
  return `：可能是${d.candidates.map((c) => (INDICATOR_COLUMN_ZH as Readonly<Record<string, string>>)[str(c)] ?? str(c)).join('或')}`;
}

/** Why an indicator cell went unplaced (`detail.reason`), in English; empty for other cells. */
function unplacedReasonEn(d: Detail): string {
  if (d.reason === 'no-column') return ': no column of the header suits it';
  return d.reason === 'ambiguous' ? `: it could be ${list(d.candidates).map((c) => str(c)).join(' or ')}` : '';
}

/** The quoted texts of a row's unplaced cells (`detail.cells`), `…` when there were more. */
function quotedCells(d: Detail, quote: (text: string) => string, separator: string): string {
  const texts = list(d.cells).map((t) => quote(str(t).slice(0, 60)));
  return texts.join(separator) + (Number(d.count) > texts.length ? `${separator}…` : '');
}

/** Where an unplaced funds figure could go: several columns, one column or none (多列 only for several). */
const fundsHomesZh = (homes: string[]) =>
  homes.length > 1 ? `按其内容可归入多列（${homes.join('、')}）` : homes.length === 1 ? `按其内容可能属于${homes[0]}，也可能不属于任何一列` : '按其内容无法归入任何一列';
const fundsHomesEn = (homes: string[]) =>
  homes.length > 1 ? `its kind fits several columns (${homes.join(', ')})` : homes.length === 1 ? `it may belong to ${homes[0]} or to no column` : 'its kind fits no column';

const FUNDS_FIELD_ZH: Readonly<Record<string, string>> = FUNDS_COLUMN_ZH;
const fieldZh = (detail: Detail) => FUNDS_FIELD_ZH[str(detail.field)] ?? str(detail.field, '数值');

interface Levels {
  level1?: string | null;
  level2?: string | null;
}
const reading = (l: unknown) => `${(l as Levels | undefined)?.level1 ?? '?'} / ${(l as Levels | undefined)?.level2 ?? '—'}`;

const ambiguousEn: Template = (d) => {
  if (Array.isArray(d.alternatives)) {
    const readings = [d.chosen, ...d.alternatives].map(reading);
    return `the merged labels allow this row to be read as ${readings.join(' or ')}; read as ${readings[0]}`;
  }
  if (d.alternative !== undefined) {
    const chosen = d.chosen as Levels;
    return `row read as ${chosen.level1} / ${chosen.level2}; it could also be ${reading(d.alternative)} (the row before it)`;
  }
  return `row could belong to the 二级 group above or below it; read as ${(d.chosen as Levels | undefined)?.level2 ?? null}`;
};

const ambiguousZh: Template = (d) => {
  if (Array.isArray(d.alternatives)) {
    const readings = [d.chosen, ...d.alternatives].map(reading);
    return `合并单元格的标签使本行可读作 ${readings.join(' 或 ')}；按 ${readings[0]} 读取`;
  }
  if (d.alternative !== undefined) return `本行按 ${reading(d.chosen)} 读取；也可能属于 ${reading(d.alternative)}（与上一行同组）`;
  return `本行可能属于上方或下方的二级指标组；按 ${(d.chosen as Levels | undefined)?.level2 ?? '—'} 读取`;
};

const fileOf = (d: Detail) => (d.path === undefined ? '' : `${str(d.path)}: `);

const profileZh = (what: string) => (d: Detail) => `评分口径 ${str(d.source)} ${what}；已改用通用口径`;

const UNSAFE_KIND_EN: Readonly<Record<string, string>> = { control: 'a control character', surrogate: 'a lone surrogate', bidi: 'a bidirectional control' };
const UNSAFE_KIND_ZH: Readonly<Record<string, string>> = { control: '控制字符', surrogate: '孤立的代理码元', bidi: '文字方向控制符' };

/** The byte a diagnostic's 0-based `byteOffset` names, counted from 1 as a reader counts: 第 1 个字节 is the first. */
const byteOrdinal = (d: Detail) => (Number(d.byteOffset) === 0 ? '文件开头' : `第 ${Number(d.byteOffset) + 1} 个字节处`);

/** Why a file could not be read, by the system's error code where the reason names one. */
const READ_FAILURE_ZH: Readonly<Record<string, string>> = {
  'no such file': '文件不存在',
  ENOENT: '文件不存在',
  EACCES: '没有读取权限',
  EPERM: '没有读取权限',
  EISDIR: '这是一个文件夹，不是文件',
  EMFILE: '同时打开的文件过多',
  EIO: '读取时发生输入输出错误',
  EBUSY: '文件正被占用',
};

export function readFailureZh(reason: string): string {
  const code = reason === 'no such file' ? reason : (/\bE[A-Z]+\b/.exec(reason)?.[0] ?? '');
  return READ_FAILURE_ZH[code] ?? '无法读取';
}

/** The formats read only after conversion, and how to convert each. */
const UNREAD_FORMAT_EN: Readonly<Record<string, string>> = {
  xls: 'an Excel 97–2003 workbook (.xls) is not read: open it in Excel or WPS and save it as .xlsx (Excel Workbook), or as a tab-separated text file',
  doc: 'a Word 97–2003 document (.doc) is not read: open it in Word or WPS and save it as .docx',
  ole: 'an Office 97–2003 file is not read: open it and save it as .xlsx or .docx',
  pdf: 'a PDF is not read: save the original workbook as .xlsx, or export it as tab-separated text',
  rtf: 'an RTF document is not read: open it in Word and save it as .docx',
  zip: 'a zip archive that is neither an .xlsx workbook nor a .docx document: unpack it and give its files',
  odf: 'an OpenDocument file (.ods, .odt) is not read: save it as .xlsx or .docx',
  'xml-spreadsheet': 'an Excel 2003 XML spreadsheet is not read: open it in Excel and save it as .xlsx',
  mht: 'a single-file web page (.mht) is not read: save it as a web page (.htm, .html) or as .xlsx',
};
const UNREAD_FORMAT_ZH: Readonly<Record<string, string>> = {
  xls: '这是 Excel 97–2003 工作簿（.xls），不能直接读取：请在 Excel 或 WPS 中打开，另存为 .xlsx（Excel 工作簿），或另存为“文本文件（制表符分隔）”',
  doc: '这是 Word 97–2003 文档（.doc），不能直接读取：请在 Word 或 WPS 中打开，另存为 .docx',
  ole: '这是 Office 97–2003 文件，不能直接读取：请打开后另存为 .xlsx 或 .docx',
  pdf: 'PDF 文件不能读取：请把原始工作簿另存为 .xlsx，或导出为制表符分隔的文本文件',
  rtf: 'RTF 文档不能读取：请在 Word 中打开，另存为 .docx',
  zip: '这是压缩包，但既不是 .xlsx 工作簿也不是 .docx 文档：请解压后提供其中的文件',
  odf: 'OpenDocument 文件（.ods、.odt）不能读取：请另存为 .xlsx 或 .docx',
  'xml-spreadsheet': '这是 Excel 2003 XML 表格，不能读取：请在 Excel 中打开，另存为 .xlsx',
  mht: '单个文件网页（.mht）不能读取：请另存为网页（.htm、.html）或 .xlsx',
};

/** 一级 or 二级, from a diagnostic's `level` (1 or 2). */
const levelWord = (d: Detail) => (d.level === 1 ? '一级' : '二级');

/** A 一级 / 二级 reading of a row, as a diagnostic's detail gives it. */
interface Reading {
  level1: string | null;
  level2: string | null;
}

/**
 * What each code's `detail` holds, as the code is emitted (undefined: no
 * detail). A document read back from JSON may hold less (see `ready`).
 */
export interface DiagnosticDetails {
  'unplaced-cell': { text: string; where: string; reason?: 'ambiguous' | 'no-column'; candidates?: string[]; count?: number; cells?: string[]; columns?: number[] };
  'label-or-name': { level: 1 | 2; text: string; asName: boolean; restsOnLine?: number };
  'unknown-label': { level: 1 | 2; text: string };
  'invalid-number': { field: string; raw: string };
  'number-with-unit': { field: string; raw: string; value: string | null };
  'negative-number': { field: string; raw: string };
  'percent-out-of-range': { field: string; raw: string };
  'funds-column-unmatched': { text: string; candidates: string[]; header: boolean };
  'total-figure-unmatched': { text: string; column: number; weightColumn: number | null; scoreColumn: number | null };
  'more-diagnostics': { count: number; limit: number; codes: Record<string, number> };
  'too-many-cells': { scope: 'line' | 'form'; limit: number; cells: number; lines: number };
  'unsafe-character': { codePoint: string; kind: 'control' | 'surrogate' | 'bidi'; entity?: string; place?: 'text' };
  'control-character': { codePoint: string };
  'grammar-error': { parserMessage: string };
  'no-form': { empty: boolean };
  'truncated-form': undefined;
  'ambiguous-hierarchy': { chosen: Reading; alternative?: Reading; alternatives?: Reading[] };
  'indicator-without-name': undefined;
  'unreadable-file': { path: string; reason: string };
  'internal-error': { reason: string };
  'input-too-large': { path?: string; size?: number; maxBytes?: number; stringLength?: boolean; byteOffset?: number };
  'binary-input': { byteOffset: number; what?: string };
  'unknown-encoding': { byteOffset: number; encoding: string };
  'invalid-encoding': { byteOffset: number };
  'unsupported-format': { format: string };
  'encrypted-document': { entry?: string };
  'damaged-archive': { reason: string };
  'archive-too-large': { entries?: number; size?: number; limit: number };
  'hidden-cells': { count: number; cells: string[]; texts: string[]; sheet?: string };
  'profile-not-found': { source: string };
  'profile-unreadable': { source: string };
  'profile-invalid': { source: string };
}

/** Every diagnostic code the parser, the reader of files and the checker emit. */
export const DIAGNOSTICS = {
  'unplaced-cell': {
    severity: 'warning',
    ready: has('text', 'where'),
    en: (d) =>
      Array.isArray(d.cells)
        ? `${str(d.count)} cells ${d.where ? `${str(d.where)} ` : ''}could not be placed: ${quotedCells(d, (t) => `"${t}"`, ', ')}`
        : `cell "${str(d.text).slice(0, 60)}" ${str(d.where)} could not be placed${unplacedReasonEn(d)}`,
    zh: (d) =>
      Array.isArray(d.cells)
        ? `${str(d.count)} 个单元格（${quotedCells(d, (t) => `“${t}”`, '、')}）${UNPLACED_WHERE_ZH[str(d.where)] ?? ''}，无法归入表中任何位置${unplacedReasonZh(d)}`
        : `单元格“${str(d.text).slice(0, 60)}”${UNPLACED_WHERE_ZH[str(d.where)] ?? ''}，无法归入表中任何位置${unplacedReasonZh(d)}`,
  },
  'label-or-name': {
    severity: 'warning',
    ready: has('level', 'text'),
    en: (d) =>
      d.restsOnLine !== undefined
        ? `this row's 二级 rests on reading "${str(d.text)}" (line ${str(d.restsOnLine)}) as a label; it could be an indicator's name`
        : `"${str(d.text)}" is read as the ${d.asName ? "indicator's name" : `row's ${levelWord(d)} label`}; it could also be the ${d.asName ? `row's ${levelWord(d)} label` : "indicator's name"}`,
    zh: (d) =>
      d.restsOnLine !== undefined
        ? `本行的二级指标取决于把“${str(d.text)}”（第 ${str(d.restsOnLine)} 行）读作标签；它也可能是三级指标名称`
        : `“${str(d.text)}”读作${d.asName ? '三级指标名称' : `${levelWord(d)}指标`}，也可能是${d.asName ? `${levelWord(d)}指标` : '三级指标名称'}`,
  },
  'unknown-label': {
    severity: 'info',
    ready: has('level', 'text'),
    en: (d) => `${levelWord(d)} label "${str(d.text)}" is not in the taxonomy; kept as written`,
    zh: (d) => `${levelWord(d)}指标“${str(d.text)}”不在指标体系表中，按原文保留`,
  },
  'invalid-number': {
    severity: 'error',
    ready: has('field', 'raw'),
    en: (d) => `${str(d.field)} "${str(d.raw)}" is not a number`,
    zh: (d) => `${fieldZh(d)}“${str(d.raw)}”不是数字`,
  },
  'number-with-unit': {
    severity: 'info',
    ready: has('field', 'raw', 'value'),
    en: (d) => `${str(d.field)} "${str(d.raw)}" read as ${str(d.value)}`,
    zh: (d) => `${fieldZh(d)}“${str(d.raw)}”按 ${str(d.value)} 读取`,
  },
  'negative-number': {
    severity: 'warning',
    ready: has('field', 'raw'),
    en: (d) => `${str(d.field)} "${str(d.raw)}" is negative`,
    zh: (d) => `${fieldZh(d)}“${str(d.raw)}”为负数`,
  },
  'percent-out-of-range': {
    severity: 'warning',
    ready: has('field', 'raw'),
    en: (d) => `${str(d.field)} "${str(d.raw)}" is over 1000%`,
    zh: (d) => `${fieldZh(d)}“${str(d.raw)}”超过 1000%`,
  },
  'funds-column-unmatched': {
    severity: 'warning',
    ready: has('text', 'candidates', 'header'),
    en: (d) =>
      `funds figure "${str(d.text).slice(0, 40)}" not read: ${d.header ? 'not under a caption of the funds header' : 'the funds block has no header'}, and ${fundsHomesEn(list(d.candidates).map((c) => str(c)))}`,
    zh: (d) =>
      `资金数“${str(d.text).slice(0, 40)}”未读取：${d.header ? '它不在资金表头任一列名之下' : '资金部分没有表头'}，${fundsHomesZh(list(d.candidates).map((c) => FUNDS_FIELD_ZH[c as string] ?? str(c)))}`,
  },
  'total-figure-unmatched': {
    severity: 'warning',
    ready: has('text'),
    en: (d) =>
      `lone figure "${str(d.text).slice(0, 40)}" of the total row not read: weight or score? ${d.weightColumn == null && d.scoreColumn == null ? 'no indicator header names the 分值 and 得分 columns' : 'it stands under neither 得分 nor a column that tells the weight from the score'}`,
    zh: (d) =>
      `总分行只有一个数“${str(d.text).slice(0, 40)}”，未读取：无法判断是分值还是得分，${d.weightColumn == null && d.scoreColumn == null ? '指标表头没有标明分值和得分列' : '它既不在得分列下，也不在能区分分值与得分的列下'}`,
  },
  'more-diagnostics': {
    severity: null,
    ready: has('count', 'codes'),
    en: (d) => `${str(d.count)} more diagnostics not listed (${Object.entries((d.codes ?? {}) as Record<string, number>).map(([code, n]) => `${code} ×${n}`).join(', ')})`,
    zh: (d) => `另有 ${str(d.count)} 条提示未列出（${Object.entries((d.codes ?? {}) as Record<string, number>).map(([code, n]) => `${code} ×${n}`).join('，')}）`,
  },
  'too-many-cells': {
    severity: 'error',
    ready: has('scope', 'limit', 'cells'),
    en: (d) =>
      d.scope === 'line'
        ? `more than ${str(d.limit)} cells in one line: the ${str(d.cells)} cells from here on are not read`
        : `more than ${str(d.limit)} cells in one form: the ${str(d.lines)} lines from here on (${str(d.cells)} cells) are not read`,
    zh: (d) =>
      d.scope === 'line'
        ? `一行超过 ${str(d.limit)} 个单元格：从此处起的 ${str(d.cells)} 个单元格未读取`
        : `一张表超过 ${str(d.limit)} 个单元格：从此处起的 ${str(d.lines)} 行（${str(d.cells)} 个单元格）未读取`,
  },
  'unsafe-character': {
    severity: 'warning',
    ready: has('codePoint', 'kind'),
    en: (d) =>
      d.place === 'text'
        ? 'a lone surrogate in the text: replaced by U+FFFD'
        : `${str(d.codePoint)}, ${UNSAFE_KIND_EN[str(d.kind)] ?? str(d.kind)}, in the cell: ${d.entity !== undefined ? `entity ${str(d.entity)} kept as written` : d.kind === 'surrogate' ? 'replaced by U+FFFD' : 'dropped'}`,
    zh: (d) =>
      d.place === 'text'
        ? '文本中有孤立的代理码元，已替换为 U+FFFD'
        : `单元格中有${UNSAFE_KIND_ZH[str(d.kind)] ?? ''} ${str(d.codePoint)}：${d.entity !== undefined ? `实体 ${str(d.entity)} 按原文保留` : d.kind === 'surrogate' ? '已替换为 U+FFFD' : '已删除'}`,
  },
  'control-character': {
    severity: 'warning',
    ready: has('codePoint'),
    en: (d) => `control character ${str(d.codePoint)} in the text, dropped`,
    zh: (d) => `文本中有控制字符 ${str(d.codePoint)}，已删除`,
  },
  'grammar-error': {
    severity: 'error',
    en: (d) => str(d.parserMessage),
    zh: () => '表的结构不符合自评表的表式，无法读取',
  },
  'no-form': {
    severity: 'error',
    ready: has('empty'),
    en: (d) => (d.empty ? 'the input is empty' : 'no self-evaluation form found in the input'),
    zh: (d) => (d.empty ? '输入为空' : '输入中没有找到绩效自评表'),
  },
  'truncated-form': {
    severity: 'warning',
    en: () => 'the form ends with neither its indicator block (年度绩效指标) nor its 总分 row: the export may be cut off',
    zh: () => '表既没有年度绩效指标部分也没有总分行就结束了：导出文件可能不完整',
  },
  'ambiguous-hierarchy': { severity: 'warning', en: ambiguousEn, zh: ambiguousZh, ready: has('chosen') },
  'indicator-without-name': {
    severity: 'warning',
    en: () => 'indicator row has no name',
    zh: () => '指标行没有指标名称',
  },
  'unreadable-file': {
    severity: 'error',
    ready: has('reason'),
    en: (d) => `${fileOf(d)}${str(d.reason)}`,
    zh: (d) => `${fileOf(d)}${readFailureZh(str(d.reason))}`,
  },
  'internal-error': {
    severity: 'error',
    ready: has('reason'),
    en: (d) => `internal error: ${str(d.reason)}`,
    zh: (d) => `内部错误，处理中断：${str(d.reason)}`,
  },
  'input-too-large': {
    severity: 'error',
    ready: (d) => d.stringLength !== undefined || d.maxBytes !== undefined,
    en: (d) =>
      d.stringLength
        ? 'decoded text would exceed the maximum JavaScript string length'
        : d.path !== undefined
          ? d.size !== undefined
            ? `${fileOf(d)}${str(d.size)} bytes is more than the limit of ${str(d.maxBytes)}`
            : `${fileOf(d)}more than the limit of ${str(d.maxBytes)} bytes`
          : d.size !== undefined
            ? `input is ${str(d.size)} bytes, more than the limit of ${str(d.maxBytes)} bytes`
            : `input is more than the limit of ${str(d.maxBytes)} bytes`,
    zh: (d) =>
      d.stringLength
        ? '解码后的文本超过程序可处理的最大长度'
        : `${fileOf(d)}输入${d.size === undefined ? '' : `为 ${str(d.size)} 字节，`}超过上限 ${str(d.maxBytes)} 字节`,
  },
  'binary-input': {
    severity: 'error',
    ready: (d) => d.what !== undefined || d.byteOffset !== undefined,
    en: (d) => (d.what === undefined ? `NUL bytes from offset ${str(d.byteOffset)}: looks like a binary file, not a text export` : `looks like ${str(d.what)}, not a text export`),
    zh: (d) => (d.what === undefined ? `从${byteOrdinal(d)}起有空字节：像是二进制文件，不是文本导出文件` : '像是其他格式的文件（如图片、压缩包或办公文档），不是文本导出文件'),
  },
  'unknown-encoding': {
    severity: 'error',
    ready: has('encoding'),
    en: (d) => `unsupported encoding "${str(d.encoding)}" (expected utf-8, utf-16le, utf-16be, gb18030 or gbk)`,
    zh: (d) => `不支持的编码“${str(d.encoding)}”（可用 utf-8、utf-16le、utf-16be、gb18030 或 gbk）`,
  },
  'invalid-encoding': {
    severity: 'error',
    ready: has('byteOffset'),
    en: (d) => `not valid text in its encoding (first invalid byte at offset ${str(d.byteOffset)})`,
    zh: (d) => `文本编码有误（${byteOrdinal(d)}是第一个无效字节）`,
  },
  'unsupported-format': {
    severity: 'error',
    ready: has('format'),
    en: (d) => UNREAD_FORMAT_EN[str(d.format)] ?? `a ${str(d.format)} file is not read`,
    zh: (d) => UNREAD_FORMAT_ZH[str(d.format)] ?? `不能读取此类文件（${str(d.format)}）`,
  },
  'encrypted-document': {
    severity: 'error',
    en: () => 'the document is encrypted (protected by a password to open): open it in Excel or Word, clear the password (File → Info → Protect → Encrypt with Password) and save it again as .xlsx or .docx',
    zh: () => '文件已加密（设有打开密码），无法读取：请在 Excel 或 Word 中打开，清除密码（文件 → 信息 → 保护 → 用密码进行加密，清空后确定），再另存为 .xlsx 或 .docx',
  },
  'damaged-archive': {
    severity: 'error',
    ready: has('reason'),
    en: (d) => `the workbook or document is damaged or incomplete (${str(d.reason)}): not read; fetch it again, or open and repair it in Excel or Word and save it again`,
    zh: () => '工作簿或文档已损坏或不完整，无法读取：请重新获取文件，或在 Excel、Word 中打开修复后另存',
  },
  'archive-too-large': {
    severity: 'error',
    ready: has('limit'),
    en: (d) =>
      d.entries !== undefined
        ? `the archive holds ${str(d.entries)} parts, more than the ${str(d.limit)} a workbook or document may have: not read`
        : `the archive would unpack to ${str(d.size)} bytes, more than the limit of ${str(d.limit)}: not read (a zip bomb?)`,
    zh: (d) =>
      d.entries !== undefined
        ? `压缩包含 ${str(d.entries)} 个部件，超过工作簿或文档可有的上限 ${str(d.limit)}，未读取`
        : `压缩包解压后为 ${str(d.size)} 字节，超过上限 ${str(d.limit)} 字节，未读取（可能是压缩炸弹）`,
  },
  'hidden-cells': {
    severity: 'info',
    ready: has('count', 'cells'),
    en: (d) =>
      `${str(d.count)} cells ${d.sheet !== undefined ? `on the hidden sheet "${str(d.sheet)}"` : 'in hidden rows or columns'} not read (${list(d.cells).map((c) => str(c)).join(', ')}${Number(d.count) > list(d.cells).length ? ', …' : ''})`,
    zh: (d) =>
      `${d.sheet !== undefined ? `隐藏的工作表“${str(d.sheet)}”中` : '隐藏的行或列中'}有 ${str(d.count)} 个单元格未读取（${list(d.cells).map((c) => str(c)).join('、')}${Number(d.count) > list(d.cells).length ? '、…' : ''}）`,
  },
  'profile-not-found': { severity: 'error', en: (d) => `profile ${str(d.source)} not found; the default profile was used`, zh: profileZh('不存在'), ready: has('source') },
  'profile-unreadable': { severity: 'error', en: (d) => `profile ${str(d.source)} could not be read; the default profile was used`, zh: profileZh('无法读取'), ready: has('source') },
  'profile-invalid': { severity: 'error', en: (d) => `profile ${str(d.source)} is not valid; the default profile was used`, zh: profileZh('无效'), ready: has('source') },
} satisfies Record<DiagnosticCode, CatalogueEntry>;

// The details are those of the contract's codes, no more: a code dropped from the contract cannot keep a detail here.
const DETAILS_OF_CODES_ONLY: [keyof DiagnosticDetails] extends [DiagnosticCode] ? true : never = true;
void DETAILS_OF_CODES_ONLY;

/** Where a diagnostic points: its line and column, and the file when it is known where the diagnostic is made. */
export interface DiagnosticPlace {
  line: number;
  column: number;
  file?: string | null;
}

/**
 * A diagnostic of the catalogue: its severity and its message in both
 * languages come from the code's entry, filled from `detail`. `severity` is
 * given only for a code whose severity is that of what it stands for
 * (`more-diagnostics`). Without a detail the diagnostic has none. `english`
 * replaces the English text where the maker knows more than the template
 * (a decoder's own words); the Chinese text always comes from the catalogue.
 */
export function diagnostic<C extends DiagnosticCode>(code: C, place: DiagnosticPlace, detail?: DiagnosticDetails[C], severity?: Severity, english?: string): Diagnostic {
  const entry: CatalogueEntry = DIAGNOSTICS[code];
  const filled = detail ?? {};
  const made: Diagnostic = { code, severity: severity ?? entry.severity ?? 'error', message: { zh: entry.zh(filled), en: english ?? entry.en(filled) }, line: place.line, column: place.column };
  if (place.file !== undefined) made.file = place.file;
  if (detail !== undefined) made.detail = detail;
  return made;
}

/** A diagnostic's message in a language. */
export function diagnosticMessage(diagnostic: Diagnostic, lang: Lang): string {
  return diagnostic.message[lang];
}

/**
 * A diagnostic as an older document wrote it, with one English `message`
 * string: its Chinese text is written again from the catalogue where its code
 * and detail allow, else the English text stands for both.
 */
export function upgradeDiagnostic(old: Record<string, unknown>): Record<string, unknown> {
  if (typeof old.message !== 'string') return old;
  const entry: CatalogueEntry | undefined = (DIAGNOSTICS as Record<string, CatalogueEntry>)[String(old.code)];
  const detail = (old.detail ?? {}) as Detail;
  const zh = entry === undefined || (entry.ready !== undefined && !entry.ready(detail)) ? old.message : entry.zh(detail);
  return { ...old, message: { zh, en: old.message } };
}

export const SEVERITY_WORD: Readonly<Record<Lang, Record<Severity, string>>> = {
  en: { error: 'error', warning: 'warning', info: 'info' },
  zh: { error: '错误', warning: '警告', info: '提示' },
};

/** The words of the `check` text output and of the end summary on standard error. */
export interface Words {
  header: readonly [string, string, string, string, string];
  noFindings: string;
  noProjectName: string;
  /** `check --explain`: the captions of a finding's rule and sources. */
  explain: { rule: string; source: string; fromMemory: string };
  standardInput: string;
  progress(t: { done: number; files: number; forms: number; findings: number; rate: string; eta: string }): string;
  /** A form's total line; `ungradable` is why the form cannot be graded (GRADING_REASON), null when it can. */
  total(t: { declared: string; declaredGrade: string; recomputed: string; recomputedGrade: string; difference: string; error: number; warning: number; info: number; parseErrors: number; ungradable?: string | null }): string;
  summary(t: { files: number; forms: number; graded: number; ungradable: number; indicators: number; error: number; warning: number; info: number; parseErrors: number; failed: number }): string;
  /** The summary's lines on the forms that could not be graded: a head with their number, then one line per reason. */
  ungradableHead(forms: number): string;
  ungradableLine(t: { code: string; reason: string; forms: number }): string;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export const WORDS: Readonly<Record<Lang, Words>> = {
  en: {
    header: ['line', 'severity', 'code', 'declared → expected', 'message'],
    noFindings: 'no findings',
    explain: { rule: 'rule: ', source: 'source: ', fromMemory: ' (article cited from memory: check the text)' },
    noProjectName: '(no project name)',
    standardInput: '<input>',
    progress: (t) => ` ${t.done}/${t.files} files  ${t.forms} forms  ${t.findings} findings  ${t.rate} files/s  ETA ${t.eta}`,
    total: (t) =>
      `total: declared ${t.declared} (${t.declaredGrade}), recomputed ${t.recomputed} (${t.recomputedGrade}), difference (declared − recomputed) ${t.difference}; ` +
      (t.ungradable ? `not gradable: ${t.ungradable}; ` : '') +
      `${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${t.info} info` +
      (t.parseErrors > 0 ? `; ${plural(t.parseErrors, 'parse error')}` : ''),
    summary: (t) =>
      `${plural(t.files, 'file')}, ${plural(t.forms, 'form')}` +
      (t.graded + t.ungradable > 0 ? ` (${t.graded} graded, ${t.ungradable} not gradable)` : '') +
      `, ${plural(t.indicators, 'indicator')}; ` +
      `findings: ${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${t.info} info; ` +
      (t.parseErrors > 0 ? `${plural(t.parseErrors, 'parse error')}; ` : '') +
      (t.failed === 0 ? 'no file failed' : `${plural(t.failed, 'file')} failed:`),
    ungradableHead: (forms) => `${plural(forms, 'form')} not gradable:`,
    ungradableLine: (t) => `${t.reason} [${t.code}]: ${t.forms}`,
  },
  zh: {
    header: ['行', '级别', '代码', '申报 → 复核', '说明'],
    noFindings: '未发现问题',
    explain: { rule: '规则：', source: '依据：', fromMemory: '（条款凭记忆引用，请核对原文）' },
    noProjectName: '（无项目名称）',
    standardInput: '<标准输入>',
    progress: (t) => ` 文件 ${t.done}/${t.files}  表 ${t.forms} 张  问题 ${t.findings} 项  每秒 ${t.rate} 个文件  剩余 ${t.eta}`,
    total: (t) =>
      `总分：申报 ${t.declared}（${t.declaredGrade}），复核 ${t.recomputed}（${t.recomputedGrade}），差额（申报 − 复核）${t.difference}；` +
      (t.ungradable ? `无法评级：${t.ungradable}；` : '') +
      `错误 ${t.error} 项，警告 ${t.warning} 项，提示 ${t.info} 项` +
      (t.parseErrors > 0 ? `；解析错误 ${t.parseErrors} 项` : ''),
    summary: (t) =>
      `文件 ${t.files} 个，表 ${t.forms} 张` +
      (t.graded + t.ungradable > 0 ? `（可评级 ${t.graded} 张，无法评级 ${t.ungradable} 张）` : '') +
      `，指标 ${t.indicators} 项；问题：错误 ${t.error} 项，警告 ${t.warning} 项，提示 ${t.info} 项；` +
      (t.parseErrors > 0 ? `解析错误 ${t.parseErrors} 项；` : '') +
      (t.failed === 0 ? '没有处理失败的文件' : `处理失败的文件 ${t.failed} 个：`),
    ungradableHead: (forms) => `无法评级的表 ${forms} 张：`,
    ungradableLine: (t) => `${t.reason} [${t.code}]：${t.forms} 张`,
  },
};

/** Why a form cannot be graded (无法评级), by the checker's reason code (`summary.grading.reason`). */
export const GRADING_REASON: Readonly<Record<'suspended' | 'no-weights' | 'no-declared-total' | 'no-recomputed-total', Readonly<Record<Lang, string>>>> = {
  suspended: { zh: '项目中止，全部指标不适用', en: 'a suspended project: every indicator is 不适用' },
  'no-weights': { zh: '表中没有分值列，得分无从核验', en: 'no 分值 column: no score can be verified' },
  'no-declared-total': { zh: '未申报总分', en: 'no declared total' },
  'no-recomputed-total': { zh: '没有可据以复核总分的得分', en: 'no score to recompute the total from' },
};

/** Why a checked form cannot be graded, in a language; null when it can (or when the document predates grading). */
export function ungradableReason(summary: { grading?: { status: string; reason: string | null } } | null | undefined, lang: Lang): string | null {
  const grading = summary?.grading;
  if (grading?.status !== 'ungradable' || grading.reason === null) return null;
  return GRADING_REASON[grading.reason as keyof typeof GRADING_REASON]?.[lang] ?? grading.reason;
}

/** Why a file failed when it held no error: in the summary's language. */
export const NO_FORM_REASON: Readonly<Record<Lang, string>> = { en: 'no self-evaluation form found', zh: '没有找到绩效自评表' };

/** The words of an operating system's error codes, for messages about files. */
const OS_ERRORS: Readonly<Record<string, { en: string; zh: string }>> = {
  ENOENT: { en: 'no such file or directory', zh: '文件或目录不存在' },
  EACCES: { en: 'permission denied', zh: '没有权限' },
  EPERM: { en: 'operation not permitted', zh: '不允许的操作' },
  ENOSPC: { en: 'no space left on the device', zh: '磁盘空间不足' },
  EDQUOT: { en: 'disk quota exceeded', zh: '超出磁盘配额' },
  EROFS: { en: 'read-only file system', zh: '只读文件系统' },
  EISDIR: { en: 'is a directory', zh: '是一个目录' },
  ENOTDIR: { en: 'a part of the path is not a directory', zh: '路径中有一部分不是目录' },
  ENAMETOOLONG: { en: 'file name too long', zh: '文件名过长' },
  EIO: { en: 'input/output error', zh: '输入输出错误' },
  EMFILE: { en: 'too many open files', zh: '打开的文件过多' },
  ENFILE: { en: 'too many open files', zh: '打开的文件过多' },
  EXDEV: { en: 'not on the same file system', zh: '不在同一文件系统上' },
  ELOOP: { en: 'too many symbolic links', zh: '符号链接层数过多' },
  EBUSY: { en: 'device or resource busy', zh: '设备或资源忙' },
  EFBIG: { en: 'file too large', zh: '文件过大' },
  EINVAL: { en: 'invalid argument', zh: '无效参数' },
};

/**
 * An operating system error as a message's detail: its code, and its own
 * first words for a code the catalogue does not know (Node's message names
 * the path it failed on, which may be a temporary file: only the words
 * before it are kept).
 */
export function osError(error: unknown): { code?: string; reason: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/^[A-Z]+: /, '').split(/,\s/)[0];
  return typeof code === 'string' ? { code, reason } : { reason };
}

/** An operating system error (`osError`) in a few words of the language, its code kept for a search. */
const osText = (d: Detail, lang: Lang): string => {
  const known = typeof d.code === 'string' ? OS_ERRORS[d.code] : undefined;
  return known !== undefined ? `${known[lang]} (${str(d.code)})` : str(d.reason);
};

type Words2 = { en: Template; zh: Template };

const PROFILE_PROBLEM_ZH: Readonly<Record<string, string>> = { 'profile-not-found': '不存在', 'profile-unreadable': '无法读取', 'profile-invalid': '无效' };

/**
 * What the command line says about its arguments, its files and itself, in
 * each language. A message is made from a key and its detail (`cliMessage`),
 * or carried by a `CliProblem` until it is printed in the run's language.
 */
export const CLI_MESSAGES = {
  // Outputs
  'output-symlink': { en: (d) => `${str(d.file)}: is a symbolic link, not written through`, zh: (d) => `${str(d.file)}：是符号链接，不通过它写入` },
  'output-directory': { en: (d) => `${str(d.file)}: is a directory`, zh: (d) => `${str(d.file)}：是一个目录` },
  'output-not-regular': { en: (d) => `${str(d.file)}: is not a regular file, not replaced`, zh: (d) => `${str(d.file)}：不是普通文件，不予替换` },
  'output-is-input': { en: (d) => `${str(d.file)}: is an input file, not overwritten`, zh: (d) => `${str(d.file)}：是输入文件，不予覆盖` },
  'output-system': { en: (d) => `${str(d.file)}: is in a system file system (${str(d.fs)}), not written`, zh: (d) => `${str(d.file)}：位于系统文件系统（${str(d.fs)}）中，不予写入` },
  'output-outside': { en: (d) => `${str(d.file)}: outside the output directory`, zh: (d) => `${str(d.file)}：在输出目录之外` },
  'output-not-directory': { en: (d) => `${str(d.file)}: exists in the output directory and is not a directory`, zh: (d) => `${str(d.file)}：已存在于输出目录中且不是目录` },
  'output-failed': { en: (d) => `${str(d.file)}: ${osText(d, 'en')}`, zh: (d) => `${str(d.file)}：${osText(d, 'zh')}` },
  'not-written': { en: (d) => `not written: ${str(d.reason)}`, zh: (d) => `未写入：${str(d.reason)}` },
  'xlsx-replaced': {
    en: (d) => `${str(d.file)}: ${str(d.count)} character(s) no workbook can hold (U+FFFE, U+FFFF, a lone surrogate) written as U+FFFD`,
    zh: (d) => `${str(d.file)}：${str(d.count)} 个工作簿无法容纳的字符（U+FFFE、U+FFFF、孤立的代理码元）已写作 U+FFFD`,
  },
  // Inputs
  'input-failed': { en: (d) => `${str(d.file)}: ${osText(d, 'en')}`, zh: (d) => `${str(d.file)}：${osText(d, 'zh')}` },
  'read-failed': { en: (d) => osText(d, 'en'), zh: (d) => osText(d, 'zh') },
  'input-not-regular': { en: () => 'not a regular file', zh: () => '不是普通文件' },
  'input-too-large': { en: (d) => `more than the limit of ${str(d.limit)} bytes`, zh: (d) => `超过 ${str(d.limit)} 字节的上限` },
  'input-no-such-file': { en: () => 'no such file', zh: () => '文件不存在' },
  'input-empty-folder': { en: (d) => `is a folder without export files (${str(d.extensions)})`, zh: (d) => `是一个没有导出文件（${str(d.extensions)}）的文件夹` },
  'input-no-match': { en: () => 'no file matches this pattern', zh: () => '没有文件匹配该模式' },
  'input-only-output': { en: () => 'matches only files in the output directory', zh: () => '只匹配到输出目录中的文件' },
  'input-same-file': { en: (d) => `${str(d.file)}: the same file as ${str(d.first)}, read once`, zh: (d) => `${str(d.file)}：与 ${str(d.first)} 是同一个文件，只读取一次` },
  'stdin-once': { en: () => 'standard input (-) can be read only once', zh: () => '标准输入（-）只能读取一次' },
  'stdin-too-large': { en: (d) => `-: standard input is more than the limit of ${str(d.limit)} bytes`, zh: (d) => `-：标准输入超过 ${str(d.limit)} 字节的上限` },
  // Documents read by render
  'render-not-json': {
    en: (d) => `not JSON${d.position === undefined ? '' : ` (syntax error at byte ${str(d.position)} of a line)`}`,
    zh: (d) => `不是 JSON${d.position === undefined ? '' : `（某行第 ${str(d.position)} 字节处有语法错误）`}`,
  },
  'render-not-document': { en: (d) => `${d.index === undefined ? '' : `document ${str(d.index)}: `}not a jixiao document (${str(d.path)}: ${str(d.reason)})`, zh: (d) => `${d.index === undefined ? '' : `第 ${str(d.index)} 个文档：`}不是 jixiao 文档（${str(d.path)}：${str(d.reason)}）` },
  // The offline page
  'app-missing': { en: () => 'the offline page is missing from this installation (dist/jixiao-app.html); build it with npm run build', zh: () => '此安装中缺少离线页面（dist/jixiao-app.html）；请用 npm run build 构建' },
  'app-directory': { en: (d) => `${str(d.file)}: is a directory; give the name of the HTML file to write`, zh: (d) => `${str(d.file)}：是一个目录；请给出要写入的 HTML 文件名` },
  // Profiles
  'profile-problem': {
    en: (d) => `--profile: ${str(d.reason)}`,
    zh: (d) => `--profile：评分配置 ${str(d.source)} ${PROFILE_PROBLEM_ZH[str(d.code)] ?? '无效'}（${str(d.reason)}）`,
  },
  // Usage
  'unknown-command': { en: (d) => `unknown command "${str(d.command)}" (try jixiao --help)`, zh: (d) => `未知命令“${str(d.command)}”（请看 jixiao --help）` },
  'unexpected-argument': { en: (d) => `${str(d.command)}: unexpected argument "${str(d.argument)}"`, zh: (d) => `${str(d.command)}：多余的参数“${str(d.argument)}”` },
  'no-input': { en: (d) => `${str(d.command)}: no input file given (try jixiao ${str(d.command)} --help)`, zh: (d) => `${str(d.command)}：没有给出输入文件（请看 jixiao ${str(d.command)} --help）` },
  'bad-option': { en: (d) => `${str(d.reason)}`, zh: (d) => `命令行选项有误：${str(d.reason)}` },
  'unknown-option': { en: (d) => `unknown option "${str(d.option)}" (see --help)`, zh: (d) => `未知的选项“${str(d.option)}”（见 --help）` },
  'option-needs-value': { en: (d) => `option "${str(d.option)}" needs a value`, zh: (d) => `选项“${str(d.option)}”缺少取值` },
  'option-takes-no-value': { en: (d) => `option "${str(d.option)}" does not take a value`, zh: (d) => `选项“${str(d.option)}”不带取值` },
  'unexpected-option-argument': { en: (d) => `unexpected argument "${str(d.argument)}"`, zh: (d) => `多余的参数“${str(d.argument)}”` },
  'one-of': { en: (d) => `${str(d.flag)} must be one of ${str(d.allowed)}${d.value === undefined ? '' : `, not "${str(d.value)}"`}`, zh: (d) => `${str(d.flag)} 只能是 ${str(d.allowed)} 之一${d.value === undefined ? '' : `，不能是“${str(d.value)}”`}` },
  'table-with-out': { en: () => '--table chooses the CSV table printed on standard output; with --out every table is written', zh: () => '--table 选择输出到标准输出的 CSV 表；使用 --out 时每张表都会写出' },
  'table-not-csv': { en: (d) => `--table prints a table as CSV or NDJSON, not --format ${str(d.format)}`, zh: (d) => `--table 以 CSV 或 NDJSON 输出一张表，不能与 --format ${str(d.format)} 同用` },
  'parquet-needs-out': { en: () => '--format parquet writes four files (forms, indicators, funds, findings): give --out DIR', zh: () => '--format parquet 写出四个文件（forms、indicators、funds、findings）：请给出 --out 目录' },
  'combine-needs-out': { en: () => '--combine writes one output for the whole batch under --out DIR: give --out DIR', zh: () => '--combine 在 --out 目录下为整批输入写一份输出：请给出 --out 目录' },
  'combine-format': { en: (d) => `--combine writes ${str(d.allowed)}, not --format ${str(d.format)}`, zh: (d) => `--combine 只写 ${str(d.allowed)}，不能与 --format ${str(d.format)} 同用` },
  'resume-needs-out': { en: () => '--resume reads the manifest of an earlier run under --out DIR: give --out DIR', zh: () => '--resume 读取 --out 目录下上次运行的清单：请给出 --out 目录' },
  'resume-with-combine': { en: () => '--resume skips inputs whose own outputs are done; --combine writes one output from every input: use one or the other', zh: () => '--resume 跳过输出已完成的输入，--combine 由全部输入写一份输出：二者只能用其一' },
  'shard-form': { en: (d) => `--shard must be I/N (I from 0 to N-1) or /N, not "${str(d.text)}"`, zh: (d) => `--shard 应为 I/N（I 取 0 到 N-1）或 /N，不能是“${str(d.text)}”` },
  'shard-count': { en: (d) => `--shard: N must be a whole number from 1 to ${str(d.max)}, not "${str(d.count)}"`, zh: (d) => `--shard：N 应为 1 到 ${str(d.max)} 之间的整数，不能是“${str(d.count)}”` },
  'shard-env': { en: (d) => `--shard /${str(d.count)}: JOB_COMPLETION_INDEX is not set to a whole number (give I/${str(d.count)})`, zh: (d) => `--shard /${str(d.count)}：JOB_COMPLETION_INDEX 未设为整数（请给出 I/${str(d.count)}）` },
  'shard-index': { en: (d) => `--shard: I must be from 0 to ${str(d.last)}, not ${str(d.index)}`, zh: (d) => `--shard：I 应在 0 到 ${str(d.last)} 之间，不能是 ${str(d.index)}` },
  'xlsx-terminal': { en: () => '--format xlsx: a workbook is not written to a terminal; give --out DIR or redirect standard output to a file', zh: () => '--format xlsx：工作簿不写到终端；请给出 --out 目录或将标准输出重定向到文件' },
  'jobs-range': { en: (d) => `--jobs must be a whole number from 1 to 9999, not "${str(d.value)}"`, zh: (d) => `--jobs 必须是 1 到 9999 的整数，不能是“${str(d.value)}”` },
  'encoding-unknown': { en: (d) => `--encoding: ${str(d.reason)}`, zh: (d) => `--encoding：不认识的编码“${str(d.encoding)}”` },
  'out-empty': { en: (d) => `${str(d.flag)}: an empty name is not a file or a directory (give a name, or - for standard output)`, zh: (d) => `${str(d.flag)}：空名称既不是文件也不是目录（请给出名称，或用 - 表示标准输出）` },
  // Faults
  'internal-error': { en: (d) => `internal error: ${str(d.reason)}; details in ${str(d.file)}`, zh: (d) => `内部错误：${str(d.reason)}；详情见 ${str(d.file)}` },
  'internal-error-no-file': { en: (d) => `internal error: ${str(d.reason)}`, zh: (d) => `内部错误：${str(d.reason)}` },
  'cwd-gone': { en: () => 'the working directory no longer exists', zh: () => '当前工作目录已不存在' },
  'out-of-memory': { en: () => 'out of memory', zh: () => '内存不足' },
  'string-too-long': { en: () => 'an output was too large to build in memory', zh: () => '输出过大，无法在内存中生成' },
} satisfies Record<string, Words2>;

export type CliMessageKey = keyof typeof CLI_MESSAGES;

/** A message of the command line in a language. */
export function cliMessage(key: CliMessageKey, detail: Detail, lang: Lang): string {
  return CLI_MESSAGES[key][lang](detail);
}

/**
 * A problem the command line reports in the run's language: the key and
 * detail of its message; `message` is the English text (for a log or a
 * caller that prints it as it is).
 */
export class CliProblem extends Error {
  constructor(
    readonly key: CliMessageKey,
    readonly detail: Detail = {},
  ) {
    super(CLI_MESSAGES[key].en(detail));
  }

  text(lang: Lang): string {
    return cliMessage(this.key, this.detail, lang);
  }
}

/** The text of any error in a language: a `CliProblem`'s own, else its message's first line. */
export function problemText(error: unknown, lang: Lang): string {
  if (error instanceof CliProblem) return error.text(lang);
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** What a finding's rule says and where it is written, in a language, from the rule table. */
export interface RuleText {
  statement: string;
  source: string;
}

const RULE_BY_CODE: ReadonlyMap<string, { description: { zh: string; en: string }; source: string }> = new Map(RULES.map((rule) => [rule.code, rule]));

/**
 * The rule a finding applies, as a reader is told it beside the finding: its
 * statement and its sources, in a language. A code the table does not know
 * (a document from a later version) has empty texts.
 */
export function ruleText(code: string, lang: Lang): RuleText {
  const rule = RULE_BY_CODE.get(code);
  if (rule === undefined) return { statement: '', source: '' };
  const documents: Readonly<Record<string, { zh: string; en: string }>> = RULE_SOURCE_SHORT;
  const tags = rule.source.match(/\[[^\]]+\]/g) ?? [];
  return { statement: rule.description[lang], source: tags.map((tag) => documents[tag]?.[lang] ?? tag).join(lang === 'zh' ? '；' : '; ') };
}

/**
 * The rule beside a finding: the statement and sources the finding carries
 * (its documents, each with its article where one is named), else the rule
 * table's, in a language. Every output that shows a finding's 依据 (the
 * report, the findings tables) says it so.
 */
export function findingRuleText(finding: Pick<Finding, 'code' | 'rule'>, lang: Lang): RuleText {
  const carried: unknown = finding.rule;
  if (carried == null || typeof carried !== 'object') return ruleText(finding.code, lang);
  const rule = finding.rule;
  const source = (rule.source ?? []).map((document) => {
    const article = lang === 'zh' ? document.article : document.articleEn;
    return article ? `${document[lang]}${lang === 'zh' ? '，' : ', '}${article}` : document[lang];
  });
  return { statement: rule[lang], source: source.join(lang === 'zh' ? '；' : '; ') };
}
