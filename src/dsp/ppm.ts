/** The 1H ppm axis is centred on the water resonance at 4.65 ppm (receiver on water). */
export const PPM_CENTRE_1H = 4.65;

export interface SpectralGrid {
  points: number;
  dwellTimeS: number;
  spectrometerFrequencyMHz: number;
}

/** Frequency of spectrum index k (after fftshift), Hz from the centre. */
export function indexToHz(index: number, grid: SpectralGrid): number {
  const bandwidthHz = 1 / grid.dwellTimeS;
  return (index - grid.points / 2) * (bandwidthHz / grid.points);
}

export function hzToPpm(hz: number, grid: SpectralGrid, centrePpm = PPM_CENTRE_1H): number {
  return centrePpm + hz / grid.spectrometerFrequencyMHz;
}

export function ppmToHz(ppm: number, grid: SpectralGrid, centrePpm = PPM_CENTRE_1H): number {
  return (ppm - centrePpm) * grid.spectrometerFrequencyMHz;
}

/** Fractional spectrum index of a ppm value. */
export function ppmToIndex(ppm: number, grid: SpectralGrid, centrePpm = PPM_CENTRE_1H): number {
  const bandwidthHz = 1 / grid.dwellTimeS;
  return ppmToHz(ppm, grid, centrePpm) / (bandwidthHz / grid.points) + grid.points / 2;
}

/** ppm of every spectrum index (rising with index). */
export function ppmAxis(grid: SpectralGrid, centrePpm = PPM_CENTRE_1H): Float64Array {
  const axis = new Float64Array(grid.points);
  for (let k = 0; k < grid.points; k++) axis[k] = hzToPpm(indexToHz(k, grid), grid, centrePpm);
  return axis;
}

/** Inclusive index range [first, last] of the spectrum covering ppm range [lowPpm, highPpm]. */
export function ppmRangeToIndices(
  lowPpm: number,
  highPpm: number,
  grid: SpectralGrid,
  centrePpm = PPM_CENTRE_1H,
): [number, number] {
  const a = Math.ceil(ppmToIndex(Math.min(lowPpm, highPpm), grid, centrePpm));
  const b = Math.floor(ppmToIndex(Math.max(lowPpm, highPpm), grid, centrePpm));
  return [Math.max(0, a), Math.min(grid.points - 1, b)];
}
