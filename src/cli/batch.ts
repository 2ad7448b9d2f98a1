/**
 * One file of a batch, start to end: read in pieces, parsed and checked form
 * by form (parseStream), each form formatted and handed on as soon as it is
 * ready, so that neither the input nor the output of a large file ever exists
 * whole in memory. The same function runs in the main thread (`--jobs 1`)
 * and in the worker threads, so the output cannot depend on N.
 */
import { check } from '../check/check.js';
import { inPieces, internalError, openInput, readAhead, readFailure, unreadable } from '../io/input-file.js';
import { outputWriter, partsOf, type Channel, type Format, type Part, type Pieces } from '../output/writers.js';
import { diagnosticMessage, NO_FORM_REASON, type Lang } from '../catalogue/messages.js';
import { emptyStats, type FileStats } from './progress.js';
import { parse, parseSettings } from '../api/pipeline.js';
import { isOtherDocumentHead } from '../io/sniff.js';
import { DEFAULT_SETTINGS, toSettings, type Profile, type Settings } from '../check/profile.js';
import type { Diagnostic, Document, Form, Severity } from '../contract/schema.js';
import { parseStream } from '../api/stream.js';

export type { Format } from '../output/writers.js';

/** What every file of a batch shares; plain data, so that it crosses to worker threads. */
export interface BatchConfig {
  command: 'parse' | 'check';
  format: Format;
  pretty: boolean;
  encoding: string | null;
  /** A validated profile; null: `default`. */
  profile: Profile | null;
  /** Prefix of every line of pretty JSON: two spaces when the documents are printed inside an array. */
  jsonIndent?: string;
  /** Text output and the CSV findings table show only findings and diagnostics at or above it; null: all. */
  minSeverity?: Severity | null;
  /** Language of the text output, of the CSV message column and of the reasons a file failed; default English. */
  lang?: Lang;
  /** Language of the words among CSV values: Chinese only with an explicit --lang zh, as the CSV headers. */
  tableLang?: Lang;
  /** Text output: the rule and its source under each finding (`--explain`). */
  explain?: boolean;
}

/**
 * One input: a file path, or (standard input) none and the temporary file
 * its bytes were copied to; its bytes when already read. `label` names it in
 * tables and the summary.
 */
export interface Task {
  path: string | null;
  spool?: string;
  bytes?: Uint8Array;
  label: string;
}

/**
 * A chunk's text for each channel, in the pieces the writer gave, in order.
 * They are kept apart, not concatenated: a concatenation is flattened (copied
 * into a new string) before it can be encoded, and the copy costs more than
 * encoding the pieces one after another (src/cli/utf8.ts).
 */
export type ChunkPieces = Partial<Record<Channel, readonly Part[]>>;

/** A part of a file's output, ending at a form's end; the file's figures up to there; whether it is the last part. */
export interface OutputChunk {
  pieces: ChunkPieces;
  stats: FileStats;
  final: boolean;
}

/** Takes a file's output in order; the file goes on when the promise settles (back-pressure). */
export type Emit = (chunk: OutputChunk) => void | Promise<void>;

export interface FileOutcome {
  stats: FileStats;
  /** The checked document, for the `document` format only. */
  document?: Document;
}

export type Processor = (task: Task, emit: Emit) => Promise<FileOutcome>;

/** Output is handed on in chunks of about this many characters: few writes, few messages between threads. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Blank input is "the input is empty" for `parse` but "no form found" for the
 * stream, which does not keep the text to tell. A file that gave no form is
 * therefore parsed again whole when it is at most this large, so that its
 * diagnostics are exactly `parse`'s; larger formless files keep the stream's.
 */
const FORMLESS_REPARSE_BYTES = 1024 * 1024;

/**
 * Files at most this large are read whole ahead of their turn, while the
 * files before them are parsed; larger ones are streamed at their turn. Not
 * above FORMLESS_REPARSE_BYTES: a file read ahead then gives exactly the
 * document it gives streamed.
 */
const READ_AHEAD_BYTES = FORMLESS_REPARSE_BYTES;

/** The task, with its bytes when it is a small file: reading starts at once, the task is awaited at its turn. */
export function readingAhead(task: Task): Promise<Task> {
  const source = task.path ?? task.spool ?? null;
  if (source === null || task.bytes !== undefined) return Promise.resolve(task);
  return readAhead(source, READ_AHEAD_BYTES).then((bytes) => (bytes === null ? task : { ...task, bytes }));
}

