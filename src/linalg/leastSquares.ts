/**
 * Weighted linear least squares β = (XᵀWX)⁻¹XᵀWy for a few columns, by Gaussian elimination with partial
 * pivoting on the normal equations. Rows of weight 0 are left out entirely (their values may be non-finite).
 */
export function weightedLeastSquares(rows: readonly (readonly number[])[], y: ArrayLike<number>, w: ArrayLike<number>): number[] {
  const k = rows[0].length;
  const normal = Array.from({ length: k }, () => new Float64Array(k + 1));
  rows.forEach((row, i) => {
    if (w[i] === 0) return;
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) normal[r][c] += w[i] * row[r] * row[c];
      normal[r][k] += w[i] * row[r] * y[i];
    }
  });
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(normal[r][col]) > Math.abs(normal[pivot][col])) pivot = r;
    [normal[col], normal[pivot]] = [normal[pivot], normal[col]];
    for (let r = col + 1; r < k; r++) {
      const f = normal[r][col] / normal[col][col];
      for (let c = col; c <= k; c++) normal[r][c] -= f * normal[col][c];
    }
  }
  const solution = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = normal[r][k];
    for (let c = r + 1; c < k; c++) s -= normal[r][c] * solution[c];
    solution[r] = s / normal[r][r];
  }
  return solution;
}
