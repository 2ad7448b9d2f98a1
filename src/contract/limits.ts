/** Diagnostics listed per form, and per file outside the forms; the rest are counted in one `more-diagnostics`. */
export const MAX_DIAGNOSTICS = 1000;