/** Resolves the profile once for all the files one thread processes. */
export function createProcessor(config: BatchConfig): Processor {
  const settings = config.command === 'check' ? profileSettings(config.profile) : null;
  const finish = (document: Document) => (settings === null ? document : check(document, { profile: settings }));
  return (task, emit) => processFile(task, config, settings, finish, emit);
}

async function processFile(task: Task, config: BatchConfig, settings: Settings | null, finish: (d: Document) => Document, emit: Emit): Promise<FileOutcome> {
  const writer = outputWriter({ format: config.format, pretty: config.pretty, label: task.label, indent: config.jsonIndent, minSeverity: config.minSeverity ?? null, lang: config.lang, tableLang: config.tableLang, explain: config.explain });
  const stats = emptyStats(task.label);
  const out = new ChunkBuffer(emit);
  const collected: Form[] | null = config.format === 'document' ? [] : null;
  const onForm = async (form: Form) => {
    countForm(stats, form);
    collected?.push(form);
    await out.add(writer.form(form), stats);
  };

  const input = await openTask(task, parseSettings({ encoding: config.encoding }).maxBytes);
  const { diagnostics, failure } = input.ok
    ? await streamForms(task, input, { encoding: config.encoding, settings, finish, lang: config.lang ?? 'en' }, onForm)
    : { diagnostics: finish(input.document).diagnostics, failure: null };
  stats.failure = failure ?? fileFailure(diagnostics, stats.forms, task.label, config.lang ?? 'en');
  stats.failureCode = stats.failure === null ? null : failureCode(diagnostics);
  await out.add(writer.end(diagnostics), stats);
  await out.flush(stats, true);
  return collected === null ? { stats } : { stats, document: { forms: collected, diagnostics } };
}

interface StreamSettings {
  encoding: string | null;
  settings: Settings | null;
  finish: (document: Document) => Document;
  lang: Lang;
}

/**
 * Parses (and checks) a file's bytes form by form, handing each form to
 * `onForm` as it comes; the file's own diagnostics, and why it stopped if
 * something escaped the pipeline (a read error, a fault) after the forms
 * already handed on.
 */
async function streamForms(
  task: Task,
  input: Extract<OpenedTask, { ok: true }>,
  { encoding, settings, finish, lang }: StreamSettings,
  onForm: (form: Form) => Promise<void>,
): Promise<{ diagnostics: Diagnostic[]; failure: string | null }> {
  const source = new TappedSource(input.pieces, input.whole ?? null);
  const diagnostics: Diagnostic[] = [];
  let forms = 0;
  try {
    for await (const item of parseStream(source.pieces(), { file: task.path, encoding, check: settings === null ? false : { profile: settings } })) {
      if (item.kind === 'diagnostic') {
        // Held until the file ends (they come after the forms): copied, so that the text a
        // diagnostic quotes no longer keeps the whole block it was cut from in memory.
        diagnostics.push(structuredClone(item.diagnostic));
        continue;
      }
      forms++;
      source.formSeen();
      await onForm(item.form);
    }
  } catch (error) {
    const problem =
      source.readError !== null && task.path !== null
        ? unreadable(task.path, readFailure(source.readError)).diagnostics[0]
        : internalError(task.path, error instanceof Error ? error.message : String(error));
    return { diagnostics: [...diagnostics, problem], failure: failureOf([problem], task.label, lang) };
  }
  const whole = forms === 0 ? source.whole() : null;
  // A workbook, Word document or page is read whole by the stream already: its diagnostics are the document's.
  if (whole !== null && !isOtherDocumentHead(whole)) {
    const reparsed = finish(parse(whole, { file: task.path, encoding }));
    if (reparsed.forms.length === 0) return { diagnostics: reparsed.diagnostics, failure: null };
  }
  return { diagnostics, failure: null };
}

type OpenedTask = { ok: true; pieces: AsyncIterable<Uint8Array>; whole?: Uint8Array } | { ok: false; document: Document };

async function openTask(task: Task, maxBytes: number): Promise<OpenedTask> {
  if (task.bytes !== undefined) {
    // Over the limit, the whole-input parse refuses at once, with the size in its message.
    if (task.bytes.length > maxBytes) return { ok: false, document: parse(task.bytes, { maxBytes }) };
    return { ok: true, pieces: inPieces(task.bytes), whole: task.bytes };
  }
  return openInput(task.path ?? task.spool ?? '', maxBytes);
}

/**
 * The bytes of a file on their way to the parser: remembers a read error
 * (to tell it from a fault of the pipeline) and, until a form has appeared,
 * the first `FORMLESS_REPARSE_BYTES` (for a formless file's diagnostics).
 */
