/**
 * The English words left in a text once codes, file names, options and what
 * the command line's help names as typed are taken out: what a test under
 * `--lang zh` expects to be empty.
 */
import { readFileSync } from 'node:fs';
import { DIAGNOSTIC_CODES } from '../../src/contract/codes.js';
import { RULE_CODES } from '../../src/check/rules.js';
import { BUILTIN_PROFILE_NAMES } from '../../src/check/profiles.js';
import { GRADING_REASON } from '../../src/catalogue/messages.js';

export const SEED = 'samples/000_16052ebbc3505be3.txt';
export const BAD = 'samples/bad-values.txt';
export const EMPTY = 'test/fixtures/cli/bad/empty.txt';
export const IMAGE = 'test/fixtures/cli/bad/image.txt';
export const FILES = [SEED, BAD, EMPTY, IMAGE];

/** What the command line's help may name as typed: commands, options and their values, formats, encodings. */
const TYPED = [
  'jixiao', 'parse', 'check', 'report', 'render', 'app', 'schema', 'help', 'version',
  'json', 'ndjson', 'csv', 'xlsx', 'parquet', 'text', 'html', 'txt', 'tsv', 'indicators', 'forms', 'funds', 'findings',
  'error', 'warning', 'info', 'never', 'zh', 'en', 'zh_', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'KIND', 'LEVEL', 'FORMAT', 'TABLE', 'NAME', 'FILE', 'TEXT', 'DIR', 'N',
  'utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'gbk', 'iconv', 'jq', 'pretty', 'out', 'jobs', 'format', 'table', 'profile', 'lang', 'title', 'encoding',
  'min-severity', 'fail-on', 'no-bom', 'no-progress', 'summary', 'quiet',
  'JSON', 'NDJSON', 'CSV', 'XLSX', 'HTML', 'UTF-8', 'UTF-16', 'GB18030', 'Excel', 'Parquet', 'Kubernetes', 'Node.js', 'PDF', 'MB', 'U+FFFD',
  'JOB_COMPLETION_INDEX', 'N-1',
  ...BUILTIN_PROFILE_NAMES,
];
/** Stable codes: of rules, diagnostics and why a form cannot be graded (the summary's `[no-declared-total]`). */
const CODES = [...RULE_CODES, ...DIAGNOSTIC_CODES, ...Object.keys(GRADING_REASON)];
/** The forms' own words in Latin letters (`WiFi`): the user's text, quoted in messages as written. */
const USERS_OWN = [SEED, BAD].flatMap((file) => readFileSync(file, 'utf8').match(/[A-Za-z][A-Za-z0-9_.+-]*[A-Za-z0-9]|[A-Za-z]{2,}/g) ?? []);

/** English words left once codes, the given file names and what is typed as such are taken out. */
export function englishWords(text: string, files: readonly string[] = FILES): string[] {
  let rest = text;
  for (const name of [...files, ...CODES].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(name, '');
  rest = rest.replace(/'[^'\n]*\*[^'\n]*'/g, ''); // a glob pattern quoted in an example
  rest = rest.replace(/\S+\.(?:txt|json|html|csv|xlsx|ndjson)\b/g, ''); // a file name
  rest = rest.replace(/--?[a-z][a-z-]*/g, ''); // an option
  const allowed = new Set([...TYPED, ...USERS_OWN]);
  return (rest.match(/[A-Za-z][A-Za-z0-9_.+-]*[A-Za-z0-9]|[A-Za-z]{2,}/g) ?? []).filter((word) => !allowed.has(word) && !/^U\+[0-9A-F]{4,6}$/.test(word));
}

