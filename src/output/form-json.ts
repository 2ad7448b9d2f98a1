import type { Form } from '../contract/schema.js';

/**
 * `JSON.stringify(form)` as parts whose concatenation is that text, with
 * each finding's rule reference written from a JSON text made once per
 * reference object.
 *
 * The checker gives every finding of a rule the same reference object (its
 * statement and sources, about 550 characters), and those references are
 * about a third of a checked form's JSON. Here the form is stringified with
 * each reference replaced by a marker string, the text is cut at the
 * markers, and the reference's remembered JSON goes between the cuts. The
 * cuts stand apart as parts, so nothing is concatenated (a writer encodes
 * part after part). When the form's own text holds the marker's JSON, the
 * count of cuts tells, and the form is stringified whole instead.
 */
export type RuleTexts = WeakMap<object, string>;

const MARK = '\u0001jixiao-rule\u0001';
const MARK_JSON = JSON.stringify(MARK);

type FindingLike = Form['findings'][number];

const hasReference = (finding: FindingLike): boolean => finding.rule !== null && typeof finding.rule === 'object';

export function formJsonParts(form: Form, ruleTexts: RuleTexts): string[] {
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
  const parts = [cuts[0]];
  let cut = 0;
  for (const finding of findings) {
    if (!hasReference(finding)) continue;
    parts.push(ruleJson(finding.rule as object, ruleTexts), cuts[++cut]);
  }
  return parts;
}

function ruleJson(rule: object, ruleTexts: RuleTexts): string {
  let text = ruleTexts.get(rule);
  if (text === undefined) ruleTexts.set(rule, (text = JSON.stringify(rule)));
  return text;
}
