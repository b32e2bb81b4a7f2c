/** Five-number summary of repeated timings (milliseconds or any unit). */
export interface Spread {
  median: number;
  /** Lower and upper quartiles: the IQR is q3 − q1. */
  q1: number;
  q3: number;
  min: number;
  max: number;
  runs: number;
}

/**
 * Quantile by linear interpolation between order statistics (the "type 7" definition that R and NumPy use
 * by default): position (n − 1)·q in the sorted sample.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${q}`);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

export function summarize(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    runs: sorted.length,
  };
}
