/**
 * The `jixiao` command. Each subcommand normalises its options once into a
 * settings object, runs the library, and writes to stdout (or under --out);
 * problems with the command line itself print one line and exit 2.
 */
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { once } from 'node:events';
import { type BatchConfig, type ChunkPieces, type FileOutcome, type Format, type Task } from './batch.js';
import { CSV_TABLES, csvHeader, type Cell, type CsvTable } from '../output/csv.js';
import { decode } from '../parse/decode.js';
import { DEFAULT_MAX_BYTES } from '../parse/decode.js';
import { findInputs, type InputProblem } from '../io/inputs.js';
import { identifyAll, isCurrent, ManifestJournal, manifestName, outputSizes, readManifest, removeLeftovers, settingsDigest, type ManifestEntry } from './manifest.js';
import { parseShard, shardOf, type Shard } from './shard.js';
import { CliProblem, langFromEnv, LANGS, osError, problemText, upgradeDiagnostic, type Lang } from '../catalogue/messages.js';
import { InputGuard, openReplacing, OutputDirectory, refuseSystemPath, writeWholeFile, type OutputFile } from './output-dir.js';
import { basename, resolve as resolvePath } from 'node:path';
import type { PageSink } from '../report/paged.js';
import { reportInternalError } from './internal-error.js';
import { readBounded } from '../io/input-file.js';
import { stat } from 'node:fs/promises';
import { spoolStandardInput, type Spool } from './stdin.js';
import { commonBase, mirroredName, relativeInputPath, uniqueNames } from './output-paths.js';
import { runTasks } from './pool.js';
import { resolveProfile, type Profile } from '../check/profile.js';
import { addStats, emptyTotals, formatFailures, formatSummary, ProgressBar, summaryJson, type FileStats, type Totals } from './progress.js';
import type { Diagnostic, Document, Form, Severity } from '../contract/schema.js';
import { atOrAbove, SEVERITIES } from '../contract/severity.js';
import { terminalSafeLines } from '../output/terminal-text.js';
import type { XlsxSpool } from '../output/xlsx-stream.js';
import { pieceText, type Part } from '../output/writers.js';
import { HELP_ZH } from './help-zh.js';
import { utf8Bytes } from './utf8.js';

// The pipeline, the schemas and the renderers are imported where a command needs them: the
// main thread of a batch run by worker threads, --help and --version never load them.

declare const JIXIAO_VERSION: string;
const VERSION = typeof JIXIAO_VERSION === 'string' ? JIXIAO_VERSION : '0.0.0-dev';

const INPUTS_HELP = `Inputs: file names, folders (every .txt, .csv and .tsv file under them), glob
patterns ('exports/**/*.txt', quoted so that jixiao expands them, or expanded
by the shell) and - for standard input.`;

const LANG_HELP = `  --lang zh|en             language of messages, headers and the summary (default:
                           from LC_ALL, LC_MESSAGES or LANG: zh_* gives zh, else en);
                           CSV headers are Chinese only with an explicit --lang zh`;

const END_OPTIONS_HELP = `  --summary KIND           the summary on standard error: text (default) or json
                           (one JSON object: files, forms, indicators, findings
                           and diagnostics by severity, failed files and why;
                           written even with -q)
  -q, --quiet              no progress bar and no text summary; each failed file
                           is still named on standard error
  --no-progress            no progress bar (shown only on a terminal, for more
                           than 5 files)
  -h, --help               this help`;

const BATCH_OPTIONS_HELP = `  -o, --out DIR            a DIRECTORY: one output file per input under DIR,
                           mirroring its path relative to the common base of
                           the inputs (the deepest folder holding every
                           pattern's base, folder and file given), and a
                           manifest (jixiao-manifest.ndjson) of what is done.
                           -o - (the default): standard output. (report and
                           render take -o FILE.)
  --combine                with --out: one output for the whole batch instead
                           of one per input: TABLE.csv per table (csv),
                           TABLE.parquet per table (parquet), workbook.xlsx
  --resume                 with --out: skip the inputs the manifest says are
                           done, unchanged and converted with the same version
                           and settings, and do the rest (an interrupted run
                           goes on where it stopped)
  --shard I/N              only the inputs of share I of N (0 to N-1), chosen
                           by a hash of each input's path relative to the
                           common base: N processes given the same inputs
                           split them with no overlap; /N takes I from
                           JOB_COMPLETION_INDEX (a Kubernetes indexed Job)
  -j, --jobs N             files processed in parallel, on at most N worker threads
                           (default: number of cores); one thread for a single
                           file or less than 2 MB of input per thread
  --pretty                 indent the JSON
  --no-bom                 no UTF-8 byte order mark at the start of CSV files
  --encoding NAME          force the input encoding (utf-8, utf-16le, utf-16be, gb18030)
  --min-severity LEVEL     text output and the CSV findings table show only
                           findings and diagnostics at LEVEL or above: error,
                           warning, info (default); JSON documents stay whole
${LANG_HELP}
${END_OPTIONS_HELP}`;

const FORMATS_HELP = `Formats:
  json     one document per input; on standard output a single named file gives
           the document, several inputs or a pattern a JSON array of documents
  ndjson   one document per line
  csv      four tables: forms (one row per form: totals, difference, grades,
           counts), indicators (one row per indicator), funds (one row per
           funds row) and findings (one row per finding or diagnostic). With
           --out each input gives NAME.forms.csv, NAME.indicators.csv,
           NAME.funds.csv and NAME.findings.csv; on standard output one table
           for all inputs under one header, chosen by --table (default
           indicators). UTF-8 with a byte order mark so that Excel reads Chinese.
  xlsx     an Excel workbook per input (NAME.xlsx with --out): sheets summary
           (the forms table), indicators, funds and findings; codes and texts as
           text cells, figures as numbers where a number holds them exactly. On
           standard output (not a terminal) one workbook of all inputs.
  parquet  with --out: the four tables as Parquet files, NAME.TABLE.parquet
           per input (or TABLE.parquet with --combine); the CSV columns,
           figures as their exact decimal text, counts and lines as integers.`;

