/**
 * jixiao/core: the pipeline without a file system, for browsers, workers and
 * bundlers. Nothing in its import graph imports a `node:` module; the built-in
 * profiles are bundled JSON, and decoding uses the platform's TextDecoder.
 *
 *   import { parse, check } from 'jixiao/core';
 *   const document = check(parse(new Uint8Array(await file.arrayBuffer()), { file: file.name }));
 *
 * A wrong argument is thrown (TypeError, or RangeError for an unknown profile
 * name); a problem in the input is a diagnostic, never thrown.
 */
import {
  guardedCheck,
  guardedCheckForm,
  guardedParse,
  guardedParseStream,
  guardedParseStreamToDocument,
  guardedRender,
  guardedRenderReport,
  type Bytes,
  type ProfileValue,
} from './door.js';
import type { ParseOptions } from './pipeline.js';
import type { Document, Form } from '../contract/schema.js';
import type { StreamItem } from './stream.js';
import type { ReportOptions } from '../report/model.js';

export type { Bytes, ProfileName, ProfileValue } from './door.js';
export type { ParseOptions } from './pipeline.js';
export type { StreamItem } from './stream.js';

/**
 * The options of `check`. `P` is what names a profile: here a built-in name,
 * a profile object (full, or an overlay that `extends` a built-in) or
 * resolved settings; the Node entry adds the path of a profile file.
 */
export interface CheckOptions<P = ProfileValue> {
  /** The profile; default: `default`. */
  profile?: P;
}

/** The options of `parseStream`: those of `parse`, and whether (and how) each form is checked. */
export interface StreamOptions<P = ProfileValue> extends ParseOptions {
  /** Check each form as it is parsed (true: the default profile), or leave it unchecked (false, the default). */
  check?: CheckOptions<P> | boolean;
}

/** Parses an export given as text or as the file's bytes (encoding detected). */
export function parse(input: string | Bytes, options?: ParseOptions): Document {
  return guardedParse(input, options);
}

/** Recomputes every form's arithmetic under a profile: findings, recomputed scores, a summary per form. */
export function check(document: Document, options?: CheckOptions): Document {
  return guardedCheck(document, options, null);
}

/** Checks one form. */
export function checkForm(form: Form, profile?: ProfileValue): Form {
  return guardedCheckForm(form, profile, null);
}

/** Parses a stream of bytes or text, yielding each form as soon as it is complete. */
export function parseStream(source: AsyncIterable<Uint8Array | string>, options?: StreamOptions): AsyncGenerator<StreamItem> {
  return guardedParseStream(source, options, null);
}

/** Collects a stream into one document, the same as `parse` on the whole input. */
export function parseStreamToDocument(source: AsyncIterable<Uint8Array | string>, options?: StreamOptions): Promise<Document> {
  return guardedParseStreamToDocument(source, options, null);
}

export { resolveProfile, parseProfile, builtinProfile, BUILTIN_PROFILE_NAMES, type Profile, type ProfileOverlay, type Settings } from '../check/profile.js';
export { ProfileSchema } from '../check/profile-schema.js';
export { RULES } from '../check/rules.js';
export { decode, type DecodeResult, type DecodeSettings } from '../parse/decode.js';
export * from '../contract/schema.js';
export { jsonSchema } from '../contract/json-schema.js';

/** The audit report of checked documents, as one HTML page; each document is held to the schema first (a TypeError names the first wrong field). */
export function renderReport(documents: Document[], options?: ReportOptions): string {
  return guardedRenderReport(documents, options);
}

/** Documents back as clean tab-separated exports; the document is held to the schema first. */
export function render(document: Document): string {
  return guardedRender(document);
}
