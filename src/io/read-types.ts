/** The types the text pipeline and the readers of other documents share (no code: neither side loads the other through them). */
import type { Document } from '../contract/schema.js';

/** The span a source states for the cell at a line (row) and field index of the text written from a grid, or null. */
export type StatedSpans = (line: number, index: number) => { colSpan: number; rowSpan: number } | null;

/** How the text pipeline reads one block of text, with the spans its grid states (injected: the readers do not import the pipeline). */
export type ReadText = (text: string, encoding: string, spans?: StatedSpans) => Document;

export interface ReadSettings {
  file: string | null;
  /** The most bytes an archive may unpack to. */
  maxBytes: number;
}

/** The readers of documents other than text exports: each gives null for a text export. */
export interface OtherDocuments {
  bytes(bytes: Uint8Array, settings: ReadSettings, readText: ReadText): Document | null;
  text(text: string, encoding: string, settings: ReadSettings, readText: ReadText): Document | null;
}