const HELP: Record<string, string> = {
  main: `jixiao ${VERSION} — parse and check 项目支出绩效自评表 (performance self-evaluation) exports

Usage:
  jixiao parse FILE...     convert exports to JSON, NDJSON or CSV
  jixiao check FILE...     recompute scores and totals, list discrepancies
  jixiao report FILE...    write an HTML audit report of every form and finding
  jixiao render FILE.json  write parsed documents back as clean tab-separated exports
  jixiao app -o FILE       write the offline web page that checks exports in a browser
  jixiao schema            print the JSON Schema of the output

Options:
  -h, --help               help for a command (jixiao parse --help)
  -v, --version            print the version
  --lang zh|en             language of the help and messages

Examples:
  jixiao parse samples/000_16052ebbc3505be3.txt --pretty
  jixiao check samples/000_16052ebbc3505be3.txt
  jixiao check 'exports/**/*.txt' --format csv --out out/
  jixiao report 'exports/**/*.txt' -o report.html`,
  parse: `Usage: jixiao parse FILE|PATTERN|-... [options]

Reads each export (any encoding: UTF-8, UTF-16, GB18030) and writes its forms.
${INPUTS_HELP}

Options:
  -f, --format FORMAT      json (default), ndjson, csv, xlsx or parquet
  --table TABLE            with csv on standard output: indicators (default),
                           forms, funds or findings (implies --format csv);
                           with --format ndjson, its rows as JSON objects
${BATCH_OPTIONS_HELP}

${FORMATS_HELP}

Exit status: 0 every input read, 2 an input could not be read (the others are
still converted) or the command line is wrong.

Examples:
  jixiao parse export.txt --pretty
  jixiao parse 'exports/**/*.txt' --format ndjson > forms.ndjson
  jixiao parse 'exports/**/*.txt' --out json/ --jobs 4
  iconv -f gbk -t utf-8 export.txt | jixiao parse -`,
  check: `Usage: jixiao check FILE|PATTERN|-... [options]

Recomputes every execution rate, score and total of each form and prints the
figures that differ from the rules, with their line, declared and expected value.
${INPUTS_HELP}

Options:
  -f, --format FORMAT      text (default on standard output: a table per form),
                           json (default with --out), ndjson, csv, xlsx or parquet
  --json                   same as --format json
  --profile NAME|FILE      scoring conventions: default, mof2020, mof2021, vendor, hubei, sichuan, or a JSON file
  --explain                in the text output, the rule each finding applies and
                           where that rule is written, under the finding
  --fail-on LEVEL          exit 1 when a finding reaches LEVEL: error (default),
                           warning, info, never; a form's parse error (an
                           unreadable 总分 or 得分) counts as an error
  --table TABLE            with csv on standard output: indicators (default),
                           forms, funds or findings (implies --format csv);
                           with --format ndjson, its rows as JSON objects
${BATCH_OPTIONS_HELP}

${FORMATS_HELP}
  The indicators table has each indicator's recomputed score and the codes of
  the findings on its line; the findings table has every finding and diagnostic.
  The text output lists each form's findings and its parse errors (error
  diagnostics of the form, such as 总分 "一百") by line.

Exit status: 0 no finding at --fail-on, 1 findings at --fail-on or a form's
parse error (unless --fail-on never), 2 an input could not be read (the others
are still checked) or the command line is wrong.

Examples:
  jixiao check export.txt
  jixiao check export.txt --profile mof2020 --json
  jixiao check 'exports/**/*.txt' --format csv --out out/
  jixiao check 'exports/**/*.txt' --table findings --min-severity error > f.csv
  jixiao check 'exports/**/*.txt' --min-severity warning -q
  jixiao check 'exports/**/*.txt' --format ndjson --summary json 2> summary.json
  jixiao check 'exports/**/*.txt' --format ndjson --fail-on never | jq .forms[].summary`,
  report: `Usage: jixiao report FILE|PATTERN|-... [options]

Checks every form of the inputs and writes one self-contained HTML page (no
network needed) with an overview of all forms, each form's funds and indicator
tree with the disputed figures highlighted, and charts.
${INPUTS_HELP}

Options:
  -o, --out FILE           the HTML FILE to write (one page for all inputs);
                           -o - or none: standard output
  --title TEXT             the page title
  --profile NAME|FILE      scoring conventions: default, mof2020, mof2021, vendor, hubei, sichuan, or a JSON file
  -j, --jobs N             files processed in parallel, on at most N worker threads
                           (default: number of cores); one thread for a single
                           file or less than 2 MB of input per thread
  --encoding NAME          force the input encoding (utf-8, utf-16le, utf-16be, gb18030)
${LANG_HELP}
${END_OPTIONS_HELP}

Exit status: 0 report written, 2 an input could not be read (the report shows
the others) or the command line is wrong.

Examples:
  jixiao report export.txt -o report.html
  jixiao report 'exports/2023/**/*.txt' --title '2023 年度自评复核' -o 2023.html`,
  render: `Usage: jixiao render FILE.json|-... [options]

Writes documents that jixiao parse or check wrote (a document, an array of
documents, or NDJSON) back as clean exports in the canonical tab-separated
layout: one form after another, merged labels on the first row of their group.

Options:
  -o, --out FILE           the FILE to write (all documents one after another);
                           -o - or none: standard output
  -h, --help               this help

Examples:
  jixiao parse messy.txt > messy.json && jixiao render messy.json > clean.txt
  jixiao parse messy.txt | jixiao render -`,
  app: `Usage: jixiao app [-o FILE]

Writes jixiao as one HTML page for a machine without Node.js: opened from disk
in a browser, it reads the export files or folders dropped on it (nothing is
uploaded, nothing goes over the network), checks them under a profile, shows
the audit report and downloads the results as JSON, CSV and HTML.

Options:
  -o, --out FILE           the HTML file to write (default: standard output)
  -h, --help               this help

Example:
  jixiao app -o jixiao.html`,
  schema: `Usage: jixiao schema

Prints the JSON Schema (draft 2020-12) of the documents parse and check write;
the same file ships in the package as jixiao/schema.json.

Example:
  jixiao schema > jixiao.schema.json`,
};

// --lang is taken by every command: it sets the language of the help and of the command line's errors.
const HELP_OPTION = { help: { type: 'boolean', short: 'h' }, lang: { type: 'string' } } as const;

const BATCH_OPTIONS = {
  ...HELP_OPTION,
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  jobs: { type: 'string', short: 'j' },
  pretty: { type: 'boolean' },
  'no-bom': { type: 'boolean' },
  encoding: { type: 'string' },
  lang: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'no-progress': { type: 'boolean' },
  summary: { type: 'string' },
  'min-severity': { type: 'string' },
  table: { type: 'string' },
  combine: { type: 'boolean' },
  resume: { type: 'boolean' },
  shard: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

const OPTIONS = {
  parse: BATCH_OPTIONS,
  check: { ...BATCH_OPTIONS, json: { type: 'boolean' }, profile: { type: 'string' }, 'fail-on': { type: 'string' }, explain: { type: 'boolean' } },
  report: {
    ...HELP_OPTION,
    out: { type: 'string', short: 'o' },
    title: { type: 'string' },
    profile: { type: 'string' },
    jobs: { type: 'string', short: 'j' },
    encoding: { type: 'string' },
    lang: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    'no-progress': { type: 'boolean' },
    summary: { type: 'string' },
  },
  render: { ...HELP_OPTION, out: { type: 'string', short: 'o' } },
  app: { ...HELP_OPTION, out: { type: 'string', short: 'o' } },
  schema: HELP_OPTION,
} as const satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof OPTIONS;
type BatchCommand = 'parse' | 'check';


export interface Output {
  /** Prints a line (a line end is added if missing). */
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Writes output text as it is, in parts, waiting while the reader is
   * behind; default: standard output. Batch output goes through this, a
   * large file's output never being one string.
   */
  write?: (text: string) => void | Promise<void>;
  /** Writes binary output (an XLSX workbook); default: standard output. */
  writeBytes?: (bytes: Uint8Array) => void | Promise<void>;
}

async function writeStdoutBytes(bytes: Uint8Array): Promise<void> {
  if (!process.stdout.write(bytes)) await once(process.stdout, 'drain');
}

/** Standard output, written in parts, waiting for it to drain when its buffer is full. */
async function writeStdout(text: string | readonly Part[]): Promise<void> {
  if (!process.stdout.write(utf8Bytes(text))) await once(process.stdout, 'drain');
}

/** A writer of whole texts, given text in pieces. */
const joined =
  (write: (text: string) => void | Promise<void>) =>
  (text: string | readonly Part[]) =>
    write(pieceText(text));

const FAIL_LEVELS = ['error', 'warning', 'info', 'never'] as const;
type FailOn = (typeof FAIL_LEVELS)[number];

/** Formats of the command line: the batch's own, and xlsx and parquet (files made from each checked document). */
type CliFormat = Format | 'xlsx' | 'parquet';
const FORMATS: Record<BatchCommand, readonly CliFormat[]> = { parse: ['json', 'ndjson', 'csv', 'xlsx', 'parquet'], check: ['text', 'json', 'ndjson', 'csv', 'xlsx', 'parquet'] };
/** Formats --combine writes as one output for the whole batch. */
const COMBINED_FORMATS: readonly CliFormat[] = ['csv', 'xlsx', 'parquet'];

export async function main(argv: string[], output: Output): Promise<number> {
  // Messages name files, and a file name may hold escape sequences a terminal would obey.
  const io: Output = { ...output, err: (text) => output.err(terminalSafeLines(text)) };
  const lang = messageLang(argv);
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CliProblem) {
      io.err(`jixiao: ${error.text(lang)}`);
      return 2;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`jixiao: ${optionProblem((error as Error).message).text(lang)}`);
      return 2;
    }
    if (isWorkingDirectoryGone(error)) {
      io.err(`jixiao: ${new CliProblem('cwd-gone').text(lang)}`);
      return 2;
    }
    // A fault of jixiao itself: one line for the user, the stack in a file it names, status 3.
    io.err(`jixiao: ${reportInternalError(error, lang)}`);
    return 3;
  }
}