class TappedSource {
  readError: unknown = null;
  private kept: Uint8Array[] | null = [];
  private keptBytes = 0;
  private complete = false;

  constructor(
    private readonly source: AsyncIterable<Uint8Array>,
    private readonly known: Uint8Array | null,
  ) {
    if (known !== null) this.kept = null;
  }

  async *pieces(): AsyncGenerator<Uint8Array> {
    try {
      for await (const piece of this.source) {
        this.keep(piece);
        yield piece;
      }
      this.complete = true;
    } catch (error) {
      this.readError = error;
      throw error;
    }
  }

  formSeen(): void {
    this.kept = null;
  }

  /** All the bytes, if they were all read and kept. */
  whole(): Uint8Array | null {
    if (!this.complete) return null;
    if (this.known !== null) return this.known.length <= FORMLESS_REPARSE_BYTES ? this.known : null;
    return this.kept === null ? null : Buffer.concat(this.kept);
  }

  private keep(piece: Uint8Array): void {
    if (this.kept === null) return;
    this.keptBytes += piece.length;
    if (this.keptBytes > FORMLESS_REPARSE_BYTES) this.kept = null;
    else this.kept.push(piece);
  }
}

/** Collects output pieces into chunks of about `CHUNK_CHARS` characters before handing them on. */
class ChunkBuffer {
  private pieces: Partial<Record<Channel, Part[]>> = {};
  private size = 0;

  constructor(private readonly emit: Emit) {}

  async add(pieces: Pieces, stats: FileStats): Promise<void> {
    for (const [channel, text] of Object.entries(pieces) as [Channel, string | readonly Part[]][]) {
      for (const part of partsOf(text)) {
        if (part.length === 0) continue;
        (this.pieces[channel] ??= []).push(part);
        this.size += part.length;
      }
    }
    if (this.size >= CHUNK_CHARS) await this.flush(stats, false);
  }

  /** Hands on what is held; the final chunk is handed on even when empty, to mark the end. */
  async flush(stats: FileStats, final: boolean): Promise<void> {
    if (this.size === 0 && !final) return;
    const pieces = this.pieces;
    this.pieces = {};
    this.size = 0;
    await this.emit({ pieces, stats: { ...stats, findings: { ...stats.findings }, diagnostics: { ...stats.diagnostics }, ...(stats.ungradableReasons ? { ungradableReasons: { ...stats.ungradableReasons } } : {}) }, final });
  }
}


/** The profile was validated where it was read (the main thread): here it is only turned into settings. */
function profileSettings(profile: Profile | null): Settings {
  return profile === null ? DEFAULT_SETTINGS : toSettings(profile);
}

function countForm(stats: FileStats, form: Form): void {
  stats.forms++;
  const grading = form.summary?.grading;
  if (grading?.status === 'graded') stats.graded = (stats.graded ?? 0) + 1;
  else if (grading?.status === 'ungradable') {
    stats.ungradable = (stats.ungradable ?? 0) + 1;
    const reasons = (stats.ungradableReasons ??= {});
    const reason = grading.reason ?? 'unknown';
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  stats.indicators += form.indicators.length;
  for (const finding of form.findings) stats.findings[finding.severity]++;
  for (const diagnostic of form.diagnostics) stats.diagnostics[diagnostic.severity]++;
}

/**
 * Why a file failed: the errors that kept every form out of it, or one that
 * stopped reading it part way (bytes that are not text, found at a byte
 * offset after some forms were read); null when it converted.
 */
function fileFailure(diagnostics: readonly Diagnostic[], forms: number, label: string, lang: Lang): string | null {
  if (forms === 0) return failureOf(diagnostics, label, lang);
  const fileErrors = diagnostics.filter((d) => d.severity === 'error' && d.line === 0 && d.detail?.byteOffset !== undefined);
  return fileErrors.length === 0 ? null : failureOf(fileErrors, label, lang);
}

/** The stable code beside why a file failed: its first error of the file itself, else its first error, else no-form. */
function failureCode(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return (errors.find((d) => d.line === 0) ?? errors[0])?.code ?? 'no-form';
}

/** The errors that kept every form out of a file, without the file name the messages may repeat. */
function failureOf(diagnostics: readonly Diagnostic[], label: string, lang: Lang): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return NO_FORM_REASON[lang];
  const messages = errors.map((d) => diagnosticMessage(d, lang));
  return messages.map((m) => (m.startsWith(label + ': ') ? m.slice(label.length + 2) : m)).join(lang === 'zh' ? '；' : '; ');
}
