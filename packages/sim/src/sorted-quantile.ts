/**
 * The value at quantile `q` of `sorted` (ascending): the element at ⌊q·n⌋, the last for q = 1;
 * undefined when there is none. The simulation report's hours and the radio check's percentiles
 * both read it (`bluezone sim preview`'s quartiles take the nearest rank, ⌈q·n⌉ − 1, instead).
 */
export function sortedQuantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