/** The language of the run's messages, known before its options are: --lang if given and valid, else the locale. */
function messageLang(argv: readonly string[]): Lang {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at].startsWith('--lang=') ? argv[at].slice('--lang='.length) : argv[at + 1];
  return LANGS.includes(value as Lang) ? (value as Lang) : langFromEnv(process.env);
}

/** The working directory was removed while the run stood in it: every relative path fails. */
function isWorkingDirectoryGone(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException;
  return e?.code === 'ENOENT' && e.syscall === 'uv_cwd';
}

async function run(argv: string[], io: Output): Promise<number> {
  const [first, ...rest] = argv;
  const help = argvLang(argv) === 'zh' ? HELP_ZH : HELP;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help' || (first.startsWith('--lang') && rest.every((arg) => arg.startsWith('-') || LANGS.includes(arg as Lang)))) {
    io.out(help.main);
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(VERSION);
    return 0;
  }
  if (!(first in OPTIONS)) throw new CliProblem('unknown-command', { command: first });
  const command = first as Command;
  const { values, positionals } = parseArgs({ args: rest, options: OPTIONS[command], allowPositionals: true, strict: true });
  if (values.help) {
    io.out(help[command]);
    return 0;
  }
  if (command === 'schema') {
    if (positionals.length > 0) throw new CliProblem('unexpected-argument', { command: 'schema', argument: positionals[0] });
    const { jsonSchema } = await import('../contract/json-schema.js');
    io.out(JSON.stringify(jsonSchema(), null, 2));
    return 0;
  }
  if (command === 'app') {
    if (positionals.length > 0) throw new CliProblem('unexpected-argument', { command: 'app', argument: positionals[0] });
    return (await import('./app-command.js')).writeApp(fileOption((values as RawOptions).out), io, messageLang(argv));
  }
  if (positionals.length === 0) throw new CliProblem('no-input', { command });
  const opts = values as RawOptions;
  if (command === 'render') return renderCommand(positionals, fileOption(opts.out), io, messageLang(argv));
  if (command === 'report') return reportCommand(opts, positionals, io);
  const settings = await batchSettings(command, opts);
  if (settings.xlsx && settings.out === null && io.writeBytes === undefined && process.stdout.isTTY) {
    throw new CliProblem('xlsx-terminal');
  }
  return runBatch(settings, positionals, io, (tasks, names, bareDocument) => {
    const dir = settings.out === null ? null : new OutputDirectory(settings.out, inputPaths(tasks));
    if (settings.combine && dir !== null) return combinedSink(tasks, names, settings, dir, settings.xlsx ? 'xlsx' : settings.parquet ? 'parquet' : 'csv', io);
    if (settings.parquet && dir !== null) return parquetSink(names, dir, settings.lang);
    if (settings.xlsx) return xlsxSink(tasks, names, settings, dir, io.writeBytes ?? writeStdoutBytes, io);
    return settings.out === null ? stdoutSink(tasks.length, settings, bareDocument, io.write ? joined(io.write) : writeStdout) : directorySink(new OutputDirectory(settings.out, inputPaths(tasks)), names, settings);
  });
}

type RawOptions = Record<string, string | boolean | undefined>;

interface BatchSettings {
  config: BatchConfig;
  /** Output directory of parse and check; null: standard output. */
  out: string | null;
  /** Whether the output goes to standard output. */
  toStdout: boolean;
  jobs: number;
  bom: boolean;
  /** No text summary (failed files are still named). */
  quiet: boolean;
  /** A progress bar may be drawn (on a terminal, for enough files). */
  progress: boolean;
  summary: SummaryKind;
  /** The CSV table printed on standard output. */
  table: CsvTable;
  failOn: FailOn;
  /** Language of what a reader sees (text output, messages, summary, report, XLSX headers). */
  lang: Lang;
  /** Language of CSV headers: Chinese only when --lang zh is given, so that a locale never changes what a pipeline reads. */
  csvHeaderLang: Lang;
  /** --format xlsx: the batch hands back documents (format `document`) and the sink makes workbooks. */
  xlsx: boolean;
  /** --format parquet: the batch hands back the tables' rows (format `rows`) and the sink writes them as Parquet. */
  parquet: boolean;
  /** --combine: one output (a workbook, a CSV per table, a Parquet set) for the whole batch under --out. */
  combine: boolean;
  /** --resume: inputs the manifest under --out says are done and current are skipped. */
  resume: boolean;
  /** --shard I/N: only the inputs of that share; null: all. */
  shard: Shard | null;
}

const SUMMARY_KINDS = ['text', 'json'] as const;
type SummaryKind = (typeof SUMMARY_KINDS)[number];
const MIN_SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

