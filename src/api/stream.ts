/**
 * Streaming: bytes arrive, are decoded as they come, cut into form blocks,
 * and each form is parsed (and checked, if asked) and handed out before much
 * more is read. Memory stays bounded by the largest form, not the file.
 */
import { BlockSplitter, type Block } from '../parse/blocks.js';
import { check } from '../check/check.js';
import { settingsOf, type CheckOptions, type Settings } from '../check/profile.js';
import { headLength, streamDecoder, type DecodeFailure, type StreamDecoder, type StreamFailure } from '../parse/decode.js';
import { fileFailure, noFormDiagnostic, parseBlockText, parseSettings, type ParseOptions, type ParseSettings } from './pipeline.js';
import { isOtherDocumentHead, sniffText } from '../io/sniff.js';
import type { Diagnostic, Document, Form } from '../contract/schema.js';
import { DiagnosticList } from '../catalogue/diagnostic-list.js';
import { MAX_DIAGNOSTICS } from '../contract/limits.js';

export type StreamItem = { kind: 'form'; form: Form } | { kind: 'diagnostic'; diagnostic: Diagnostic };

/** The options of `parseStream`: those of `parse`, and whether (and how) each form is checked. */
export interface StreamOptions extends ParseOptions {
  /** Check each form as it is parsed (true: the default profile), or leave it unchecked (false, the default). */
  check?: CheckOptions | boolean;
}

type CheckWith = { profile: Settings } | false;

type Source = AsyncIterable<Uint8Array | string>;

/** Parses an export from a stream of bytes (or text), yielding each form as soon as it is complete. */
export async function* parseStream(source: Source, options: StreamOptions = {}): AsyncGenerator<StreamItem> {
  const settings = parseSettings(options);
  // The profile is resolved before the first read: an unusable one is refused, as `check` refuses it.
  const checkSettings: CheckWith = options.check === undefined || options.check === false ? false : { profile: settingsOf('parseStream', options.check === true ? undefined : options.check.profile) };
  const splitter = new BlockSplitter();
  let decoder: StreamDecoder | null = null;
  let encoding = 'utf-8';
  let head: Uint8Array[] = [];
  let headSize = 0;
  let forms = 0;
  let blank = true;
  // Diagnostics outside the forms: listed up to a cap, the rest counted in one at the end.
  let looseListed = 0;
  const loose = new DiagnosticList(0, MAX_DIAGNOSTICS);
  const fileDiagnostic = ({ code, message, byteOffset, detail }: DecodeFailure): StreamItem => ({
    kind: 'diagnostic',
    diagnostic: fileFailure(settings.file, code, message, { byteOffset, ...detail }),
  });
  const emit = function* (blocks: Block[]): Generator<StreamItem> {
    const read = (block: Block) => parseBlockText(block, encoding, settings);
    const checked = checkSettings ? (document: Document) => check(document, checkSettings) : null;
    for (const documents of blockDocuments(blocks, read, checked)) {
      for (let at = 0; at < documents.length; at++) {
        const { block, document } = documents[at];
        if (blank && block.text.trim() !== '') blank = false;
        for (const item of documentItems(document)) {
          if (item.kind === 'form') forms++;
          if (item.kind === 'diagnostic' && looseListed++ >= MAX_DIAGNOSTICS) loose.add(item.diagnostic);
          else yield item;
        }
      }
    }
  };

  /** The forms of the text before a byte that could not be decoded, then the diagnostic that says where. */
  const stopAt = function* (failure: DecodeFailure | StreamFailure): Generator<StreamItem> {
    if ('before' in failure) {
      yield* emit(splitter.push(failure.before));
      yield* emit(splitter.end());
    }
    yield fileDiagnostic(failure);
  };

  // One iterator, read on by a document that is read whole once its first bytes tell what it is.
  const iterator = (async function* () {
    for await (const piece of source) yield piece;
  })();
  const rest: AsyncIterable<Uint8Array | string> = { [Symbol.asyncIterator]: () => iterator };
  let first = true;
  for await (const piece of rest) {
    if (typeof piece === 'string') {
      if (first && sniffText(piece).kind !== 'text') return yield* wholeDocument([piece], rest, settings, checkSettings);
      first = false;
      yield* emit(splitter.push(piece));
      continue;
    }
    if (!(piece instanceof Uint8Array)) throw new TypeError(`parseStream: the stream must give strings or bytes (Uint8Array, Buffer), not ${piece === null ? 'null' : typeof piece}`);
    if (!decoder) {
      head.push(piece);
      headSize += piece.length;
      const held = concat(head);
      if (headLength(held, false) === null) {
        head = [held];
        continue;
      }
      if (isOtherDocumentHead(held)) return yield* wholeDocument([held], rest, settings, checkSettings);
      const started = startDecoding(held, false, settings);
      head = [];
      if ('code' in started) return yield* stopAt(started);
      ({ decoder } = started);
      encoding = decoder.encoding;
      yield* emit(splitter.push(started.text));
      continue;
    }
    const text = decoder.write(piece);
    if (typeof text !== 'string') return yield* stopAt(text);
    yield* emit(splitter.push(text));
  }
  if (!decoder && headSize > 0 && isOtherDocumentHead(concat(head))) return yield* wholeDocument(head, (async function* () {})(), settings, checkSettings);
  if (!decoder && headSize > 0) {
    const started = startDecoding(concat(head), true, settings);
    if ('code' in started) return yield* stopAt(started);
    ({ decoder } = started);
    encoding = decoder.encoding;
    yield* emit(splitter.push(started.text));
  }
  if (decoder) {
    const rest = decoder.end();
    if (typeof rest !== 'string') return yield* stopAt(rest);
    yield* emit(splitter.push(rest));
  }
  yield* emit(splitter.end());
  for (const diagnostic of loose.done(settings.file)) yield { kind: 'diagnostic', diagnostic };
  if (forms === 0) yield { kind: 'diagnostic', diagnostic: noFormDiagnostic(blank, settings.file) };
}

