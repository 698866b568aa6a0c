/**
 * Ridge-regularised linear least squares by the normal equations (XᵀX + λD)β = Xᵀy, solved by
 * Gaussian elimination with partial pivoting. The radio fit has a dozen parameters, so the
 * O(p³) solve is nothing; `ridge[j]` lets weakly identified parameters (per-phone offsets seen
 * in one or two experiments) shrink towards zero instead of absorbing noise.
 */
import { SimError } from '../sim-error';

export function ridgeLeastSquares(rows: readonly number[][], y: readonly number[], ridge: readonly number[]): number[] {
  const p = ridge.length;
  const a: number[][] = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  rows.forEach((x, i) => {
    const yi = y[i] ?? 0;
    for (let j = 0; j < p; j++) {
      const xj = x[j] ?? 0;
      if (xj === 0) continue;
      const aj = a[j] as number[];
      for (let k = 0; k < p; k++) aj[k] = (aj[k] ?? 0) + xj * (x[k] ?? 0);
      aj[p] = (aj[p] ?? 0) + xj * yi;
    }
  });
  for (let j = 0; j < p; j++) (a[j] as number[])[j] = ((a[j] as number[])[j] ?? 0) + (ridge[j] ?? 0);
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) {
      if (Math.abs((a[r] as number[])[col] ?? 0) > Math.abs((a[pivot] as number[])[col] ?? 0)) pivot = r;
    }
    const pr = a[pivot] as number[];
    if (Math.abs(pr[col] ?? 0) < 1e-12)
      throw new SimError('invalid_data', `radio fit: parameter ${col} is not identifiable`);
    a[pivot] = a[col] as number[];
    a[col] = pr;
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const f = (row[col] ?? 0) / (pr[col] ?? 1);
      if (f === 0) continue;
      for (let k = col; k <= p; k++) row[k] = (row[k] ?? 0) - f * (pr[k] ?? 0);
    }
  }
  return a.map((row, j) => (row[p] ?? 0) / (row[j] ?? 1));
}
