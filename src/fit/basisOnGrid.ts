import { fidToSpectrum, spectrumToFid } from '../dsp/fft.js';
import type { Basis } from '../types/basis.js';
import { DataError } from '../util/errors.js';
import type { FitGrid } from './fitOptions.js';

/** Fine-grid oversampling used when the basis dwell time differs from the data's. */
const FINE_GRID_FACTOR = 16;

/**
 * Largest relative difference between the basis and data spectrometer frequencies that is still one field
 * and nucleus (scanners at one nominal field differ by well under 1 %: 123.2 vs 123.3 MHz at 3 T). Beyond
 * it the strongly coupled patterns (Glu, Gln, GABA, mI) of the basis belong to another field.
 */
export const BASIS_FREQUENCY_TOLERANCE = 0.01;

const cache = new WeakMap<Basis, Map<string, Float64Array[]>>();

/**
 * The basis FIDs on the data's time grid and ppm axis. A basis simulated at f_b MHz holds a line at ppm p at
 * (p − 4.65)·f_b Hz; read on a time axis stretched by f_b/f_d it lies at (p − 4.65)·f_d Hz, where the data
 * has it. So the basis counts as sampled with dwell dt_b·f_b/f_d. Same (effective) dwell time: truncate or
 * zero-fill. Different: band-limited resampling through the spectrum (basis spectrum on a fine grid,
 * interpolated at the data's frequencies, scaled by the dwell ratio, transformed back). Cached per basis
 * object and grid. Throws a DataError when the frequencies differ by more than BASIS_FREQUENCY_TOLERANCE.
 */
export function basisFidsOnGrid(basis: Basis, grid: FitGrid): Float64Array[] {
  assertSameField(basis, grid);
  const key = `${grid.points}:${grid.dwellTimeS}:${grid.spectrometerFrequencyMHz}`;
  let byGrid = cache.get(basis);
  if (!byGrid) {
    byGrid = new Map();
    cache.set(basis, byGrid);
  }
  let fids = byGrid.get(key);
  if (!fids) {
    const basisDwellS = basis.dwellTimeS * (basis.spectrometerFrequencyMHz / grid.spectrometerFrequencyMHz);
    const sameDwell = Math.abs(basisDwellS - grid.dwellTimeS) <= 1e-6 * grid.dwellTimeS;
    fids = basis.fids.map((fid) => (sameDwell ? truncateOrZeroFill(fid, grid.points) : resampleFid(fid, basisDwellS, grid)));
    byGrid.set(key, fids);
  }
  return fids;
}

function assertSameField(basis: Basis, grid: FitGrid): void {
  const basisMHz = basis.spectrometerFrequencyMHz;
  const dataMHz = grid.spectrometerFrequencyMHz;
  if (Math.abs(basisMHz - dataMHz) <= BASIS_FREQUENCY_TOLERANCE * dataMHz) return;
  throw new DataError(
    `basis ${basis.source} was made at ${basisMHz.toFixed(3)} MHz but the data were acquired at ${dataMHz.toFixed(3)} MHz ` +
      `(more than ${100 * BASIS_FREQUENCY_TOLERANCE} % apart: another field or nucleus); ` +
      `give a basis for the data's frequency, e.g. from \`glutrace basis --frequency ${dataMHz.toFixed(3)}\``,
  );
}

function truncateOrZeroFill(fid: Float64Array, points: number): Float64Array {
  const out = new Float64Array(2 * points);
  out.set(fid.subarray(0, Math.min(fid.length, 2 * points)));
  return out;
}

function resampleFid(fid: Float64Array, basisDwellS: number, grid: FitGrid): Float64Array {
  const basisPoints = fid.length / 2;
  // fine frequency spacing: FINE_GRID_FACTOR points per data frequency bin
  const targetDurationS = FINE_GRID_FACTOR * grid.points * grid.dwellTimeS;
  let finePoints = 1;
  while (finePoints * basisDwellS < targetDurationS || finePoints < basisPoints) finePoints *= 2;
  const fine = fidToSpectrum(truncateOrZeroFill(fid, finePoints));
  const fineStepHz = 1 / (finePoints * basisDwellS);
  const basisNyquistHz = 1 / (2 * basisDwellS);
  const dataStepHz = 1 / (grid.points * grid.dwellTimeS);
  const scale = basisDwellS / grid.dwellTimeS;
  const target = new Float64Array(2 * grid.points);
  for (let q = 0; q < grid.points; q++) {
    const hz = (q - grid.points / 2) * dataStepHz;
    if (Math.abs(hz) >= basisNyquistHz) continue;
    const position = hz / fineStepHz + finePoints / 2;
    const k = Math.floor(position);
    const w = position - k;
    if (k < 0 || k + 1 >= finePoints) continue;
    target[2 * q] = scale * ((1 - w) * fine[2 * k] + w * fine[2 * k + 2]);
    target[2 * q + 1] = scale * ((1 - w) * fine[2 * k + 1] + w * fine[2 * k + 3]);
  }
  return spectrumToFid(target);
}
