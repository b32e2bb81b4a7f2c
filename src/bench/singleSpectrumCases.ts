import { fitSpectrum, type FitGrid, type FitOptions } from '../fit/fitSpectrum.js';
import type { SpectralGrid } from '../dsp/ppm.js';
import { registerToReference, type RegistrationReference } from '../preprocess/registerToReference.js';
import { measurementOf, type BenchmarkCase } from './benchmarkCase.js';
import { median } from './statistics.js';
import { PeakMemorySampler } from './peakMemory.js';
import { repeatSync, type RepeatOptions } from './repeatRuns.js';

/** One spectrum fitted `repeats` times on the main thread (fits are deterministic, so every run does the same work). */
export function benchmarkSingleFit(
  id: string,
  title: string,
  fid: Float64Array,
  grid: FitGrid,
  options: FitOptions,
  repeat: RepeatOptions,
): BenchmarkCase {
  const memory = new PeakMemorySampler();
  const iterations: number[] = [];
  const times = repeatSync(() => {
    iterations.push(fitSpectrum(fid, grid, options).qc.iterations);
  }, repeat, memory);
  const measurement = measurementOf(1, times, 1, memory.stop());
  const components = options.model === 'lcm' ? `${options.basis?.names.length ?? 0} basis spectra` : 'peak model';
  return {
    id,
    title,
    fitsPerRun: 1,
    measurements: [measurement],
    scalingEfficiency: null,
    note: `${grid.points} points, ${components}, ${median(iterations)} LM iterations; main thread`,
  };
}

/**
 * Spectral registration of single transients to one prepared reference: run i registers transient
 * i mod count, so the timings cover different noise draws and offsets.
 */
export function benchmarkRegistration(
  transients: readonly Float64Array[],
  reference: RegistrationReference,
  grid: SpectralGrid,
  repeat: RepeatOptions,
): BenchmarkCase {
  const memory = new PeakMemorySampler();
  const times = repeatSync((i) => {
    registerToReference(transients[i % transients.length], reference, grid);
  }, repeat, memory);
  return {
    id: 'registration',
    title: 'Spectral registration, one transient',
    fitsPerRun: null,
    measurements: [measurementOf(1, times, null, memory.stop())],
    scalingEfficiency: null,
    note: `${grid.points} points, frequency + phase to a prepared reference; main thread`,
  };
}

