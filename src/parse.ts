/**
 * The parsing pipeline: decode → tokens → rows → forms → normalized forms.
 * Problems come back as diagnostics in the document; nothing is thrown.
 */
import { decode } from './decode.js';
import { buildForms } from './forms.js';
import { lex } from './lex.js';
import { normalizeForm } from './normalize.js';
import { buildRows } from './rows.js';
import type { Diagnostic, Document } from './schema.js';
import { lineStarts } from './text.js';

export interface ParseOptions {
  /** Name reported in `source.file` and diagnostics. */
  file?: string | null;
  /** Overrides encoding detection for byte input: utf-8, utf-16le, utf-16be, gb18030 (gbk). */
  encoding?: string | null;
  /** Largest input accepted, in bytes (default 512 MiB). */
  maxBytes?: number;
}

export interface ParseSettings {
  file: string | null;
  encoding: string | null;
  maxBytes: number;
}

export function parseSettings(options: ParseOptions = {}): ParseSettings {
  return {
    file: options.file ?? null,
    encoding: options.encoding ?? null,
    maxBytes: options.maxBytes ?? 512 * 1024 * 1024,
  };
}

/** Parses an export given as text or as the file's bytes. */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): Document {
  const settings = parseSettings(options);
  if (typeof input === 'string') {
    if (input.length > settings.maxBytes) return failed(settings, 'input-too-large', `input is larger than ${settings.maxBytes} bytes`);
    return parseText(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, 'utf-8', settings);
  }
  const decoded = decode(input, { encoding: settings.encoding, maxBytes: settings.maxBytes });
  if (!decoded.ok) return failed(settings, decoded.code, decoded.message, decoded.byteOffset);
  return parseText(decoded.text, decoded.encoding, settings);
}

export function parseText(text: string, encoding: string, settings: ParseSettings): Document {
  const starts = lineStarts(text);
  const { chunks } = lex(text);
  const rows = buildRows(text, chunks, starts);
  const forms = buildForms(rows.rows, settings.file, encoding);
  const diagnostics: Diagnostic[] = [...rows.diagnostics, ...forms.diagnostics].map((d) => withFile(d, settings.file));
  if (forms.forms.length === 0) {
    diagnostics.push(withFile({ code: 'no-form', severity: 'error', message: text.trim() ? 'no self-evaluation form found in the input' : 'the input is empty', line: 1, column: 1 }, settings.file));
  }
  return {
    forms: forms.forms.map((draft) => {
      const form = normalizeForm(draft);
      return { ...form, diagnostics: form.diagnostics.map((d) => withFile(d, settings.file)) };
    }),
    diagnostics,
  };
}

function failed(settings: ParseSettings, code: string, message: string, byteOffset = 0): Document {
  const where = settings.file ? `${settings.file}: ` : '';
  return {
    forms: [],
    diagnostics: [{ code, severity: 'error', message: `${where}${message}`, line: 0, column: 0, file: settings.file, detail: { byteOffset } }],
  };
}

function withFile(diagnostic: Diagnostic, file: string | null): Diagnostic {
  return file ? { ...diagnostic, file } : diagnostic;
}
