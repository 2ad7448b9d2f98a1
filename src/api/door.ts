/**
 * The library's door: what a caller passes is checked once, on the way in.
 * A wrong argument is the caller's bug and is thrown (a TypeError naming the
 * argument, a RangeError for a value outside its set, as csv-parse and zod
 * do); a problem in the input itself is never thrown but reported as a
 * diagnostic by the pipeline. Browser-safe: no `node:` import.
 */
import { checkForm as checkFormWith, check as checkWith } from '../check/check.js';
import { decode } from '../parse/decode.js';
import type { ParseOptions } from './pipeline.js';
import { parse as parseWith } from './parse-document.js';
import { described, settingsOf, type CheckOptions, type ProfileReader, type Settings } from '../check/profile.js';
import { Document as DocumentSchema, Form as FormSchema, type Document, type Form } from '../contract/schema.js';
import type { ZodType } from 'zod';
import { renderReport as renderReportWith } from '../report/render.js';
import { render as renderWith } from '../output/render.js';
import { parseStream as parseStreamWith, type StreamItem, type StreamOptions } from './stream.js';

/** The bytes of an export, as any binary view: a Buffer and a Uint8Array are both Uint8Arrays. */
export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView;

const ENCODINGS = 'utf-8, utf-16le, utf-16be, gb18030, gbk';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The export's text or bytes; any binary view becomes a Uint8Array over the same memory. */
export function inputAtDoor(fn: string, input: unknown): string | Uint8Array {
  if (typeof input === 'string' || input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError(`${fn}: input must be a string or the file's bytes (Uint8Array, Buffer or ArrayBuffer), not ${described(input)}`);
}

function optionsObject(fn: string, options: unknown, name = 'options'): Record<string, unknown> {
  if (options === undefined) return {};
  if (!isPlainObject(options)) throw new TypeError(`${fn}: ${name} must be an object, not ${described(options)}`);
  return options;
}

function optionalString(fn: string, options: Record<string, unknown>, key: string): void {
  const value = options[key];
  if (value !== undefined && value !== null && typeof value !== 'string') throw new TypeError(`${fn}: options.${key} must be a string, not ${described(value)}`);
}

/** Parse options checked: `file` a string, `encoding` one jixiao decodes, `maxBytes` a positive whole number. */
export function parseOptionsAtDoor<T extends ParseOptions>(fn: string, options: unknown): T {
  const checked = optionsObject(fn, options);
  optionalString(fn, checked, 'file');
  optionalString(fn, checked, 'encoding');
  const encoding = checked.encoding;
  if (typeof encoding === 'string') {
    const probe = decode(new Uint8Array(0), { encoding });
    if (!probe.ok && probe.code === 'unknown-encoding') throw new RangeError(`${fn}: options.encoding must be one of ${ENCODINGS}, not ${JSON.stringify(encoding)}`);
  }
  const maxBytes = checked.maxBytes;
  if (maxBytes !== undefined && !(typeof maxBytes === 'number' && Number.isSafeInteger(maxBytes) && maxBytes >= 0)) {
    throw new TypeError(`${fn}: options.maxBytes must be a whole number of bytes, not ${described(maxBytes)}`);
  }
  return checked as T;
}

/** A document as parse gives it: an object with an array of form objects. */
export function documentAtDoor(fn: string, document: unknown): Document {
  if (!isPlainObject(document)) throw new TypeError(`${fn}: document must be a jixiao document ({ forms, diagnostics }), not ${described(document)}`);
  if (!Array.isArray(document.forms)) throw new TypeError(`${fn}: document.forms must be an array of forms, not ${described(document.forms)}`);
  if (!madeByJixiao.has(document)) document.forms.forEach((form, i) => formAtDoor(`${fn}`, form, `document.forms[${i}]`));
  if (document.diagnostics !== undefined && !Array.isArray(document.diagnostics)) {
    throw new TypeError(`${fn}: document.diagnostics must be an array, not ${described(document.diagnostics)}`);
  }
  return againstSchema(fn, DocumentSchema, document, 'document');
}

export function formAtDoor(fn: string, form: unknown, name = 'form'): Form {
  if (!isPlainObject(form)) throw new TypeError(`${fn}: ${name} must be a form object, not ${described(form)}`);
  return againstSchema(fn, FormSchema, form, name);
}

/**
 * Documents and forms the pipeline made and handed out: held to the schema
 * already by construction, so the door does not walk them again (validating
 * a document costs several times checking it). A document made or copied by
 * the caller is not among them and is validated.
 */
const madeByJixiao = new WeakSet<object>();

/** Marks a document (and its forms) as made by the pipeline. */
export function trusted<T extends Document | Form>(value: T): T {
  madeByJixiao.add(value);
  if ('forms' in value && Array.isArray(value.forms)) for (const form of value.forms) madeByJixiao.add(form);
  return value;
}

/**
 * A value held to the output's schema: a document or form made by hand (or
 * changed) that is not one is the caller's bug, told by the path of its
 * first wrong field, before anything computes with it or prints it.
 */
function againstSchema<T>(fn: string, schema: ZodType<T>, value: unknown, name: string): T {
  if (typeof value === 'object' && value !== null && madeByJixiao.has(value)) return value as T;
  const checked = schema.safeParse(value);
  if (checked.success) return value as T;
  const issue = checked.error.issues[0];
  const path = issue.path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), name);
  throw new TypeError(`${fn}: ${path} is not what a jixiao ${name.startsWith('document') ? 'document' : 'form'} holds there (${issue.message})`);
}

