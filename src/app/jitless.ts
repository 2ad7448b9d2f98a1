/**
 * Imported first by the worker, so that this runs before any schema parses:
 * zod compiles its object parsers with `new Function` unless told not to, and
 * the page's Content-Security-Policy forbids that (even the probe for it would
 * be reported as a violation). An export the worker uses, since the package
 * is marked free of side effects and a bare import would be dropped.
 */
import { config } from 'zod';

export const ZOD_CONFIG = config({ jitless: true });
