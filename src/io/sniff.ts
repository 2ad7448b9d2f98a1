/**
 * What a document is, from its first bytes or its decoded text: a zip archive
 * (a workbook or Word document, told apart by its content types once opened),
 * a web page, a format read only after conversion, or a text export. Light:
 * the stream asks it of every file before it decides how to read it.
 */
/** A format jixiao recognises but does not read, with the way to convert it. */
export type UnreadFormat = 'xls' | 'doc' | 'ole' | 'pdf' | 'zip' | 'xml-spreadsheet' | 'mht' | 'rtf' | 'odf';

export type Sniffed = { kind: 'text' } | { kind: 'zip' } | { kind: 'html' } | { kind: 'unread'; format: UnreadFormat } | { kind: 'encrypted' };

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Whether a UTF-16LE name occurs in the bytes (an OLE file's stream names are stored so). */
function holdsUtf16Name(bytes: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  const limit = Math.min(bytes.length, 4 * 1024 * 1024) - name.length * 2;
  outer: for (let at = 0; at <= limit; at++) {
    if (bytes[at] !== first || bytes[at + 1] !== 0) continue;
    for (let i = 1; i < name.length; i++) if (bytes[at + 2 * i] !== name.charCodeAt(i) || bytes[at + 2 * i + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** What the bytes are, from their first bytes (and, for an OLE file, its stream names). */
export function sniffBytes(bytes: Uint8Array): Sniffed {
  if (looksLikeZip(bytes)) return { kind: 'zip' };
  if (startsWith(bytes, OLE)) {
    // An encrypted .xlsx or .docx is an OLE file holding the encrypted package.
    if (holdsUtf16Name(bytes, 'EncryptedPackage')) return { kind: 'encrypted' };
    if (holdsUtf16Name(bytes, 'Workbook') || holdsUtf16Name(bytes, 'Book')) return { kind: 'unread', format: 'xls' };
    if (holdsUtf16Name(bytes, 'WordDocument')) return { kind: 'unread', format: 'doc' };
    return { kind: 'unread', format: 'ole' };
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'unread', format: 'pdf' };
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return { kind: 'unread', format: 'rtf' };
  return { kind: 'text' };
}

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|style|title)[\s>/]/i;

/** Whether decoded text is a web page, a Excel 2003 XML spreadsheet or a web archive, rather than a text export. */
export function sniffText(text: string): Sniffed {
  const head = text.slice(0, 4096).replace(/^\ufeff/, '');
  if (/^\s*<\?xml[^>]*>\s*(?:<\?mso-application[^>]*Excel[^>]*>|[\s\S]*?<(?:ss:)?Workbook[\s>])/i.test(head)) return { kind: 'unread', format: 'xml-spreadsheet' };
  if (/^\s*MIME-Version:/i.test(head) && /multipart\/related/i.test(head)) return { kind: 'unread', format: 'mht' };
  if (HTML_START.test(head)) return { kind: 'html' };
  return { kind: 'text' };
}


/** Whether the bytes start as a zip archive does (a local file header, or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/** Whether a document's first bytes show something other than a text export (its first 4 KiB decoded as UTF-8, or UTF-16 after a byte order mark). */
export function isOtherDocumentHead(head: Uint8Array): boolean {
  if (sniffBytes(head).kind !== 'text') return true;
  const bytes = head.subarray(0, 4096);
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return sniffText(new TextDecoder(encoding).decode(bytes)).kind !== 'text';
}
