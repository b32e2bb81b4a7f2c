/** Order statistics used by the robust estimators (medians, MAD) of the preprocessing steps. */

/** Median of the values (copies, does not reorder the input). NaN for an empty input. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

/** Median absolute deviation scaled to estimate the SD of normal data (1.4826·MAD). */
export function robustSd(values: ArrayLike<number>, centre = median(values)): number {
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs(values[i] - centre);
  return 1.4826 * median(deviations);
}

/** Running median over a centred window of `width` samples (shrinking at the ends). */
export function runningMedian(values: ArrayLike<number>, width: number): Float64Array {
  const half = Math.max(0, Math.floor(width / 2));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(values.length, i + half + 1);
    out[i] = median(Array.prototype.slice.call(values, lo, hi) as number[]);
  }
  return out;
}

/** Element-wise median of several equal-length arrays. */
export function elementwiseMedian(arrays: readonly Float64Array[]): Float64Array {
  const length = arrays[0].length;
  const out = new Float64Array(length);
  const column = new Float64Array(arrays.length);
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < arrays.length; k++) column[k] = arrays[k][i];
    out[i] = median(column);
  }
  return out;
}
