/**
 * A small scanner for the machine-written XML of Office parts: start tags
 * with their attributes, end tags and text, entities decoded. No DTD, no
 * external entity is ever read (there is nothing here to read one with).
 */
export type XmlEvent = { kind: 'open'; name: string; attributes: Record<string, string>; selfClosing: boolean } | { kind: 'close'; name: string } | { kind: 'text'; text: string };

const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name === 'amp') return '&';
    if (name === 'lt') return '<';
    if (name === 'gt') return '>';
    if (name === 'quot') return '"';
    if (name === 'apos') return "'";
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
  });
}

/** The events of an XML text, in order; a name keeps its prefix (`w:tc`). */
export function* xmlEvents(xml: string): Generator<XmlEvent> {
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(xml); match !== null; match = TOKEN.exec(xml)) {
    if (match[1] !== undefined) yield { kind: 'text', text: match[1] };
    else if (match[2] !== undefined) yield { kind: 'close', name: match[2] };
    else if (match[3] !== undefined) {
      const attributes: Record<string, string> = {};
      const written = match[4];
      if (written) {
        ATTRIBUTE.lastIndex = 0;
        for (let a = ATTRIBUTE.exec(written); a !== null; a = ATTRIBUTE.exec(written)) attributes[a[1]] = decodeEntities(a[2] ?? a[3] ?? '');
      }
      const selfClosing = match[5] === '/';
      yield { kind: 'open', name: match[3], attributes, selfClosing };
      if (selfClosing) yield { kind: 'close', name: match[3] };
    } else if (match[6] !== undefined) yield { kind: 'text', text: decodeEntities(match[6]) };
  }
}

/** The local part of a name: `w:tc` → `tc`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
