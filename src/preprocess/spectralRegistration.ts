/**
 * Frequency and phase alignment of a series of transients by spectral registration, in two passes:
 * first to the median (or mean, or first) of the first block of transients, then to the aligned
 * average of all of them. Each transient is registered independently given the reference, so a worker
 * pool may split the transients into chunks (`buildReference` / `buildAlignedReference` on the main
 * thread, `registerToReference` in the workers) and get identical results for any chunking.
 */
import { shiftAndPhaseInPlace } from '../dsp/fidOps.js';
import type { SpectralGrid } from '../dsp/ppm.js';
import type { ProcessingStep } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';
import {
  DEFAULT_FIT_DURATION_S,
  DEFAULT_PPM_RANGE,
  prepareReference,
  registerToReference,
  type RegistrationEstimate,
  type RegistrationOptions,
  type RegistrationReference,
} from './registerToReference.js';
import { elementwiseMedian, runningMedian } from './robustStats.js';
import { assertFinite, concatTransients, splitTransients, type TransientSet } from './transients.js';

export { prepareReference, registerToReference };
export type { RegistrationEstimate, RegistrationOptions, RegistrationReference };

export type ReferenceChoice = 'median' | 'mean' | 'first' | Float64Array;

export interface AlignmentOptions extends RegistrationOptions {
  /** Initial reference: median/mean of the first block, the first transient, or a given full-length FID. */
  reference?: ReferenceChoice;
  /** Transients in the first block (default min(n, 16)). */
  referenceBlock?: number;
  /** Registration passes; pass 2 on registers to the aligned average (default 2; 1 for a given reference). */
  passes?: number;
  /**
   * Very low SNR: replace the per-transient estimates by their running median over this many
   * neighbouring transients, so only the slow drift (and genuine jumps) are corrected.
   */
  driftOnlyWindow?: number;
}

export interface AlignmentResult {
  /** Correction applied per transient, Hz (the transient's own offset from the reference is the negative). */
  frequencyHz: Float64Array;
  /** Correction applied per transient, degrees. */
  phaseDeg: Float64Array;
  /** Aligned transients, flat n·2·points. */
  aligned: Float64Array;
  /** Transients whose coarse search hit ±maxShiftHz (a candidate for rejection). */
  atSearchEdge: number[];
  step: ProcessingStep;
}

/** Multiply by exp(i(2π·frequencyHz·t + phase)); returns a new FID. */
export function applyFrequencyPhase(
  fid: Float64Array,
  grid: SpectralGrid,
  frequencyHz: number,
  phaseDeg: number,
): Float64Array {
  const out = Float64Array.from(fid);
  shiftAndPhaseInPlace(out, grid.dwellTimeS, frequencyHz, (phaseDeg * Math.PI) / 180);
  return out;
}

/** The first-pass reference, prepared for registration. */
export function buildReference(
  fids: TransientSet,
  grid: SpectralGrid,
  options: AlignmentOptions = {},
): RegistrationReference {
  const choice = options.reference ?? 'median';
  if (choice instanceof Float64Array) {
    if (choice.length !== 2 * grid.points) {
      throw new DataError(`reference FID has ${choice.length / 2} points, expected ${grid.points}`);
    }
    return prepareReference(choice, grid, options);
  }
  const transients = splitTransients(fids, grid.points);
  if (transients.length === 0) throw new DataError('no transients to build a registration reference from');
  const block = transients.slice(0, Math.max(1, Math.min(transients.length, options.referenceBlock ?? 16)));
  const full = choice === 'first' ? block[0] : choice === 'mean' ? mean(block) : elementwiseMedian(block);
  return prepareReference(full, grid, options);
}

/** The refinement reference: average (median when robust) of the transients after the given corrections. */
export function buildAlignedReference(
  fids: TransientSet,
  frequencyHz: ArrayLike<number>,
  phaseDeg: ArrayLike<number>,
  grid: SpectralGrid,
  options: AlignmentOptions = {},
): RegistrationReference {
  const aligned = splitTransients(fids, grid.points).map((fid, i) =>
    applyFrequencyPhase(fid, grid, frequencyHz[i], phaseDeg[i]),
  );
  return prepareReference(options.robust ? elementwiseMedian(aligned) : mean(aligned), grid, options);
}

