export function mean(x: number[]): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}

export function sampleSd(x: number[]): number {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
}

/** Ordinary least squares β = (XᵀX)⁻¹Xᵀy for rows of X (small p, Gaussian elimination with partial pivoting). */
export function ordinaryLeastSquares(rows: number[][], y: number[]): number[] {
  const p = rows[0].length;
  const m = Array.from({ length: p }, (_, a) => {
    const row = new Array<number>(p + 1).fill(0);
    rows.forEach((x, i) => {
      for (let b = 0; b < p; b++) row[b] += x[a] * x[b];
      row[p] += x[a] * y[i];
    });
    return row;
  });
  for (let i = 0; i < p; i++) {
    let pivot = i;
    for (let j = i + 1; j < p; j++) if (Math.abs(m[j][i]) > Math.abs(m[pivot][i])) pivot = j;
    [m[i], m[pivot]] = [m[pivot], m[i]];
    for (let j = i + 1; j < p; j++) {
      const f = m[j][i] / m[i][i];
      for (let k = i; k <= p; k++) m[j][k] -= f * m[i][k];
    }
  }
  const beta = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let v = m[i][p];
    for (let k = i + 1; k < p; k++) v -= m[i][k] * beta[k];
    beta[i] = v / m[i][i];
  }
  return beta;
}
