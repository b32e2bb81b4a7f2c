import type { Basis } from '../types/basis.js';
import { fidToSpectrum } from '../dsp/fft.js';
import { ppmRangeToIndices } from '../dsp/ppm.js';
import { quantifyWaterScaled } from '../fit/waterScaling.js';
import { SeededRandom } from '../util/rng.js';
import { infusionResponseShape, type SimulatedSubjectDesign, type SimulatedVisitDesign } from './studyDesign.js';

export interface SessionTiming {
  repetitionTimeS: number;
  /** Excitations averaged on the scanner into each stored transient (1 = every excitation stored). */
  averagesPerTransient: number;
  transients: number;
  infusionStartMin: number;
  infusionDurationMin: number;
}

/** The truth behind one stored transient. */
export interface TransientTruth {
  transient: number;
  minutesFromInfusionStart: number;
  concentrationsMM: Record<string, number>;
  frequencyHz: number;
  phaseDeg: number;
  corrupted: boolean;
}

export interface SimulatedSession {
  /** n·2·points interleaved complex, transient-major. */
  metaboliteFids: Float64Array;
  waterFid: Float64Array;
  transientTimesS: Float64Array;
  truth: TransientTruth[];
}

const RESIDUAL_WATER_AMPLITUDE = 40;
/** Fraction of transients hit by motion (amplitude loss, phase error, lipid contamination). */
const CORRUPTION_PROBABILITY = 0.012;

/**
 * t = 0 amplitude of the unsuppressed water reference for which water scaling with glutrace's default tissue and
 * relaxation assumptions (waterScaling.ts) turns a fitted amplitude of 1 into 1 mM: the metabolite signals are
 * concentration (mM) × basis FID, so `fit --water` on the sample then reports the simulated concentrations.
 */
function waterReferenceAmplitude(echoTimeS: number, repetitionTimeS: number): number {
  return quantifyWaterScaled({ unit: 1 }, { waterAmplitude: 1, echoTimeS, repetitionTimeS }).unit;
}

/** Lineshape envelope exp(−π·L·t)·exp(−(π·G·t)²/(4 ln 2)) for Lorentzian L and Gaussian G FWHM (Hz). */
function lineshapeEnvelope(points: number, dwellTimeS: number, lorentzianHz: number, gaussianHz: number): Float64Array {
  const envelope = new Float64Array(points);
  const gaussianRate = (Math.PI * gaussianHz) ** 2 / (4 * Math.LN2);
  for (let n = 0; n < points; n++) {
    const t = n * dwellTimeS;
    envelope[n] = Math.exp(-Math.PI * lorentzianHz * t - gaussianRate * t * t);
  }
  return envelope;
}

/** A singlet of `amplitude` at `ppm` (receiver on 4.65 ppm), NIfTI-MRS convention. */
function addSinglet(fid: Float64Array, amplitude: number, ppm: number, phaseRad: number, widthHz: number, basis: Basis): void {
  const points = fid.length / 2;
  const hz = (ppm - 4.65) * basis.spectrometerFrequencyMHz;
  for (let n = 0; n < points; n++) {
    const t = n * basis.dwellTimeS;
    const a = amplitude * Math.exp(-Math.PI * widthHz * t);
    const angle = 2 * Math.PI * hz * t + phaseRad;
    fid[2 * n] += a * Math.cos(angle);
    fid[2 * n + 1] += a * Math.sin(angle);
  }
}

function weightedBasisSum(basis: Basis, weights: Record<string, number>, include: (name: string) => boolean): Float64Array {
  const sum = new Float64Array(2 * basis.points);
  basis.names.forEach((name, m) => {
    const w = weights[name];
    if (!include(name) || w === undefined || w === 0) return;
    const fid = basis.fids[m];
    for (let i = 0; i < sum.length; i++) sum[i] += w * fid[i];
  });
  return sum;
}

function basisFid(basis: Basis, name: string): Float64Array {
  const index = basis.names.indexOf(name);
  if (index < 0) throw new Error(`basis has no ${name}`);
  return basis.fids[index];
}

/** Noise SD per real/imaginary time-domain point giving the requested NAA SNR (spectral peak height / noise SD). */
function noiseSdForSnr(signal: Float64Array, basis: Basis, snr: number): number {
  const spectrum = fidToSpectrum(signal);
  const [first, last] = ppmRangeToIndices(1.9, 2.1, basis);
  let peak = 0;
  for (let k = first; k <= last; k++) peak = Math.max(peak, spectrum[2 * k]);
  return peak / (snr * Math.sqrt(basis.points));
}

/**
 * Synthesises one session: per-transient metabolite FIDs whose Glu and Gln follow the infusion response,
 * with frequency drift and jumps, phase wander, linewidth jitter, residual water, occasional motion-corrupted
 * transients and Gaussian noise; plus an unsuppressed water reference.
 */
