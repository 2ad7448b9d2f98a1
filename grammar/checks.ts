/**
 * Whether Chevrotain validates the grammar when it is built. The checks find
 * mistakes in the token and rule definitions, never in the input, so the
 * test suite runs them on the sources while the shipped bundles (built with
 * JIXIAO_BUNDLED defined) skip them and start faster.
 */
declare const JIXIAO_BUNDLED: boolean | undefined;

export const validateGrammar = typeof JIXIAO_BUNDLED === 'undefined' || !JIXIAO_BUNDLED;
