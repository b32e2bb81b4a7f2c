/** Coefficients (constant first) of the weighted least-squares polynomial of `degree` (1 or 2) in x. */
export function weightedPolynomialFit(x: Float64Array, y: Float64Array, w: Float64Array, degree: 1 | 2): number[] {
  const k = degree + 1;
  const normal = Array.from({ length: k }, () => new Float64Array(k + 1));
  for (let i = 0; i < x.length; i++) {
    if (w[i] === 0) continue;
    const powers = [1, x[i], x[i] * x[i]];
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) normal[r][c] += w[i] * powers[r] * powers[c];
      normal[r][k] += w[i] * powers[r] * y[i];
    }
  }
  // Gaussian elimination with partial pivoting on the small augmented system
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
