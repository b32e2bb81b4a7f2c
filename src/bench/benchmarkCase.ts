import { summarize, type Spread } from './statistics.js';

/** Timings of one benchmark at one worker count (1 = on the main thread for the single-spectrum cases). */
export interface Measurement {
  workers: number;
  /** Wall time of one run, over repeated runs. */
  timeMs: Spread;
  /** Median run time divided by the fits in one run; null when the case does not fit spectra. */
  perFitMs: number | null;
  /** Fits in one run divided by the median run time. */
  fitsPerSecond: number | null;
  /** Highest process RSS (worker threads included) seen during the runs, MiB. */
  peakRssMB: number;
}

export interface BenchmarkCase {
  id: string;
  title: string;
  /** Spectra fitted in one run, or null when the case does not fit spectra (e.g. registration). */
  fitsPerRun: number | null;
  /** One per worker count; empty when the case was skipped (see `note`). */
  measurements: Measurement[];
  /**
   * Speed-up from 1 worker to the most workers measured, divided by that worker count (1 = perfect scaling);
   * null with a single worker count.
   */
  scalingEfficiency: number | null;
  note: string | null;
}

export function measurementOf(workers: number, timesMs: readonly number[], fitsPerRun: number | null, peakRssMB: number): Measurement {
  const timeMs = summarize(timesMs);
  return {
    workers,
    timeMs,
    perFitMs: fitsPerRun ? timeMs.median / fitsPerRun : null,
    fitsPerSecond: fitsPerRun ? (1000 * fitsPerRun) / timeMs.median : null,
    peakRssMB,
  };
}

/** Median-based speed-up per worker between the 1-worker measurement and the one with the most workers. */
export function scalingEfficiency(measurements: readonly Measurement[]): number | null {
  const single = measurements.find((m) => m.workers === 1);
  const widest = measurements.reduce<Measurement | null>((best, m) => (!best || m.workers > best.workers ? m : best), null);
  if (!single || !widest || widest.workers === 1) return null;
  return single.timeMs.median / widest.timeMs.median / widest.workers;
}

export function skippedCase(id: string, title: string, reason: string): BenchmarkCase {
  return { id, title, fitsPerRun: null, measurements: [], scalingEfficiency: null, note: `skipped: ${reason}` };
}