async function batchSettings(command: BatchCommand, opts: RawOptions): Promise<BatchSettings> {
  const out = fileOption(opts.out);
  // Refused before anything is read or written under it (the manifest of --out too).
  if (out !== null) await refuseSystemPath(resolvePath(out));
  const table = oneOf('--table', stringOption(opts.table), CSV_TABLES);
  if (table !== null && out !== null) throw new CliProblem('table-with-out');
  const format = (opts.json ? 'json' : (stringOption(opts.format) ?? (table !== null ? 'csv' : command === 'check' && out === null ? 'text' : 'json'))) as CliFormat;
  if (!FORMATS[command].includes(format)) throw new CliProblem('one-of', { flag: '--format', allowed: FORMATS[command].join(', ') });
  if (table !== null && format !== 'csv' && format !== 'ndjson') throw new CliProblem('table-not-csv', { format });
  const lang = langOption(stringOption(opts.lang));
  const failOn = command === 'parse' ? 'never' : (oneOf('--fail-on', stringOption(opts['fail-on']), FAIL_LEVELS) ?? 'error');
  const minSeverity = oneOf('--min-severity', stringOption(opts['min-severity']), MIN_SEVERITIES);
  const combine = Boolean(opts.combine);
  const resume = Boolean(opts.resume);
  if (format === 'parquet' && out === null) throw new CliProblem('parquet-needs-out');
  if (combine && out === null) throw new CliProblem('combine-needs-out');
  if (combine && !COMBINED_FORMATS.includes(format)) throw new CliProblem('combine-format', { allowed: COMBINED_FORMATS.join(', '), format });
  if (resume && out === null) throw new CliProblem('resume-needs-out');
  if (resume && combine) throw new CliProblem('resume-with-combine');
  const shardText = stringOption(opts.shard);
  const shard = shardText === null ? null : parseShard(shardText, process.env);
  if (shard instanceof CliProblem) throw shard;
  return {
    config: {
      command,
      // A workbook is written from the forms as they come; Parquet from the tables' rows, made where the forms are checked (in the workers).
      format: format === 'xlsx' ? 'forms' : format === 'parquet' ? 'rows' : table !== null && format === 'ndjson' ? 'table-ndjson' : format,
      pretty: Boolean(opts.pretty),
      encoding: encodingOption(stringOption(opts.encoding)),
      profile: command === 'check' ? await profileOption(stringOption(opts.profile)) : null,
      minSeverity,
      lang,
      tableLang: stringOption(opts.lang) === null ? 'en' : lang,
      explain: Boolean(opts.explain),
    },
    out,
    toStdout: out === null,
    jobs: jobsOption(stringOption(opts.jobs)),
    bom: !opts['no-bom'],
    ...reportingOptions(opts),
    table: table ?? 'indicators',
    failOn,
    lang,
    csvHeaderLang: stringOption(opts.lang) === null ? 'en' : lang,
    xlsx: format === 'xlsx',
    parquet: format === 'parquet',
    combine,
    resume,
    shard,
  };
}

/** What a batch tells on standard error besides its errors: -q, --no-progress, --summary. */
function reportingOptions(opts: RawOptions): Pick<BatchSettings, 'quiet' | 'progress' | 'summary'> {
  const quiet = Boolean(opts.quiet);
  return { quiet, progress: !quiet && !opts['no-progress'], summary: oneOf('--summary', stringOption(opts.summary), SUMMARY_KINDS) ?? 'text' };
}

/** A value from a fixed set, or null when the option is not given. */
function oneOf<T extends string>(flag: string, value: string | null, allowed: readonly T[]): T | null {
  if (value === null) return null;
  if (!(allowed as readonly string[]).includes(value)) throw new CliProblem('one-of', { flag, allowed: allowed.join(', '), value });
  return value as T;
}

/** -o: a path, or null for standard output (not given, or -); an empty name is a mistake, not the working directory. */
function fileOption(value: string | boolean | undefined): string | null {
  const path = stringOption(value);
  if (path === '') throw new CliProblem('out-empty', { flag: '--out' });
  return path === '-' ? null : path;
}

/**
 * The language of the help and of command-line errors, before the arguments
 * are parsed: the last `--lang zh|en` among them, else the locale.
 */
function argvLang(argv: readonly string[]): Lang {
  let lang: Lang = langFromEnv(process.env);
  argv.forEach((arg, i) => {
    const value = arg.startsWith('--lang=') ? arg.slice('--lang='.length) : arg === '--lang' ? argv[i + 1] : undefined;
    if (value !== undefined && LANGS.includes(value as Lang)) lang = value as Lang;
  });
  return lang;
}

/** --lang, else the locale of the environment. */
function langOption(value: string | null): Lang {
  if (value === null) return langFromEnv(process.env);
  if (!LANGS.includes(value as Lang)) throw new CliProblem('one-of', { flag: '--lang', allowed: LANGS.join(', ') });
  return value as Lang;
}

