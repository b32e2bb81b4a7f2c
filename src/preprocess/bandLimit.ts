/** Band-limiting an FID to a ppm window: keep only that part of the spectrum, back to the time domain. */
import { fidToSpectrum, spectrumToFid } from '../dsp/fft.js';
import { ppmRangeToIndices, type SpectralGrid } from '../dsp/ppm.js';

/**
 * The FID of the spectrum restricted to [lowPpm, highPpm] (zero elsewhere), truncated to its first
 * `keepPoints` points. Used so that registration sees only the chosen resonances and no water or lipid.
 */
export function bandLimitFid(
  fid: Float64Array,
  grid: SpectralGrid,
  lowPpm: number,
  highPpm: number,
  keepPoints = grid.points,
): Float64Array {
  const spectrum = fidToSpectrum(fid);
  const [first, last] = ppmRangeToIndices(lowPpm, highPpm, grid);
  spectrum.fill(0, 0, 2 * first);
  spectrum.fill(0, 2 * (last + 1));
  return spectrumToFid(spectrum).slice(0, 2 * keepPoints);
}
