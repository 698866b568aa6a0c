/**
 * Opt-out by reply: "TU CHOI" ("từ chối", refuse). People type it with or without diacritics,
 * in any case, sometimes run together, so the reply is folded to bare ASCII before matching.
 */

/** Uppercase ASCII with Vietnamese diacritics removed (đ → D) and whitespace collapsed. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export const OPT_OUT_KEYWORD = 'TU CHOI';

export function isOptOutReply(text: string): boolean {
  return /^TU ?CHOI(\b|$)/.test(foldVietnamese(text));
}
