/**
 * The library's parse: a text export, or a workbook (.xlsx), Word document
 * (.docx) or saved web page (.html) told by its content, each sheet or table
 * read by the text pipeline; a format read only after conversion is named.
 */
import { OTHER_DOCUMENTS } from '../io/read.js';
import { parseWith, type ParseOptions } from './pipeline.js';
import type { Document } from '../contract/schema.js';

export function parse(input: string | Uint8Array, options: ParseOptions = {}): Document {
  return parseWith(input, options, OTHER_DOCUMENTS);
}