function stringOption(value: string | boolean | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function encodingOption(encoding: string | null): string | null {
  if (encoding !== null) {
    const probe = decode(new Uint8Array(0), { encoding });
    if (!probe.ok && probe.code === 'unknown-encoding') throw new CliProblem('encoding-unknown', { reason: probe.message, encoding });
  }
  return encoding;
}

function jobsOption(value: string | null): number {
  if (value === null) return availableParallelism();
  if (!/^[1-9]\d{0,3}$/.test(value)) throw new CliProblem('jobs-range', { value });
  return Number.parseInt(value, 10);
}

async function profileOption(name: string | null): Promise<Profile | null> {
  if (name === null) return null;
  await (await import('../check/profile-schema-lazy.js')).loadProfileSchema();
  const { loadProfile } = await import('../check/profile-file.js');
  // The library's resolver; its problem refuses the run before any input is read, as the library's `check` throws it.
  const resolved = resolveProfile(name, loadProfile);
  if (!resolved.ok) throw new CliProblem('profile-problem', { code: resolved.problem.code, source: resolved.problem.source, reason: resolved.problem.message.split('\n').join(' ') });
  return resolved.profile;
}

/** A progress bar only for more files than this, so that a short run prints nothing that flickers. */
const PROGRESS_MIN_FILES = 5;


type SinkFactory = (tasks: readonly Task[], names: readonly string[], bareDocument: boolean) => Sink;

/** Runs every input through the pipeline into the sink; the exit status of the whole batch. */
async function runBatch(settings: BatchSettings, args: string[], io: Output, makeSink: SinkFactory): Promise<number> {
  const resolved = await resolveTasks(args, settings, io);
  try {
    return await runResolved(settings, args, io, makeSink, resolved);
  } finally {
    await resolved.spool?.remove();
  }
}

async function runResolved(settings: BatchSettings, args: string[], io: Output, makeSink: SinkFactory, resolved: ResolvedTasks & { problems: number }): Promise<number> {
  if (resolved.tasks.length === 0) return 2;
  const bareDocument = args.length === 1 && (args[0] === '-' || resolved.tasks[0].path === args[0]);
  const { tasks, names, inputs } = inShard(resolved, settings.shard);
  const problems = resolved.problems;
  const totals = emptyTotals(tasks.length);
  reached = problems > 0 ? 2 : 0;
  const manifest = settings.out !== null && !settings.combine ? await batchManifest(settings, settings.out, tasks, names, inputs) : null;
  const todo: number[] = [];
  for (const [index, stats] of (manifest?.done ?? tasks.map(() => null)).entries()) {
    if (stats === null) todo.push(index);
    else addStats(totals, stats);
  }
  const made = makeSink(tasks, names, bareDocument);
  const sink = manifest === null ? made : manifest.recording(made);
  const bar = showsProgress(settings, tasks.length) ? new ProgressBar(process.stderr, undefined, settings.lang) : null;

  await sink.start();
  await runTasks(todo.map((index) => tasks[index]), { ...settings.config, jsonIndent: sink.jsonIndent }, {
    jobs: settings.jobs,
    workerUrl: new URL('./worker.js', import.meta.url),
    delivery: {
      write: (at, pieces) => sink.write(todo[at], pieces),
      finish: async (at, outcome) => {
        const writeFailure = await sink.finish(todo[at], outcome);
        addStats(totals, writeFailure === null ? outcome.stats : { ...outcome.stats, failure: writeFailure });
        reached = batchStatus(totals, problems, settings.failOn);
        bar?.update(totals);
      },
    },
  });
  bar?.clear();
  const endFailure = await sink.end();
  if (settings.summary === 'json') io.err(summaryJson(totals, settings.lang));
  else if (settings.quiet) for (const line of formatFailures(totals)) io.err(line);
  else io.err(formatSummary(totals, settings.lang));
  if (endFailure !== null) io.err(`jixiao: ${endFailure}`);
  if (endFailure !== null) return 2;
  return batchStatus(totals, problems, settings.failOn);
}

interface ResolvedTasks {
  tasks: Task[];
  /** The name each task's outputs take under --out. */
  names: string[];
  /** Each task's path relative to the batch's common base (`-` for standard input): what shards and the manifest go by. */
  inputs: string[];
}

/** The tasks of one shard (all of them without --shard), names kept as the whole batch gives them. */
function inShard(all: ResolvedTasks, shard: Shard | null): ResolvedTasks {
  if (shard === null) return all;
  const keep = all.inputs.map((input) => shardOf(input, shard.count) === shard.index);
  const pick = <T,>(items: readonly T[]) => items.filter((_, i) => keep[i]);
  return { tasks: pick(all.tasks), names: pick(all.names), inputs: pick(all.inputs) };
}

/** The output files of one input under --out, relative to the folder. */
function outputPathsOf(name: string, settings: BatchSettings): string[] {
  if (settings.xlsx) return [name + '.xlsx'];
  if (settings.parquet) return CSV_TABLES.map((table) => `${name}.${table}.parquet`);
  const format = settings.config.format;
  if (format === 'csv') return CSV_TABLES.map((table) => `${name}.${table}.csv`);
  return [name + SUFFIXES[format as keyof typeof SUFFIXES]];
}

/** The settings an output depends on: a change to any of them makes an earlier output stale. */
function outputSettings(settings: BatchSettings): unknown {
  const { command, format, pretty, encoding, profile, minSeverity, lang } = settings.config;
  return { command, format: settings.xlsx ? 'xlsx' : settings.parquet ? 'parquet' : format, pretty, encoding, profile, minSeverity, lang, bom: settings.bom, csvHeaderLang: settings.csvHeaderLang };
}

/**
 * The manifest of an --out batch: which inputs are done and current (their
 * figures; null for those to do) when resuming, and the sink that records
 * each input as its outputs are put in place.
 */
async function batchManifest(settings: BatchSettings, root: string, tasks: readonly Task[], names: readonly string[], inputs: readonly string[]) {
  const { createHash } = await import('node:crypto');
  const identities = await identifyAll(tasks.map((task) => (task.bytes === undefined ? (task.path ?? task.spool ?? null) : null)));
  tasks.forEach((task, i) => {
    if (task.bytes !== undefined) identities[i] = { sha256: createHash('sha256').update(task.bytes).digest('hex'), size: task.bytes.length };
  });
  const key = settingsDigest(outputSettings(settings));
  const profile = settings.config.profile?.name ?? 'default';
  const file = manifestName(settings.shard);
  const previous = settings.resume ? await readManifest(join(root, file)) : new Map<string, ManifestEntry>();
  const entries: (ManifestEntry | null)[] = [];
  const done: (FileStats | null)[] = [];
  for (const [i, identity] of identities.entries()) {
    const expected = identity === null ? null : { input: inputs[i], ...identity, jixiao: VERSION, profile, settings: key, outputs: outputPathsOf(names[i], settings) };
    const entry = previous.get(inputs[i]);
    const current = expected !== null && (await isCurrent(entry, expected, root));
    entries.push(current ? entry! : null);
    done.push(current ? entry!.stats : null);
  }
  await removeLeftovers(root, tasks.flatMap((_, i) => (done[i] === null ? outputPathsOf(names[i], settings) : [])));
  const journal = await ManifestJournal.open(root, file, settings.resume, new InputGuard(tasks.flatMap((task) => (task.path ? [task.path] : []))));
  const recording = (inner: Sink): Sink => ({
    ...inner,
    async finish(index, outcome) {
      const failure = await inner.finish(index, outcome);
      const identity = identities[index];
      if (failure !== null || identity === null) return failure;
      const outputs = await outputSizes(root, outputPathsOf(names[index], settings));
      if (outputs === null) return failure;
      const entry: ManifestEntry = { input: inputs[index], ...identity, jixiao: VERSION, profile, settings: key, outputs, stats: outcome.stats };
      entries[index] = entry;
      try {
        await journal.record(entry);
      } catch (error) {
        return `not recorded in the manifest: ${(error as Error).message}`;
      }
      return null;
    },
    async end() {
      const failure = await inner.end();
      try {
        await journal.compact(entries.filter((entry): entry is ManifestEntry => entry !== null));
      } catch (error) {
        return failure ?? `${file}: not written: ${(error as Error).message}`;
      }
      return failure;
    },
  });
  return { done, recording };
}

/** The exit status the files so far give: 2 if one failed or an argument gave nothing, 1 if a finding reached --fail-on. */
function batchStatus(totals: Totals, problems: number, failOn: FailOn): number {
  if (totals.failed.length > 0 || problems > 0) return 2;
  return reachesLevel(totals, failOn) ? 1 : 0;
}

/** The status the running batch has reached: what a run cut short (its output pipe closed) exits with. */
let reached = 0;
export function statusReached(): number {
  return reached;
}

/** On a terminal, for more than a handful of files, and not over output printed on the same terminal. */
function showsProgress(settings: BatchSettings, files: number): boolean {
  return Boolean(process.stderr.isTTY) && settings.progress && files > PROGRESS_MIN_FILES && !(settings.toStdout && process.stdout.isTTY);
}

/** A finding at or above the level, or a form's parse error (an error diagnostic of a form), which counts as an error. */
function reachesLevel(totals: Totals, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return totals.diagnostics.error > 0 || SEVERITIES.some((severity) => totals.findings[severity] > 0 && atOrAbove(severity, failOn));
}

function inputPaths(tasks: readonly Task[]): string[] {
  return tasks.flatMap((task) => (task.path === null ? [] : [task.path]));
}

/**
 * The tasks of the arguments in their order (`-` where it stands), the names
 * their outputs take under --out, and how many arguments gave nothing (each
 * has printed one line).
 */
async function resolveTasks(args: string[], settings: BatchSettings, io: Output): Promise<ResolvedTasks & { problems: number; spool: Spool | null }> {
  const stdinAt = args.indexOf('-');
  if (stdinAt !== args.lastIndexOf('-')) throw new CliProblem('stdin-once');
  const { inputs, problems, sameFiles } = await findInputs(args, { exclude: settings.out });
  for (const problem of problems) io.err(`jixiao: ${inputProblemText(problem, settings.lang)}`);
  for (const same of sameFiles) io.err(`jixiao: ${new CliProblem('input-same-file', { file: same.input, first: same.first }).text(settings.lang)}`);
  const base = commonBase(inputs.map((input) => input.base), '.');
  const entries: { task: Task; name: string; input: string }[] = inputs.map((input) => ({
    task: { path: input.path, label: input.path },
    name: mirroredName(input.path, base),
    input: relativeInputPath(input.path, base),
  }));
  let stdinProblems = 0;
  let spool: Spool | null = null;
  if (stdinAt >= 0) {
    const position = inputs.filter((input) => input.argument < stdinAt).length;
    spool = await spoolStandardInput(process.stdin, STDIN_LIMIT);
    if (spool === null) {
      io.err(`jixiao: ${new CliProblem('stdin-too-large', { limit: STDIN_LIMIT }).text(settings.lang)}`);
      stdinProblems = 1;
    } else entries.splice(position, 0, { task: { path: null, spool: spool.path, label: '<stdin>' }, name: 'stdin', input: '-' });
  }
  return { tasks: entries.map((e) => e.task), names: uniqueNames(entries.map((e) => e.name)), inputs: entries.map((e) => e.input), problems: problems.length + stdinProblems, spool };
}

function inputProblemText(problem: InputProblem, lang: Lang): string {
  return `${problem.input}${lang === 'zh' ? '：' : ': '}${new CliProblem(problem.key, problem.detail).text(lang)}`;
}

/** Standard input is read once, into a temporary file: at most the parser's byte limit of it. */
const STDIN_LIMIT = DEFAULT_MAX_BYTES;

/** Standard input's bytes, for `render` (JSON is read whole); null once it passes `limit` (reading stops there). */
async function readStandardInput(limit: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      process.stdin.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

/** Where a batch's output goes; calls come in input order, one input's pieces and then its end. */
interface Sink {
  /** Prefix of every line of pretty JSON: documents printed inside an array are indented. */
  readonly jsonIndent: string;
  start(): Promise<void>;
  /** A part of one input's output. */
  write(index: number, pieces: ChunkPieces): Promise<void>;
  /** Ends one input's output; a reason when it could not be written. */
  finish(index: number, outcome: FileOutcome): Promise<string | null>;
  /** Finishes the output; a reason when that failed. */
  end(): Promise<string | null>;
}

const BOM = '\uFEFF';

/**
 * Standard output: JSON as one document (a single named file) or an array,
 * NDJSON a line per input, text the tables one after another, CSV the
 * chosen table (--table) under one header, or its rows as NDJSON objects.
 */
function stdoutSink(count: number, settings: BatchSettings, bareDocument: boolean, write: (text: string | readonly Part[]) => void | Promise<void>): Sink {
  const { format, pretty } = settings.config;
  const asArray = format === 'json' && !bareDocument;
  let opened = -1;
  const open = async (index: number) => {
    if (opened === index) return;
    opened = index;
    if (format === 'text' && index > 0) await write('\n');
  };
  return {
    jsonIndent: asArray && pretty ? '  ' : '',
    async start() {
      if (asArray) await write('[\n');
      if (format === 'csv') await write((settings.bom ? BOM : '') + csvHeader(settings.table, settings.csvHeaderLang));
    },
    async write(index, pieces) {
      await open(index);
      const text = format === 'csv' || format === 'table-ndjson' ? pieces[settings.table] : pieces.main;
      if (text && text.length > 0) await write(text);
    },
    async finish(index) {
      await open(index);
      if (format !== 'csv' && format !== 'table-ndjson') await write((asArray && index < count - 1 ? ',' : '') + '\n');
      return null;
    },
    async end() {
      if (asArray) await write(']\n');
      return null;
    },
  };
}

const SUFFIXES: Record<Exclude<Format, 'document' | 'forms' | 'csv' | 'rows' | 'table-ndjson'>, string> = { json: '.json', ndjson: '.ndjson', text: '.check.txt' };

/** --out DIR: one file per input (three for CSV), named after the input's mirrored path, written as the output comes. */
function directorySink(dir: OutputDirectory, names: readonly string[], settings: BatchSettings): Sink {
  const { format } = settings.config;
  let current: { index: number; files: [keyof ChunkPieces, OutputFile][]; failure: string | null } | null = null;
  const notWritten = (error: unknown) => notWrittenText(error, settings.lang);
  const open = async (index: number) => {
    if (current?.index === index) return current;
    const opening: NonNullable<typeof current> = { index, files: [], failure: null };
    current = opening;
    try {
      if (format === 'csv') {
        for (const table of CSV_TABLES) {
          const file = await dir.open(names[index], `.${table}.csv`);
          opening.files.push([table, file]);
          await file.write((settings.bom ? BOM : '') + csvHeader(table, settings.csvHeaderLang));
        }
      } else {
        opening.files.push(['main', await dir.open(names[index], SUFFIXES[format as keyof typeof SUFFIXES])]);
      }
    } catch (error) {
      opening.failure = notWritten(error);
    }
    return opening;
  };
  return {
    jsonIndent: '',
    async start() {},
    async write(index, pieces) {
      const output = await open(index);
      if (output.failure !== null) return;
      try {
        for (const [channel, file] of output.files) if (pieces[channel]) await file.write(pieces[channel]);
      } catch (error) {
        output.failure = notWritten(error);
      }
    },
    async finish(index) {
      const output = await open(index);
      try {
        if (output.failure === null && format !== 'csv') await output.files[0][1].write('\n');
      } catch (error) {
        output.failure = notWritten(error);
      }
      // A complete output replaces the previous one; an incomplete one is removed, never left truncated.
      for (const [, file] of output.files) {
        if (output.failure !== null) await file.discard();
        else await file.commit().catch((error: Error) => (output.failure = notWritten(error)));
      }
      current = null;
      return output.failure;
    },
    async end() {
      return null;
    },
  };
}

/** Why an output was not written, in the run's language. */
/** Node's words for a command line it cannot read, as the catalogue's message: the option named, the rest said in the run's language. */
function optionProblem(message: string): CliProblem {
  const line = message.split('\n')[0];
  const unknown = /^Unknown option '(.*?)'/s.exec(line);
  if (unknown) return new CliProblem('unknown-option', { option: unknown[1] });
  const missing = /^Option '(?:-\w, )?(--?[\w-]+)[^']*' argument missing/s.exec(line);
  if (missing) return new CliProblem('option-needs-value', { option: missing[1] });
  const takesNone = /^Option '(?:-\w, )?(--?[\w-]+)[^']*' does not take an argument/s.exec(line);
  if (takesNone) return new CliProblem('option-takes-no-value', { option: takesNone[1] });
  const unexpected = /^Unexpected argument '(.*?)'/s.exec(line);
  if (unexpected) return new CliProblem('unexpected-option-argument', { argument: unexpected[1] });
  return new CliProblem('bad-option', { reason: line });
}