export function simulateSession(
  basis: Basis,
  subject: SimulatedSubjectDesign,
  visit: SimulatedVisitDesign,
  timing: SessionTiming,
  random: SeededRandom,
): SimulatedSession {
  const { points, dwellTimeS } = basis;
  const dynamicNames = new Set(['Glu', 'Gln']);
  const staticPart = weightedBasisSum(basis, subject.concentrationsMM, (name) => !dynamicNames.has(name));
  const glu = basisFid(basis, 'Glu');
  const gln = basisFid(basis, 'Gln');
  const envelope = lineshapeEnvelope(points, dwellTimeS, visit.lorentzianHz, visit.gaussianHz);

  const reference = new Float64Array(staticPart);
  for (let i = 0; i < reference.length; i++) {
    reference[i] += subject.concentrationsMM.Glu * glu[i] + subject.concentrationsMM.Gln * gln[i];
  }
  for (let n = 0; n < points; n++) {
    reference[2 * n] *= envelope[n];
    reference[2 * n + 1] *= envelope[n];
  }
  const noiseSd = noiseSdForSnr(reference, basis, visit.singleExcitationSnr * Math.sqrt(timing.averagesPerTransient));

  const transientDurationS = timing.repetitionTimeS * timing.averagesPerTransient;
  const sessionMin = (timing.transients * transientDurationS) / 60;
  const phaseOffset = 2 * Math.PI * random.uniform();
  const metaboliteFids = new Float64Array(timing.transients * 2 * points);
  const transientTimesS = new Float64Array(timing.transients);
  const truth: TransientTruth[] = [];
  const clean = new Float64Array(2 * points);

  for (let d = 0; d < timing.transients; d++) {
    const startS = d * transientDurationS;
    transientTimesS[d] = startS;
    const centreMin = (startS + transientDurationS / 2) / 60;
    const fromInfusionMin = centreMin - timing.infusionStartMin;
    const shape = infusionResponseShape(fromInfusionMin, timing.infusionDurationMin);
    const gluMM = subject.concentrationsMM.Glu * (1 + visit.gluPeakRise * shape);
    const glnMM = subject.concentrationsMM.Gln * (1 + visit.glnPeakRise * shape);
    const jumpHz = visit.jumps.reduce((sum, jump) => sum + (centreMin >= jump.atMin ? jump.sizeHz : 0), 0);
    const frequencyHz = visit.driftHz * (centreMin / sessionMin) + jumpHz + 0.25 * random.normal();
    const phaseDeg = visit.phaseWanderDeg * Math.sin((2 * Math.PI * centreMin) / 23 + phaseOffset) + 2 * random.normal();
    const corrupted = random.uniform() < CORRUPTION_PROBABILITY;
    const lorentzianJitterHz = 0.3 * random.normal();

    for (let i = 0; i < clean.length; i++) clean[i] = staticPart[i] + gluMM * glu[i] + glnMM * gln[i];
    const residualWaterPhase = 2 * Math.PI * random.uniform();
    addSinglet(clean, RESIDUAL_WATER_AMPLITUDE * (0.5 + random.uniform()), 4.68, residualWaterPhase, 6, basis);
    let scale = 1;
    let extraPhaseRad = 0;
    if (corrupted) {
      scale = 0.55 + 0.2 * random.uniform();
      extraPhaseRad = ((50 + 40 * random.uniform()) * Math.PI) / 180;
      addSinglet(clean, 60, 1.3, 0, 25, basis);
    }
    const phaseRad = (phaseDeg * Math.PI) / 180 + extraPhaseRad;
    const out = metaboliteFids.subarray(d * 2 * points, (d + 1) * 2 * points);
    for (let n = 0; n < points; n++) {
      const t = n * dwellTimeS;
      const a = scale * envelope[n] * Math.exp(-Math.PI * lorentzianJitterHz * t);
      const angle = 2 * Math.PI * frequencyHz * t + phaseRad;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const re = clean[2 * n];
      const im = clean[2 * n + 1];
      out[2 * n] = a * (re * c - im * s) + noiseSd * random.normal();
      out[2 * n + 1] = a * (re * s + im * c) + noiseSd * random.normal();
    }
    truth.push({
      transient: d,
      minutesFromInfusionStart: fromInfusionMin,
      concentrationsMM: { ...subject.concentrationsMM, Glu: gluMM, Gln: glnMM },
      frequencyHz,
      phaseDeg,
      corrupted,
    });
  }

  // Water's shorter T2 broadens it by about 1 Hz beyond the metabolites' lineshape.
  const waterFid = new Float64Array(2 * points);
  if (basis.echoTimeS === null) throw new Error('the simulation basis has no echo time');
  addSinglet(waterFid, waterReferenceAmplitude(basis.echoTimeS, timing.repetitionTimeS), 4.65, 0, 1, basis);
  for (let n = 0; n < points; n++) {
    waterFid[2 * n] = waterFid[2 * n] * envelope[n] + noiseSd * random.normal();
    waterFid[2 * n + 1] = waterFid[2 * n + 1] * envelope[n] + noiseSd * random.normal();
  }
  return { metaboliteFids, waterFid, transientTimesS, truth };
}
