/**
 * Text bound for a terminal, made inert: a file name or a cell may hold
 * control characters and escape sequences (ESC [ 2 J clears the screen, OSC 8
 * forges a link, U+202E reverses the line) that a terminal would obey. Each
 * such character is written as a visible escape instead (`\x1b`, `\u202e`),
 * so the name stays recognisable and nothing acts on the terminal.
 */

// C0 controls, DEL, C1 controls (U+009B is a one-character CSI), line and
// paragraph separators, and the bidirectional embedding, override and isolate marks.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One piece of text (a file name, a message), every control character shown as an escape, line breaks included. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Several lines: each line made safe, the line breaks between them kept. */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