/** A document that is not a text export, read whole (within the byte limit) and handed out as the stream's items. */
async function* wholeDocument(head: (Uint8Array | string)[], rest: AsyncIterable<Uint8Array | string>, settings: ParseSettings, checkSettings: CheckWith): AsyncGenerator<StreamItem> {
  const pieces = [...head];
  let size = head.reduce((n, p) => n + p.length, 0);
  for await (const piece of rest) {
    pieces.push(piece);
    size += piece.length;
    if (size > settings.maxBytes) break;
  }
  const whole = pieces.every((p) => typeof p === 'string') ? pieces.join('') : concat(pieces.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p)));
  // Loaded only for such a document: reading text exports never loads the readers of the others.
  const { parse } = await import('./parse-document.js');
  let document = parse(whole, { file: settings.file, encoding: settings.encoding, maxBytes: settings.maxBytes });
  if (checkSettings) document = check(document, checkSettings);
  for (const form of document.forms) yield { kind: 'form', form };
  for (const diagnostic of document.diagnostics) yield { kind: 'diagnostic', diagnostic };
}

/** Collects a stream into one document, the same as `parse` on the whole input. */
export async function parseStreamToDocument(source: Source, options: StreamOptions = {}): Promise<Document> {
  const document: Document = { forms: [], diagnostics: [] };
  for await (const item of parseStream(source, options)) {
    if (item.kind === 'form') document.forms.push(item.form);
    else document.diagnostics.push(item.diagnostic);
  }
  return document;
}

/** Most blocks, and most characters of text, parsed before they are checked and handed out (see blockDocuments). */
export const GROUP_BLOCKS = 64;
export const GROUP_TEXT = 1 << 20;

/**
 * The blocks' documents, parsed (and checked, if asked), handed out group by
 * group in the blocks' order. A group's blocks are all parsed, then all
 * checked: parsing and checking form after form, each in turn, runs about a
 * quarter slower than each over many forms, as the two stages' code and
 * remembered texts take turns in the processor's caches. A group is bounded
 * (GROUP_BLOCKS, GROUP_TEXT), so that memory stays bounded by it whatever
 * the source hands over at once. Where parsing or checking a block fails,
 * the documents of the blocks before it are handed out, then the failure.
 */
export function* blockDocuments<B extends { text: string }>(
  blocks: readonly B[],
  read: (block: B) => Document,
  checked: ((document: Document) => Document) | null,
): Generator<{ block: B; document: Document }[]> {
  for (let from = 0; from < blocks.length; ) {
    const group: { block: B; document: Document }[] = [];
    let text = 0;
    let failure: { error: unknown } | null = null;
    for (; from < blocks.length && group.length < GROUP_BLOCKS && (group.length === 0 || text < GROUP_TEXT); from++) {
      const block = blocks[from];
      try {
        group.push({ block, document: read(block) });
      } catch (error) {
        failure = { error };
        break;
      }
      text += block.text.length;
    }
    let done = group.length;
    if (checked) {
      for (let at = 0; at < group.length && done === group.length; at++) {
        try {
          group[at].document = checked(group[at].document);
        } catch (error) {
          failure = { error };
          done = at;
        }
      }
    }
    yield done === group.length ? group : group.slice(0, done);
    if (failure) throw failure.error;
  }
}

function* documentItems(document: Document): Generator<StreamItem> {
  for (const diagnostic of document.diagnostics) {
    if (diagnostic.code !== 'no-form') yield { kind: 'diagnostic', diagnostic };
  }
  for (const form of document.forms) yield { kind: 'form', form };
}



/** Decides the encoding from the first bytes (`headLength`) and decodes all the bytes held. */
function startDecoding(bytes: Uint8Array, complete: boolean, settings: ParseSettings): { decoder: StreamDecoder; text: string } | DecodeFailure | StreamFailure {
  const length = headLength(bytes, complete) ?? bytes.length;
  const decoder = streamDecoder(bytes.subarray(0, length), complete && bytes.length <= length, { encoding: settings.encoding, maxBytes: settings.maxBytes });
  if ('code' in decoder) return decoder;
  const text = decoder.write(bytes);
  return typeof text === 'string' ? { decoder, text } : text;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
