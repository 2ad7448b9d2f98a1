/**
 * The `jixiao` command. Each subcommand normalises its options once into a
 * settings object, runs the library, and writes to stdout; problems with the
 * command line itself print one line and exit 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseFile } from './files.js';
import { check } from './check.js';
import { jsonSchema } from './json-schema.js';
import type { Document, Severity } from './schema.js';
import { formatCheckReport } from './text-report.js';

declare const JIXIAO_VERSION: string;
const VERSION = typeof JIXIAO_VERSION === 'string' ? JIXIAO_VERSION : '0.0.0-dev';

const HELP: Record<string, string> = {
  main: `jixiao ${VERSION} — parse and check 项目支出绩效自评表 (performance self-evaluation) exports

Usage:
  jixiao parse FILE...     convert exports to JSON
  jixiao check FILE...     recompute scores and totals, list discrepancies
  jixiao schema            print the JSON Schema of the output

Options:
  -h, --help               help for a command (jixiao parse --help)
  -v, --version            print the version

Examples:
  jixiao parse samples/000_16052ebbc3505be3.txt --pretty
  jixiao check samples/000_16052ebbc3505be3.txt`,
  parse: `Usage: jixiao parse FILE... [options]

Reads each export (any encoding: UTF-8, UTF-16, GB18030) and prints its forms
as JSON: one document for one file, one document per line (NDJSON) for several.

Options:
  --pretty                 indent the JSON
  --encoding NAME          force the input encoding (utf-8, utf-16le, utf-16be, gb18030)
  -h, --help               this help

Examples:
  jixiao parse export.txt --pretty
  jixiao parse a.txt b.txt > forms.ndjson`,
  check: `Usage: jixiao check FILE... [options]

Recomputes every execution rate, score and total of each form and prints the
figures that differ from the rules, with their line, declared and expected value.

Options:
  --json                   print the checked documents as JSON instead of a table
  --pretty                 indent the JSON
  --profile NAME|FILE      scoring conventions: default, mof2020, mof2021, vendor, hubei, or a JSON file
  --fail-on LEVEL          exit 1 when a finding reaches LEVEL: error (default), warning, info, never
  --encoding NAME          force the input encoding
  -h, --help               this help

Exit status: 0 no finding at --fail-on, 1 findings at --fail-on, 2 unreadable input.

Examples:
  jixiao check export.txt
  jixiao check export.txt --profile mof2020 --json`,
  schema: `Usage: jixiao schema

Prints the JSON Schema (draft 2020-12) of the documents parse and check write.`,
};

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  pretty: { type: 'boolean' },
  encoding: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

const OPTIONS = {
  parse: { ...COMMON },
  check: { ...COMMON, json: { type: 'boolean' }, profile: { type: 'string' }, 'fail-on': { type: 'string' } },
  schema: { help: { type: 'boolean', short: 'h' } },
} as const;

type Command = keyof typeof OPTIONS;

class UsageError extends Error {}

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const FAIL_LEVELS = ['error', 'warning', 'info', 'never'] as const;
type FailOn = (typeof FAIL_LEVELS)[number];

export async function main(argv: string[], io: Output): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`jixiao: ${(error as Error).message.split('\n')[0]}`);
      return 2;
    }
    throw error;
  }
}

async function run(argv: string[], io: Output): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.out(HELP.main);
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(VERSION);
    return 0;
  }
  if (!(first in OPTIONS)) throw new UsageError(`unknown command "${first}" (try jixiao --help)`);
  const command = first as Command;
  const { values, positionals } = parseArgs({ args: rest, options: OPTIONS[command], allowPositionals: true, strict: true });
  if (values.help) {
    io.out(HELP[command]);
    return 0;
  }
  if (command === 'schema') {
    io.out(JSON.stringify(jsonSchema(), null, 2));
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`${command}: no input file given (try jixiao ${command} --help)`);
  const opts = values as Record<string, string | boolean | undefined>;
  const encoding = typeof opts.encoding === 'string' ? opts.encoding : null;
  const documents: Document[] = [];
  for (const file of positionals) documents.push(await parseFile(file, { encoding }));
  const unreadable = documents.flatMap((d) => d.diagnostics.filter((x) => x.line === 0 && x.severity === 'error'));
  for (const problem of unreadable) io.err(`jixiao: ${problem.message}`);

  if (command === 'parse') {
    writeJson(documents, Boolean(opts.pretty), io);
    return unreadable.length ? 2 : 0;
  }
  const failOn = (opts['fail-on'] ?? 'error') as FailOn;
  if (!FAIL_LEVELS.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_LEVELS.join(', ')}`);
  const profile = typeof opts.profile === 'string' ? opts.profile : undefined;
  const checked = documents.map((d) => check(d, { profile }));
  if (opts.json) writeJson(checked, Boolean(opts.pretty), io);
  else io.out(formatCheckReport(checked));
  if (unreadable.length) return 2;
  return reachesLevel(checked, failOn) ? 1 : 0;
}

function writeJson(documents: Document[], pretty: boolean, io: Output): void {
  if (documents.length === 1) io.out(JSON.stringify(documents[0], null, pretty ? 2 : undefined));
  else for (const d of documents) io.out(JSON.stringify(d));
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function reachesLevel(documents: Document[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return documents.some((d) => d.forms.some((f) => f.findings.some((x) => RANK[x.severity] >= RANK[failOn])));
}
