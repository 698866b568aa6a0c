/**
 * How far a unit is toward its install target, in three bands the map, the bars and the tables
 * colour alike: at or past the target, halfway there, under half.
 */
export type CoverageBand = 'ok' | 'mid' | 'low';

export function coverageBand(u: { share: number; targetShare: number }): CoverageBand {
  const progress = u.targetShare > 0 ? u.share / u.targetShare : 1;
  return progress >= 1 ? 'ok' : progress >= 0.5 ? 'mid' : 'low';
}

/** How far toward target (1 = reached): what "furthest below target" sorts by. */
export function targetProgress(u: { share: number; targetShare: number }): number {
  return u.targetShare > 0 ? u.share / u.targetShare : 1;
}

/**
 * "Xã Hương Phú" → "Hương Phú": an area's own name, for labels where space is short. Only the
 * kind of an area is dropped ("Huyện đoàn" is the district's youth union, not a district).
 */
export function shortUnitName(name: string): string {
  return name.replace(/^(Xã|Thị trấn|Phường)\s+/u, '') || name;
}

/** The areas (communes, towns, villages) among units: what the map, the bars and the trends compare. */
export const AREA_KINDS: ReadonlySet<string> = new Set(['district', 'commune', 'town', 'village']);

/** A rough width of `text` at `fontPx` (average glyph ≈ 0.56 em), to leave out labels that would not fit. */
export function textWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.62;
}