function notWrittenText(error: unknown, lang: Lang): string {
  return new CliProblem('not-written', { reason: problemText(error, lang) }).text(lang);
}

/**
 * --format xlsx: with --out, a workbook per input (NAME.xlsx) written as soon
 * as its document is complete; on standard output, one workbook of all the
 * inputs at the end (a file holds one workbook), its rows kept on disk
 * meanwhile, not in memory. Both are streamed (src/output/xlsx-stream.ts).
 */
function xlsxSink(tasks: readonly Task[], names: readonly string[], settings: BatchSettings, dir: OutputDirectory | null, writeBytes: (bytes: Uint8Array) => void | Promise<void>, io: Output): Sink {
  let all: XlsxSpool | null = null;
  let current: { index: number; spool: XlsxSpool; forms: number } | null = null;
  let pending = '';
  const noteReplaced = (file: string, count: number) => {
    if (count > 0) io.err(`jixiao: ${new CliProblem('xlsx-replaced', { file, count }).text(settings.lang)}`);
  };
  const spoolOf = async (index: number) => {
    if (current?.index === index) return current;
    const { XlsxSpool } = await import('../output/xlsx-stream.js');
    const spool = dir === null ? (all ??= new XlsxSpool(settings.lang)) : new XlsxSpool(settings.lang);
    current = { index, spool, forms: 0 };
    return current;
  };
  /** The forms of an input, one line of JSON each, as they come (format `forms`); its diagnostics at its end. */
  const take = async (index: number, text: string) => {
    const input = await spoolOf(index);
    pending += text;
    for (let at = pending.indexOf('\n'); at >= 0; at = pending.indexOf('\n')) {
      const line = pending.slice(0, at);
      pending = pending.slice(at + 1);
      const label = tasks[index].label;
      if (line.startsWith('F')) await input.spool.add({ document: { forms: [JSON.parse(line.slice(1)) as Form], diagnostics: [] }, label }, input.forms++);
      else if (line.startsWith('D')) await input.spool.add({ document: { forms: [], diagnostics: JSON.parse(line.slice(1)) as Diagnostic[] }, label }, input.forms);
    }
  };
  return {
    jsonIndent: '',
    async start() {},
    async write(index, pieces) {
      if (pieces.main) await take(index, pieceText(pieces.main));
    },
    async finish(index) {
      const input = await spoolOf(index);
      current = null;
      if (dir === null) return null;
      const { writeWorkbook } = await import('../output/xlsx-stream.js');
      try {
        const file = await dir.open(names[index], '.xlsx');
        try {
          noteReplaced(file.path, await writeWorkbook(input.spool, (bytes) => file.write(bytes)));
          await file.commit();
        } catch (error) {
          await file.discard();
          throw error;
        }
        return null;
      } catch (error) {
        return notWrittenText(error, settings.lang);
      } finally {
        await input.spool.discard();
      }
    },
    async end() {
      if (dir !== null) return null;
      const { XlsxSpool, writeWorkbook } = await import('../output/xlsx-stream.js');
      const spool = all ?? new XlsxSpool(settings.lang);
      try {
        noteReplaced('-', await writeWorkbook(spool, writeBytes));
      } finally {
        await spool.discard();
      }
      return null;
    },
  };
}

