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
} from './door.js';
import type { ParseOptions } from './pipeline.js';
import type { Document, Form } from '../contract/schema.js';
import type { StreamItem, StreamOptions } from './stream.js';
import type { CheckOptions, ProfileValue } from '../check/profile.js';
import type { ReportOptions } from '../report/model.js';

export type { Bytes } from './door.js';
export type { ParseOptions } from './pipeline.js';
export type { StreamItem, StreamOptions } from './stream.js';
/** The built-in profiles by name: `'default' | 'mof2020' | 'mof2021' | 'vendor' | 'hubei' | 'sichuan'`. */
export type { BuiltinProfileName as ProfileName } from '../check/profiles.js';
/*
 * How a profile is named (`ProfileValue`: a built-in name, a profile file's
 * path, a profile object or resolved settings) and the options of `check`.
 * A file's path is read by the Node entry only; here it is refused.
 */
export type { CheckOptions, ProfileFile, ProfileValue } from '../check/profile.js';

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
