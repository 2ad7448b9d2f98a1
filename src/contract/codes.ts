/**
 * The stable codes of the output: every finding code (one per rule of the
 * checker's table, src/tables/rules.ts, in its order) and every diagnostic
 * code (one per entry of the catalogue, src/catalogue/messages.ts, in its
 * order). The schema's enums are these lists; the rule table and the
 * catalogue are typed by them, so a code added to either without being
 * added here, or listed here without its rule or its text, does not compile.
 */

export const FINDING_CODES = [
  'missing-section',
  'execution-rate-mismatch',
  'execution-score-mismatch',
  'zero-budget',
  'funds-sum-mismatch',
  'score-exceeds-weight',
  'indicator-score-mismatch',
  'unverifiable',
  'no-weight-column',
  'missing-actual',
  'printed-grade-mismatch',
  'unverifiable-indicator',
  'not-applicable-scored',
  'missing-deviation-reason',
  'level1-weight-mismatch',
  'level2-weight-mismatch',
  'total-weight-mismatch',
  'total-score-mismatch',
  'duplicate-indicator',
  'zero-budget-spent',
  'execution-over-budget',
  'component-rate-mismatch',
  'execution-reason-required',
  'total-weight-not-100',
  'grade-mismatch',
  'large-over-achievement',
  'strict-target-at-bound',
  'nonstandard-layout',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export const DIAGNOSTIC_CODES = [
  'unplaced-cell',
  'label-or-name',
  'unknown-label',
  'invalid-number',
  'number-with-unit',
  'negative-number',
  'percent-out-of-range',
  'funds-column-unmatched',
  'total-figure-unmatched',
  'more-diagnostics',
  'too-many-cells',
  'unsafe-character',
  'control-character',
  'grammar-error',
  'no-form',
  'truncated-form',
  'ambiguous-hierarchy',
  'indicator-without-name',
  'unreadable-file',
  'internal-error',
  'input-too-large',
  'binary-input',
  'unknown-encoding',
  'invalid-encoding',
  'unsupported-format',
  'encrypted-document',
  'damaged-archive',
  'archive-too-large',
  'hidden-cells',
  'profile-not-found',
  'profile-unreadable',
  'profile-invalid',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];
