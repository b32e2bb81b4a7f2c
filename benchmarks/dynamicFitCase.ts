import { measurementOf, type BenchmarkCase } from '../src/bench/benchmarkCase.js';
import { PeakMemorySampler } from '../src/bench/peakMemory.js';
import { repeatSync, type RepeatOptions } from '../src/bench/repeatRuns.js';
import { shiftAndPhaseInPlace } from '../src/dsp/fidOps.js';
import { buildDesignMatrix } from '../src/fit/dynamic/designMatrix.js';
import { fitDynamic } from '../src/fit/dynamic/fitDynamic.js';
import type { FitGrid } from '../src/fit/fitOptions.js';
import type { SimulatedStudy } from '../src/simulate/simulateStudy.js';

/** The first visit's transients corrected with their true frequency and phase (the fit expects aligned data). */
function alignedWithTruth(study: SimulatedStudy): { transients: Float64Array; timesMin: Float64Array; accepted: Uint8Array } {
  const visit = study.visits[0];
  const { points, dwellTimeS } = visit.metabolite;
  const transients = Float64Array.from(visit.metabolite.data);
  visit.truth.forEach((truth, d) => {
    shiftAndPhaseInPlace(transients.subarray(2 * points * d, 2 * points * (d + 1)), dwellTimeS, -truth.frequencyHz, (-truth.phaseDeg * Math.PI) / 180);
  });
  return {
    transients,
    timesMin: Float64Array.from(visit.truth, (truth) => truth.minutesFromInfusionStart),
    accepted: Uint8Array.from(visit.truth, (truth) => (truth.corrupted ? 0 : 1)),
  };
}

/** fitDynamic on a whole simulated session (box infusion regressor plus drift), on the main thread. */
export function dynamicFitCase(study: SimulatedStudy, repeat: RepeatOptions): BenchmarkCase {
  const { transients, timesMin, accepted } = alignedWithTruth(study);
  const design = buildDesignMatrix(timesMin, { infusion: { durationMin: study.options.infusionDurationMin, shape: 'box' }, drift: true });
  const metabolite = study.visits[0].metabolite;
  const grid: FitGrid = { points: metabolite.points, dwellTimeS: metabolite.dwellTimeS, spectrometerFrequencyMHz: metabolite.spectrometerFrequencyMHz, echoTimeS: metabolite.echoTimeS };
  const memory = new PeakMemorySampler();
  let used = 0;
  const times = repeatSync(() => {
    used = fitDynamic(transients, design, grid, study.basis, { accepted }).qc.transientsUsed;
  }, repeat, memory);
  return {
    id: 'dynamic-fit',
    title: 'Dynamic fit, one whole session',
    fitsPerRun: 1,
    measurements: [measurementOf(1, times, 1, memory.stop())],
    scalingEfficiency: null,
    note: `${timesMin.length} transients (${used} used) × ${grid.points} points, ${study.basis.names.length} basis spectra, box infusion + drift design; main thread`,
  };
}