/** Register every transient (two passes by default) and return the corrections and aligned data. */
export function alignTransients(fids: TransientSet, grid: SpectralGrid, options: AlignmentOptions = {}): AlignmentResult {
  const transients = splitTransients(fids, grid.points);
  if (transients.length === 0) throw new DataError('no transients to align');
  assertFinite(transients);
  const givenReference = options.reference instanceof Float64Array;
  const passes = Math.max(1, options.passes ?? (givenReference ? 1 : 2));

  let reference = buildReference(transients, grid, options);
  let estimates = transients.map((fid) => registerToReference(fid, reference, grid, options));
  for (let pass = 2; pass <= passes; pass++) {
    const { frequencyHz, phaseDeg } = unpack(estimates);
    reference = buildAlignedReference(transients, frequencyHz, phaseDeg, grid, options);
    estimates = transients.map((fid) => registerToReference(fid, reference, grid, options));
  }

  let { frequencyHz, phaseDeg } = unpack(estimates);
  if (options.driftOnlyWindow && options.driftOnlyWindow > 1) {
    ({ frequencyHz, phaseDeg } = smoothCorrections(frequencyHz, phaseDeg, options.driftOnlyWindow));
  }
  const aligned = concatTransients(transients.map((fid, i) => applyFrequencyPhase(fid, grid, frequencyHz[i], phaseDeg[i])));
  const atSearchEdge = estimates.flatMap((e, i) => (e.atSearchEdge ? [i] : []));
  return { frequencyHz, phaseDeg, aligned, atSearchEdge, step: alignmentStep(frequencyHz, options, passes) };
}

/**
 * Drift-only correction: running median of the estimates over `window` neighbouring transients. The
 * phase is unwrapped first so a wrap at ±180° does not corrupt the median.
 */
export function smoothCorrections(
  frequencyHz: ArrayLike<number>,
  phaseDeg: ArrayLike<number>,
  window: number,
): { frequencyHz: Float64Array; phaseDeg: Float64Array } {
  const unwrapped = new Float64Array(phaseDeg.length);
  for (let i = 0; i < phaseDeg.length; i++) {
    if (i === 0) {
      unwrapped[i] = phaseDeg[i];
      continue;
    }
    const step = phaseDeg[i] - phaseDeg[i - 1];
    unwrapped[i] = unwrapped[i - 1] + step - 360 * Math.round(step / 360);
  }
  return { frequencyHz: runningMedian(frequencyHz, window), phaseDeg: runningMedian(unwrapped, window) };
}

/** Aligned average of all transients (the usual next step after alignment and rejection). */
export function averageTransients(fids: TransientSet, points: number, keep?: readonly number[]): Float64Array {
  const transients = splitTransients(fids, points);
  const chosen = keep ? keep.map((i) => transients[i]) : transients;
  if (chosen.length === 0) throw new DataError('no transients left to average');
  return mean(chosen);
}

function mean(fids: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(fids[0].length);
  for (const fid of fids) for (let i = 0; i < out.length; i++) out[i] += fid[i];
  for (let i = 0; i < out.length; i++) out[i] /= fids.length;
  return out;
}

function unpack(estimates: readonly RegistrationEstimate[]): { frequencyHz: Float64Array; phaseDeg: Float64Array } {
  return {
    frequencyHz: Float64Array.from(estimates, (e) => e.frequencyHz),
    phaseDeg: Float64Array.from(estimates, (e) => e.phaseDeg),
  };
}

/** The provenance record of an alignment: method, settings and the range of corrections applied. */
export function alignmentStep(frequencyHz: Float64Array, options: AlignmentOptions, passes: number): ProcessingStep {
  const [low, high] = options.ppmRange ?? DEFAULT_PPM_RANGE;
  const reference = options.reference instanceof Float64Array ? 'given FID' : (options.reference ?? 'median');
  const min = Math.min(...frequencyHz);
  const max = Math.max(...frequencyHz);
  const smoothing = options.driftOnlyWindow ? `; drift only (running median over ${options.driftOnlyWindow})` : '';
  return {
    method: 'Frequency and phase correction',
    details:
      `spectral registration (Near 2015), ${low}–${high} ppm, first ${options.fitDurationS ?? DEFAULT_FIT_DURATION_S} s, ` +
      `reference ${reference} then aligned average, ${passes} pass(es)${options.robust ? ', robust' : ''}${smoothing}; ` +
      `${frequencyHz.length} transients, correction ${min.toFixed(2)} to ${max.toFixed(2)} Hz`,
    program: 'glutrace',
  };
}
