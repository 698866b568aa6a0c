/** Error codes of posters: no TrueType font with Vietnamese glyphs to embed. */
export const POSTERS_ERRORS = {
  font_missing: 500,
} as const;
