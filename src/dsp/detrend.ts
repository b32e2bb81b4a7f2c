/**
 * Residual sum of squares of one part (0 = real, 1 = imaginary) of an interleaved complex spectrum over
 * indices [first, last] after removing the least-squares straight line: the noise measure of a signal-free band.
 */
export function detrendedSumSquares(spectrum: Float64Array, first: number, last: number, part: 0 | 1): { residualSumSquares: number; n: number } {
  const n = last - first + 1;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let k = first; k <= last; k++) {
    const x = k - first;
    const y = spectrum[2 * k + part];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const intercept = (sy - slope * sx) / n;
  let rss = 0;
  for (let k = first; k <= last; k++) {
    const e = spectrum[2 * k + part] - intercept - slope * (k - first);
    rss += e * e;
  }
  return { residualSumSquares: rss, n };
}
