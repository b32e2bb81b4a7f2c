import { DataError } from '../util/errors.js';

export interface SliceSampling {
  /** Positions per slice dimension; 1 means the slice centre only (no spatial averaging, weight 1). */
  positionsPerDimension: number;
  /** Simulated extent of each dimension as a multiple of the pulse bandwidth (covers the transition bands). */
  extentFactor: number;
}

/**
 * Positions across one slice dimension as slice-select gradient offsets (Hz), the midpoints of equal bins spanning
 * extentFactor × bandwidth, each weighted by bin width / bandwidth: a perfect rectangular profile then averages
 * to 1, so the averaged signal is relative to the nominal slice.
 */
export function slicePositions(bandwidthHz: number, sampling: SliceSampling): { offsetsHz: Float64Array; weights: Float64Array } {
  const { positionsPerDimension: count, extentFactor } = sampling;
  if (!Number.isInteger(count) || count < 1) throw new DataError(`basis simulation: positions per dimension must be a positive integer, got ${count}`);
  if (!(extentFactor > 0)) throw new DataError(`basis simulation: slice extent factor must be positive, got ${extentFactor}`);
  if (count === 1) return { offsetsHz: Float64Array.of(0), weights: Float64Array.of(1) };
  const binHz = (extentFactor * bandwidthHz) / count;
  const offsetsHz = Float64Array.from({ length: count }, (_, j) => (j + 0.5 - count / 2) * binHz);
  return { offsetsHz, weights: new Float64Array(count).fill(binHz / bandwidthHz) };
}
