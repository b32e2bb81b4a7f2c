import type { FitComponents } from './fitComponents.js';
import type { FitGrid, FitOptions } from './fitOptions.js';
import { bestMagnitudeLag, bestZeroOrderPhase, templateSpectrum } from './initialGuess.js';
import { GAUSSIAN_RATE_PER_HZ2, type LineshapeProblem } from './lineshapeProblem.js';

/**
 * Offsets searched by default, ppm: in vivo they stay within ~0.1 ppm, so offsets up to PREFERRED_SHIFT_PPM
 * are searched first; phantoms at room temperature sit 0.15–0.2 ppm upfield of the 37 °C positions relative
 * to water (Philips and Siemens phantoms at 1.5 and 3T), so up to MAX_SHIFT_PPM is searched as well and taken
 * when it matches clearly better.
 */
const PREFERRED_SHIFT_PPM = 0.15;
const MAX_SHIFT_PPM = 0.25;

/** Initial θ and bounds: offset from magnitude cross-correlation, phase from the template, typical widths. */
export function startingPoint(
  problem: LineshapeProblem,
  components: FitComponents,
  grid: FitGrid,
  options: FitOptions,
  spectrum: Float64Array,
  firstIndex: number,
): { initial: Float64Array; lower: Float64Array; upper: Float64Array } {
  const p = problem.parameterCount;
  const initial = new Float64Array(p);
  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  const groups = components.groupNames.length;
  const isPeaks = options.model === 'peaks';
  const lineshape = isPeaks ? (options.lineshape ?? 'voigt') : 'voigt';
  for (let g = 0; g < groups; g++) initial[problem.lorentzianIndex(g)] = lineshape === 'gaussian' ? 0 : isPeaks ? 3 : 2;
  const gaussianStartHz = lineshape === 'lorentzian' ? 0 : 4;
  for (let g = 0; g < groups; g++) initial[problem.gaussianIndex(g)] = GAUSSIAN_RATE_PER_HZ2 * gaussianStartHz ** 2;

  const binHz = 1 / (grid.points * grid.dwellTimeS);
  const maxShiftHz = options.maxShiftHz ?? MAX_SHIFT_PPM * grid.spectrometerFrequencyMHz;
  const template = templateSpectrum(problem.uncorrectedColumnsAt(initial), problem.componentCount, problem.residualCount);
  // high-pass over ±0.15 ppm: wider than any metabolite line, narrower than water tails and baselines
  const smoothBins = Math.max(2, Math.round((0.15 * grid.spectrometerFrequencyMHz) / binHz));
  const maxLag = Math.max(1, Math.round(maxShiftHz / binHz));
  const preferredLag = options.maxShiftHz === undefined ? Math.round((PREFERRED_SHIFT_PPM * grid.spectrometerFrequencyMHz) / binHz) : maxLag;
  const lag = bestMagnitudeLag(spectrum, firstIndex, template, maxLag, smoothBins, Math.min(maxLag, preferredLag));
  const shiftHz = lag * binHz;
  for (let g = 0; g < groups; g++) initial[problem.shiftIndex(g)] = shiftHz;
  // the template moved by the nearest whole bin is close enough to read the zero-order phase
  const phase0 = bestZeroOrderPhase(spectrum, firstIndex + Math.round(lag), template);
  initial[problem.phase0Index] = phase0;

  // ±0.1 ppm around the start: room for residual offsets and for a macromolecule basis referenced differently
  const shiftWindowHz = Math.max(2 * binHz, 0.1 * grid.spectrometerFrequencyMHz);
  for (let g = 0; g < groups; g++) {
    lower[problem.shiftIndex(g)] = shiftHz - shiftWindowHz;
    upper[problem.shiftIndex(g)] = shiftHz + shiftWindowHz;
    const fixedAtZero = lineshape === 'gaussian';
    lower[problem.lorentzianIndex(g)] = 0;
    upper[problem.lorentzianIndex(g)] = fixedAtZero ? 0 : 40;
    lower[problem.gaussianIndex(g)] = 0;
    upper[problem.gaussianIndex(g)] = lineshape === 'lorentzian' ? 0 : GAUSSIAN_RATE_PER_HZ2 * 40 ** 2;
  }
  lower[problem.phase0Index] = phase0 - Math.PI;
  upper[problem.phase0Index] = phase0 + Math.PI;
  lower[problem.phase1Index] = -0.5;
  upper[problem.phase1Index] = 0.5;
  return { initial, lower, upper };
}

