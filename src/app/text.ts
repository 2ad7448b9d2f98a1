/** The page's own words in both languages; `{name}` marks a figure filled in. */
import type { Lang } from './protocol.js';

export const TEXT = {
  title: { zh: '绩效自评表复核', en: 'Performance self-evaluation check' },
  subtitle: {
    zh: '文件只在本机的浏览器里读取与复核，不上传，也不联网。',
    en: 'Files are read and checked in this browser only: nothing is uploaded, nothing goes over the network.',
  },
  profile: { zh: '评分口径', en: 'Scoring profile' },
  language: { zh: '语言', en: 'Language' },
  drop: { zh: '把导出文件或整个文件夹拖到这里，或', en: 'Drop export files or a whole folder here, or' },
  pickFiles: { zh: '选择文件', en: 'Choose files' },
  pickFolder: { zh: '选择文件夹', en: 'Choose a folder' },
  clear: { zh: '清空', en: 'Clear' },
  folderNote: {
    zh: '文件夹中只读取 .txt、.csv、.tsv、.xlsx、.docx、.html 文件；单独选择的文件都会读取。',
    en: 'From a folder only .txt, .csv, .tsv, .xlsx, .docx and .html files are read; files chosen one by one are all read.',
  },
  downloads: { zh: '下载', en: 'Download' },
  downloadJson: { zh: 'JSON', en: 'JSON' },
  downloadIndicators: { zh: 'CSV 指标表', en: 'CSV indicators' },
  downloadFunds: { zh: 'CSV 资金表', en: 'CSV funds' },
  downloadFindings: { zh: 'CSV 发现表', en: 'CSV findings' },
  downloadXlsx: { zh: 'XLSX', en: 'XLSX' },
  downloadReport: { zh: 'HTML 审核报告', en: 'HTML report' },
  downloadsFiltered: {
    zh: 'CSV 与 XLSX 按报告当前的筛选，只含其显示的 {n} 张表（JSON 与 HTML 报告含全部）。',
    en: 'The CSV and XLSX hold only the {n} forms the report’s filters show (the JSON and HTML report hold all).',
  },
  files: { zh: '文件', en: 'Files' },
  colFile: { zh: '文件', en: 'File' },
  colForms: { zh: '表数', en: 'Forms' },
  colErrors: { zh: '错误', en: 'Errors' },
  colWarnings: { zh: '警告', en: 'Warnings' },
  colInfo: { zh: '提示', en: 'Info' },
  colStatus: { zh: '状态', en: 'Status' },
  report: { zh: '审核报告', en: 'Audit report' },
  noFiles: { zh: '还没有文件。', en: 'No files yet.' },
  starting: { zh: '正在启动…', en: 'Starting…' },
  working: { zh: '正在处理：{done} / {of} 个文件', en: 'Working: {done} of {of} files' },
  rendering: { zh: '正在生成报告…', en: 'Rendering the report…' },
  showing: { zh: '正在显示报告…', en: 'Showing the report…' },
  done: {
    zh: '完成：{files} 个文件，{forms} 张表；错误 {error}，警告 {warning}，提示 {info}；{failed} 个文件未能读取',
    en: 'Done: {files} files, {forms} forms; {error} errors, {warning} warnings, {info} info; {failed} files could not be read',
  },
  skipped: { zh: '已跳过 {n} 个重复的文件。', en: '{n} files already in the list were skipped.' },
  ok: { zh: '已读取', en: 'read' },
  failed: { zh: '未能读取：', en: 'Not read: ' },
  workerFailed: { zh: '出错：', en: 'Error: ' },
  form: { zh: '第 {line} 行起 · {project} · 申报 {declared} → 复核 {recomputed}', en: 'from line {line} · {project} · declared {declared} → recomputed {recomputed}' },
  noFindings: { zh: '无发现', en: 'no findings' },
  loadingForms: { zh: '正在列出各表…', en: 'Listing the forms…' },
  ungradable: { zh: ' · 无法评级：{reason}', en: ' · not gradable: {reason}' },
  source: { zh: '依据：', en: 'Source: ' },
  fileNotices: { zh: '文件提示', en: 'File notices' },
  colLine: { zh: '行', en: 'Line' },
  colSeverity: { zh: '级别', en: 'Severity' },
  colCode: { zh: '代码', en: 'Code' },
  colRule: { zh: '依据的规则', en: 'Rule' },
  colFigures: { zh: '申报 → 复核', en: 'Declared → expected' },
  colMessage: { zh: '说明', en: 'Message' },
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
  noscript: { zh: '此页面需要启用 JavaScript。', en: 'This page needs JavaScript.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

/** The text in a language, with its `{name}` marks filled in. */
export function say(lang: Lang, key: TextKey, values: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (mark, name: string) => (name in values ? String(values[name]) : mark));
}
