/** Lengths of the continuum's free-text fields, shared by the forms and the rules. */
export const NOTE_MAX = 2000;
export const REFLECTION_MAX = 4000;
export const COMMENT_MAX = 2000;
