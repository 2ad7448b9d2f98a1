/** The one order of severities: info < warning < error. */
import type { Severity } from './schema.js';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** Severities from the least to the most severe. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** Whether `severity` is at or above `minimum` (no minimum: always). */
export function atOrAbove(severity: Severity, minimum: Severity | null | undefined): boolean {
  return minimum == null || SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}

/** The more severe of two. */
export function worseOf(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}