/** The rows of a table as the `rows` format gives them (a JSON array of cells a line), parsed at once. */
function rowsOf(pieces: readonly Part[] | undefined): Cell[][] {
  const text = pieces === undefined ? '' : pieceText(pieces);
  if (!text) return [];
  return JSON.parse('[' + text.trimEnd().replaceAll('\n', ',') + ']') as Cell[][];
}

/** --format parquet with --out: the four tables of each input, NAME.TABLE.parquet, put in place together once all are written. */
function parquetSink(names: readonly string[], dir: OutputDirectory, lang: Lang): Sink {
  const held = new Map<CsvTable, Cell[][]>();
  return {
    jsonIndent: '',
    async start() {},
    async write(_index, pieces) {
      for (const table of CSV_TABLES) {
        const rows = rowsOf(pieces[table]);
        if (rows.length > 0) held.set(table, [...(held.get(table) ?? []), ...rows]);
      }
    },
    async finish(index) {
      const { ParquetTableWriter } = await import('../output/parquet.js');
      const files: OutputFile[] = [];
      try {
        for (const table of CSV_TABLES) {
          const file = await dir.open(names[index], `.${table}.parquet`);
          files.push(file);
          const writer = await ParquetTableWriter.open(table, (bytes) => file.write(bytes), CREATED_BY, { statistics: false });
          await writer.add(held.get(table) ?? []);
          await writer.finish();
        }
        for (const file of files) await file.commit();
        return null;
      } catch (error) {
        for (const file of files) await file.discard();
        return notWrittenText(error, lang);
      } finally {
        held.clear();
      }
    },
    async end() {
      return null;
    },
  };
}

/** The program named in a Parquet file's metadata. */
const CREATED_BY = `jixiao version ${VERSION}`;

/** The name of a combined output under --out: per shard when sharded, so that shards sharing a folder never write one file. */
function combinedName(stem: string, shard: Shard | null): string {
  return shard === null ? stem : `${stem}.shard-${shard.index}-of-${shard.count}`;
}

/**
 * --combine: one output for the whole batch under --out, written as the
 * inputs come and put in place at the end: a CSV file per table
 * (`TABLE.csv`, from the CSV rows each input gives), one Parquet set
 * (`TABLE.parquet`, a row group at a time) or one workbook (`workbook.xlsx`,
 * streamed as on standard output: its rows kept on disk until the end).
 */
function combinedSink(tasks: readonly Task[], names: readonly string[], settings: BatchSettings, dir: OutputDirectory, kind: 'csv' | 'parquet' | 'xlsx', io: Output): Sink {
  const files: [CsvTable | 'workbook', OutputFile][] = [];
  const parquet = new Map<CsvTable, import('../output/parquet.js').ParquetTableWriter>();
  let workbookFile: OutputFile | null = null;
  const workbook = kind === 'xlsx' ? xlsxSink(tasks, names, settings, null, (bytes) => workbookFile!.write(bytes), io) : null;
  let failure: string | null = null;
  const guard = async (work: () => Promise<void>) => {
    if (failure !== null) return;
    try {
      await work();
    } catch (error) {
      failure = notWrittenText(error, settings.lang);
    }
  };
  const open = async (stem: string, suffix: string) => {
    const file = await dir.open(combinedName(stem, settings.shard), suffix);
    return file;
  };
  return {
    jsonIndent: '',
    start: () =>
      guard(async () => {
        if (kind === 'xlsx') return;
        for (const table of CSV_TABLES) {
          const file = await open(table, `.${kind}`);
          files.push([table, file]);
          if (kind === 'csv') await file.write((settings.bom ? BOM : '') + csvHeader(table, settings.csvHeaderLang));
          else {
            const { ParquetTableWriter } = await import('../output/parquet.js');
            parquet.set(table, await ParquetTableWriter.open(table, (bytes) => file.write(bytes), CREATED_BY));
          }
        }
      }),
    write: (index, pieces) =>
      guard(async () => {
        if (kind === 'csv') for (const [table, file] of files) if (table !== 'workbook' && pieces[table]) await file.write(pieces[table]);
        if (kind === 'parquet') for (const [table, writer] of parquet) await writer.add(rowsOf(pieces[table]));
        if (workbook !== null) await workbook.write(index, pieces);
      }),
    async finish(index, outcome) {
      if (workbook !== null) await workbook.finish(index, outcome);
      return null;
    },
    async end() {
      await guard(async () => {
        for (const writer of parquet.values()) await writer.finish();
        if (workbook !== null) {
          workbookFile = await open('workbook', '.xlsx');
          files.push(['workbook', workbookFile]);
          await workbook.end();
        }
      });
      for (const [, file] of files) {
        if (failure !== null) await file.discard();
        else await file.commit().catch((error: unknown) => (failure ??= notWrittenText(error, settings.lang)));
      }
      return failure;
    },
  };
}

/**
 * `jixiao report`: every input checked, its forms taken as they come (format
 * `forms`) into the page, or pages (src/report/paged.ts), each written as
 * it is made: to standard output, or through the one writer to -o FILE and,
 * for a batch too large for one page, to FILE-0001.html … beside it.
 */
