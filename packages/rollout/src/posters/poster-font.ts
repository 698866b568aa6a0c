/**
 * The TrueType fonts posters embed, so Vietnamese diacritics (ệ, ữ, ỗ …) print correctly on any
 * printer: PDF standard fonts cover Latin-1 only. Resolved at run time from Debian font packages
 * (fonts-dejavu-core, or fonts-noto-core), or BLUEZONE_POSTER_FONT / _BOLD.
 */
import { existsSync } from 'node:fs';
import { RolloutError } from '../rollout-error';

const CANDIDATES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf'],
] as const;

export interface PosterFonts {
  regular: string;
  bold: string;
}

export function resolvePosterFonts(env: Record<string, string | undefined> = process.env): PosterFonts {
  const regular = env.BLUEZONE_POSTER_FONT;
  if (regular) {
    if (!existsSync(regular)) throw new RolloutError('font_missing', `BLUEZONE_POSTER_FONT ${regular} does not exist`);
    const bold = env.BLUEZONE_POSTER_FONT_BOLD;
    return { regular, bold: bold && existsSync(bold) ? bold : regular };
  }
  for (const [r, b] of CANDIDATES) if (existsSync(r)) return { regular: r, bold: existsSync(b) ? b : r };
  throw new RolloutError(
    'font_missing',
    'no TrueType font with Vietnamese glyphs found: install the Debian package fonts-dejavu-core ' +
      '(scripts/setup does) or set BLUEZONE_POSTER_FONT to a .ttf file',
  );
}