/** `renderReport` behind the door: an array of documents, each held to the schema, so that nothing unchecked reaches the page. */
export function guardedRenderReport(documents: unknown, options: unknown): string {
  if (!Array.isArray(documents)) throw new TypeError(`renderReport: documents must be an array of jixiao documents, not ${described(documents)}`);
  const checked = documents.map((document, i) => againstSchema('renderReport', DocumentSchema, document, `documents[${i}]`));
  const opts = optionsObject('renderReport', options);
  optionalString('renderReport', opts, 'title');
  if (opts.lang !== undefined && opts.lang !== 'zh' && opts.lang !== 'en') throw new RangeError(`renderReport: options.lang must be "zh" or "en", not ${described(opts.lang)}`);
  return renderReportWith(checked, opts as { title?: string; lang?: 'zh' | 'en' });
}

/** `render` behind the door: a document held to the schema. */
export function guardedRender(document: unknown): string {
  return renderWith(documentAtDoor('render', document));
}

/** Check options checked: the profile resolved to settings (`settingsOf`), an unusable one refused before anything is read. */
function checkOptionsAtDoor(fn: string, options: unknown, readFile: ProfileReader, name = 'options'): CheckOptions & { profile: Settings } {
  const checked = optionsObject(fn, options, name);
  return { profile: settingsOf(fn, checked.profile, readFile) };
}

/** `parse` behind the door. */
export function guardedParse(input: unknown, options: unknown): Document {
  return trusted(parseWith(inputAtDoor('parse', input), parseOptionsAtDoor('parse', options)));
}

/** `check` behind the door. */
export function guardedCheck(document: unknown, options: unknown, readFile: ProfileReader): Document {
  const checked = documentAtDoor('check', document);
  return trusted(checkWith(checked, checkOptionsAtDoor('check', options, readFile)));
}

/** `checkForm` behind the door. */
export function guardedCheckForm(form: unknown, profile: unknown, readFile: ProfileReader): Form {
  return trusted(checkFormWith(formAtDoor('checkForm', form), settingsOf('checkForm', profile, readFile)));
}

/** `parseStream` behind the door: the source must be (async) iterable; a `check` profile is resolved before the first read. */
export function guardedParseStream(source: unknown, options: unknown, readFile: ProfileReader): AsyncGenerator<StreamItem> {
  const iterable = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | null;
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer || typeof source === 'string') {
    throw new TypeError(`parseStream: source must be an iterable of chunks, not the bytes or text themselves (${described(source)}): use parse, or pass [bytes]`);
  }
  if (iterable === null || typeof iterable !== 'object' || (typeof iterable[Symbol.asyncIterator] !== 'function' && typeof iterable[Symbol.iterator] !== 'function')) {
    throw new TypeError(`parseStream: source must be an async iterable of bytes or text (such as a Node Readable), not ${described(source)}`);
  }
  const checked = parseOptionsAtDoor<StreamOptions & Record<string, unknown>>('parseStream', options);
  const checkOption: unknown = checked.check;
  let check: StreamOptions['check'] = checkOption as StreamOptions['check'];
  if (checkOption === true) check = { profile: settingsOf('parseStream', undefined, readFile) };
  else if (checkOption !== undefined && checkOption !== false) check = checkOptionsAtDoor('parseStream', checkOption, readFile, 'options.check');
  return trustedItems(parseStreamWith(source as AsyncIterable<Uint8Array | string>, { ...checked, check }));
}

async function* trustedItems(items: AsyncGenerator<StreamItem>): AsyncGenerator<StreamItem> {
  for await (const item of items) {
    if (item.kind === 'form') trusted(item.form);
    yield item;
  }
}

/** `parseStreamToDocument` behind the door: the stream's items collected into one document. */
export async function guardedParseStreamToDocument(source: unknown, options: unknown, readFile: ProfileReader): Promise<Document> {
  const items = guardedParseStream(source, options, readFile);
  const document: Document = { forms: [], diagnostics: [] };
  for await (const item of items) {
    if (item.kind === 'form') document.forms.push(item.form);
    else document.diagnostics.push(item.diagnostic);
  }
  return trusted(document);
}