async function reportCommand(opts: RawOptions, args: string[], io: Output): Promise<number> {
  const file = fileOption(opts.out);
  const lang = langOption(stringOption(opts.lang));
  const settings: BatchSettings = {
    config: { command: 'check', format: 'forms', pretty: false, encoding: encodingOption(stringOption(opts.encoding)), profile: await profileOption(stringOption(opts.profile)), lang },
    out: null,
    toStdout: file === null,
    jobs: jobsOption(stringOption(opts.jobs)),
    bom: false,
    ...reportingOptions(opts),
    table: 'indicators',
    failOn: 'never',
    lang,
    csvHeaderLang: lang,
    xlsx: false,
    parquet: false,
    combine: false,
    resume: false,
    shard: null,
  };
  const title = stringOption(opts.title) ?? undefined;
  if (file !== null) await refuseSystemPath(resolvePath(file));
  const { PagedReport } = await import('../report/paged.js');
  const { SpooledReport } = await import('../report/spooled.js');
  const { FormSpool } = await import('./form-spool.js');
  // On standard output the report is one page, however large, its forms kept on disk until it is written; with -o it is paged.
  const spool = file === null ? await FormSpool.create() : null;
  try {
    return await runBatch(settings, args, io, (tasks) => {
      const inputs = inputPaths(tasks);
      const written: OutputFile[] = [];
      let report: { addForm(form: Form): Promise<void>; addDiagnostics(diagnostics: readonly Diagnostic[]): void; end(): Promise<void> };
      if (spool !== null) {
        const write = io.write ?? writeStdout;
        const page = new SpooledReport(spool, { title, lang });
        report = {
          addForm: (form) => page.addForm(form),
          addDiagnostics: (diagnostics) => page.addDiagnostics(diagnostics),
          async end() {
            await spool.seal();
            for (const piece of page.pieces()) await write(piece);
          },
        };
      } else {
        report = new PagedReport(reportPages(file, inputs, written, io.write ?? writeStdout), { title, lang });
      }
      let pending = '';
      let formsOfInput = 0;
      const take = async (index: number, text: string) => {
        pending += text;
        let at = pending.indexOf('\n');
        while (at >= 0) {
          const line = pending.slice(0, at);
          pending = pending.slice(at + 1);
          if (line.startsWith('F')) {
            formsOfInput++;
            await report.addForm(JSON.parse(line.slice(1)) as Form);
          } else if (line.startsWith('D')) {
            // A document's diagnostic without a file belongs to the input its forms came from.
            const file = formsOfInput > 0 ? tasks[index].path : null;
            report.addDiagnostics((JSON.parse(line.slice(1)) as Diagnostic[]).map((d) => (d.file === undefined || d.file === null ? { ...d, file } : d)));
            formsOfInput = 0;
          }
          at = pending.indexOf('\n');
        }
      };
      return {
        jsonIndent: '',
        async start() {},
        async write(index, pieces) {
          if (pieces.main) await take(index, pieceText(pieces.main));
        },
        async finish() {
          return null;
        },
        async end() {
          try {
            await report.end();
            for (const page of written) await page.commit();
            return null;
          } catch (error) {
            for (const page of written) await page.discard();
            return notWrittenText(error, lang);
          }
        },
      };
    });
  } finally {
    await spool?.remove();
  }
}

/**
 * Where the report's pages go: standard output (one page), or -o FILE and
 * its parts beside it, each through a temporary file committed only when
 * every page is complete.
 */
function reportPages(file: string | null, inputs: readonly string[], written: OutputFile[], write: (text: string) => void | Promise<void>): PageSink {
  const target = file === null ? null : resolvePath(file);
  const partPath = (part: number) => target!.replace(/(\.html?)?$/i, (extension) => `-${String(part).padStart(4, '0')}${extension || '.html'}`);
  return {
    partName: (part) => basename(partPath(part)),
    async open(part) {
      if (target === null) {
        if (part !== null) throw new Error('a report too large for one page needs -o FILE');
        return { write: async (text) => void (await write(text)), close: async () => undefined };
      }
      const output = await openReplacing(part === null ? target : partPath(part), new InputGuard(inputs));
      written.push(output);
      return { write: (text) => output.write(text), close: async () => undefined };
    },
  };
}

/** `jixiao render`: documents (JSON, a JSON array, or NDJSON) back to canonical exports. */
async function renderCommand(args: string[], file: string | null, io: Output, lang: Lang): Promise<number> {
  const { render } = await import('../output/render.js');
  const parts: string[] = [];
  let status = 0;
  for (const arg of args) {
    const documents = await readDocuments(arg);
    if (documents instanceof CliProblem) {
      io.err(`jixiao: ${arg}${lang === 'zh' ? '：' : ': '}${documents.text(lang)}`);
      status = 2;
      continue;
    }
    parts.push(...documents.map(render));
  }
  const text = parts.join('\n');
  if (file === null) {
    if (text !== '') io.out(text);
  } else {
    try {
      await writeWholeFile(file, text, args.filter((arg) => arg !== '-'));
    } catch (error) {
      io.err(`jixiao: ${notWrittenText(error, lang)}`);
      return 2;
    }
  }
  return status;
}

/** A document as an older jixiao wrote it (each diagnostic's message one English string) in today's shape. */
function withBothLanguages(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const document = value as { forms?: unknown; diagnostics?: unknown };
  const upgrade = (list: unknown) => (Array.isArray(list) ? list.map((d) => (typeof d === 'object' && d !== null ? upgradeDiagnostic(d as Record<string, unknown>) : d)) : list);
  const forms = Array.isArray(document.forms) ? document.forms.map((form) => (typeof form === 'object' && form !== null ? { ...form, diagnostics: upgrade((form as { diagnostics?: unknown }).diagnostics) } : form)) : document.forms;
  return { ...document, forms, diagnostics: upgrade(document.diagnostics) };
}

/** The documents of a JSON file (one document, an array, or one per line); a reason when it holds none. */
/** The documents of a JSON file (one document, an array, or one per line); the problem when it holds none. */
async function readDocuments(arg: string): Promise<Document[] | CliProblem> {
  let text: string;
  try {
    if (arg !== '-') {
      // A file or a pipe (`<(jixiao parse …)`); a device such as /dev/zero holds no document.
      const info = await stat(arg);
      if (!info.isFile() && !info.isFIFO()) return new CliProblem('input-not-regular');
    }
    const bytes = arg === '-' ? await readStandardInput(STDIN_LIMIT) : await readBounded(arg, STDIN_LIMIT);
    if (bytes === null) return new CliProblem('input-too-large', { limit: STDIN_LIMIT });
    text = Buffer.from(bytes).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new CliProblem('input-no-such-file');
    return new CliProblem('read-failed', osError(error));
  }
  let values: unknown[];
  try {
    const whole = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    values = Array.isArray(whole) ? whole : [whole];
  } catch {
    try {
      values = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
    } catch (error) {
      // The parser's message quotes the input's text: only where it failed is said.
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      return new CliProblem('render-not-json', position === undefined ? {} : { position });
    }
  }
  const { Document } = await import('../contract/schema.js');
  const documents: Document[] = [];
  for (const [i, value] of values.entries()) {
    const checked = Document.safeParse(withBothLanguages(value));
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return new CliProblem('render-not-document', { index: values.length > 1 ? i + 1 : undefined, path: issue?.path.join('.') || 'root', reason: issue?.message ?? 'invalid' });
    }
    documents.push(checked.data);
  }
  return documents;
}
