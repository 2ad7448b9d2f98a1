/** HTML escaping shared by the server-side renderer and the page's script. */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A figure or text as shown: an em dash for an absent or empty value. */
export function shown(value: string | null | undefined): string {
  return value == null || value === '' ? '—' : value;
}
