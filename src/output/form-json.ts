import type { Form } from '../contract/schema.js';

/**
 * `JSON.stringify(form)` as parts whose concatenation is that text, with
 * each finding's rule reference written from a JSON text made once per
 * reference object.
 *
 * The checker gives every finding of a rule the same reference object (its
 * statement and sources, about 550 characters), and those references are
 * about two fifths of a checked form's JSON. Here the form is stringified
 * with each reference replaced by a marker string, the text is cut at the
 * markers, and the reference's remembered JSON goes between the cuts. The
 * cuts stand apart as parts, so nothing is concatenated (a writer encodes
 * part after part). When the form's own text holds the marker's JSON, the
 * count of cuts tells, and the form is stringified whole instead.
 */
const MARK = '\u0001jixiao-rule\u0001';
const MARK_JSON = JSON.stringify(MARK);

type Finding = Form['findings'][number];

const hasReference = (finding: Finding): boolean => finding.rule !== null && typeof finding.rule === 'object';

/** A reference's JSON, as text or as its UTF-8 bytes, remembered by the reference object. */
export type ReferenceJson<Part> = (rule: object) => Part;

export function formJsonParts<Part>(form: Form, referenceJson: ReferenceJson<Part>): (string | Part)[] {
  const findings = form.findings;
  let marked = 0;
  const views = findings.map((finding) => {
    if (!hasReference(finding)) return finding;
    marked++;
    return { ...finding, rule: MARK };
  });
  if (marked === 0) return [JSON.stringify(form)];
  const cuts = JSON.stringify({ ...form, findings: views }).split(MARK_JSON);
  if (cuts.length !== marked + 1) return [JSON.stringify(form)];
  const parts: (string | Part)[] = [cuts[0]];
  let cut = 0;
  for (const finding of findings) {
    if (!hasReference(finding)) continue;
    parts.push(referenceJson(finding.rule), cuts[++cut]);
  }
  return parts;
}

/** A reference's JSON, made from its text by `made` once per reference object. */
function rememberedReference<Part>(made: (json: string) => Part): ReferenceJson<Part> {
  const known = new WeakMap<object, Part>();
  return (rule) => {
    let json = known.get(rule);
    if (json === undefined) known.set(rule, (json = made(JSON.stringify(rule))));
    return json;
  };
}

/** A reference's JSON text, made once per reference object. */
export const rememberedReferenceText = (): ReferenceJson<string> => rememberedReference((json) => json);

/**
 * A reference's JSON as UTF-8 bytes, encoded once per reference object: the
 * references are also about two fifths of the output's bytes, and copying
 * their bytes costs less than encoding their Chinese text again.
 */
export function rememberedReferenceBytes(): ReferenceJson<Uint8Array> {
  const encoder = new TextEncoder();
  return rememberedReference((json) => encoder.encode(json));
}
