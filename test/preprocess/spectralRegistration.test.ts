import { describe, expect, it } from 'vitest';
import {
  alignTransients,
  applyFrequencyPhase,
  buildAlignedReference,
  buildReference,
  registerToReference,
  smoothCorrections,
} from '../../src/preprocess/spectralRegistration.js';
import { concatTransients } from '../../src/preprocess/transients.js';
import { SeededRandom } from '../../src/util/rng.js';
import { GRID_3T, noiseSdForSnr, syntheticFid } from './syntheticFid.js';

/** Single-transient NAA SNR (peak height / spectral noise SD) typical of a 3T PRESS voxel. */
const SINGLE_TRANSIENT_SNR = 20;

function simulateSeries(count: number, seed: number) {
  const rng = new SeededRandom(seed);
  const shiftHz: number[] = [];
  const phaseDeg: number[] = [];
  const fids: Float64Array[] = [];
  const noiseSd = noiseSdForSnr(GRID_3T, SINGLE_TRANSIENT_SNR);
  for (let i = 0; i < count; i++) {
    // slow drift and jitter within ±10 Hz, and a 25 Hz jump two thirds of the way through
    const shift = -4 + (8 * i) / count + (rng.uniform() * 4 - 2) + (i >= (2 * count) / 3 ? 25 : 0);
    const phase = rng.uniform() * 60 - 30;
    shiftHz.push(shift);
    phaseDeg.push(phase);
    fids.push(syntheticFid(GRID_3T, rng, { shiftHz: shift, phaseDeg: phase, noiseSd }));
  }
  return { fids, shiftHz, phaseDeg };
}

function sd(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
}

describe('alignTransients (spectral registration)', () => {
  const series = simulateSeries(48, 11);
  const result = alignTransients(series.fids, GRID_3T);

  it('recovers known shifts and phases at single-transient SNR: error SD < 0.1 Hz and < 2°', () => {
    // the correction is the negative of the applied offset, up to one common offset set by the reference
    const frequencyError = series.shiftHz.map((s, i) => result.frequencyHz[i] + s);
    const phaseError = series.phaseDeg.map((p, i) => result.phaseDeg[i] + p);
    const meanPhase = phaseError.reduce((a, b) => a + b, 0) / phaseError.length;
    const centredPhase = phaseError.map((p) => ((((p - meanPhase + 180) % 360) + 360) % 360) - 180);
    console.log(`frequency error SD ${sd(frequencyError).toFixed(4)} Hz, phase error SD ${sd(centredPhase).toFixed(3)}°`);
    expect(sd(frequencyError)).toBeLessThan(0.1);
    expect(sd(centredPhase)).toBeLessThan(2);
    expect(result.atSearchEdge).toEqual([]);
  });

  it('gives identical results when transients are registered in chunks, as workers do', () => {
    const reference = buildReference(series.fids, GRID_3T);
    const chunks = [series.fids.slice(0, 7), series.fids.slice(7, 30), series.fids.slice(30)];
    const firstPass = chunks.flatMap((chunk) => chunk.map((fid) => registerToReference(fid, reference, GRID_3T)));
    const refined = buildAlignedReference(
      series.fids,
      firstPass.map((e) => e.frequencyHz),
      firstPass.map((e) => e.phaseDeg),
      GRID_3T,
    );
    const secondPass = chunks.flatMap((chunk) => chunk.map((fid) => registerToReference(fid, refined, GRID_3T)));
    expect(Float64Array.from(secondPass, (e) => e.frequencyHz)).toEqual(result.frequencyHz);
    expect(Float64Array.from(secondPass, (e) => e.phaseDeg)).toEqual(result.phaseDeg);
  });

  it('accepts one flat array as well as an array of FIDs', () => {
    const flat = alignTransients(concatTransients(series.fids.slice(0, 10)), GRID_3T);
    const separate = alignTransients(series.fids.slice(0, 10), GRID_3T);
    expect(flat.frequencyHz).toEqual(separate.frequencyHz);
    expect(flat.aligned).toEqual(separate.aligned);
  });

  it('robust variant (Huber-weighted) keeps the accuracy when one transient carries a large artefact', () => {
    const fids = series.fids.map((fid) => Float64Array.from(fid));
    // a broad spurious signal in the band on transient 5 (e.g. a motion-corrupted lipid leak)
    const artefactHz = -120;
    for (let n = 0; n < 2048; n++) {
      const t = n * 5e-4;
      const a = 3 * Math.exp(-t * 150);
      fids[5][2 * n] += a * Math.cos(2 * Math.PI * artefactHz * t);
      fids[5][2 * n + 1] += a * Math.sin(2 * Math.PI * artefactHz * t);
    }
    const robust = alignTransients(fids, GRID_3T, { robust: true });
    const error = series.shiftHz.map((s, i) => robust.frequencyHz[i] + s);
    const others = error.filter((_, i) => i !== 5);
    console.log(`robust: frequency error SD ${sd(others).toFixed(4)} Hz (clean transients)`);
    expect(sd(others)).toBeLessThan(0.1);
    expect(robust.step.details).toContain('robust');
  });

  it('records the step for provenance', () => {
    expect(result.step.method).toBe('Frequency and phase correction');
    expect(result.step.details).toContain('1.9–4.2 ppm');
  });
});

describe('applyFrequencyPhase', () => {
  it('is undone by the opposite correction', () => {
    const fid = syntheticFid(GRID_3T, new SeededRandom(3), { noiseSd: 0.01 });
    const back = applyFrequencyPhase(applyFrequencyPhase(fid, GRID_3T, 12.5, 40), GRID_3T, -12.5, -40);
    for (let i = 0; i < fid.length; i++) expect(back[i]).toBeCloseTo(fid[i], 10);
  });
});

describe('drift-only fallback at very low SNR', () => {
  it('halves the frequency and phase error of per-transient registration when only slow drift is present', () => {
    const rng = new SeededRandom(3);
    const count = 128;
    const shiftHz = Array.from({ length: count }, (_, i) => (8 * i) / count + 2 * Math.sin(i / 15));
    const phaseDeg = Array.from({ length: count }, (_, i) => 20 * Math.sin(i / 30));
    const noiseSd = noiseSdForSnr(GRID_3T, 2);
    const fids = shiftHz.map((s, i) => syntheticFid(GRID_3T, rng, { shiftHz: s, phaseDeg: phaseDeg[i], noiseSd }));
    const rmsErrors = (window: number) => {
      const result = alignTransients(fids, GRID_3T, { driftOnlyWindow: window });
      return [sd(shiftHz.map((s, i) => result.frequencyHz[i] + s)), sd(phaseDeg.map((p, i) => result.phaseDeg[i] + p))];
    };
    const [perTransientHz, perTransientDeg] = rmsErrors(0);
    const [driftOnlyHz, driftOnlyDeg] = rmsErrors(15);
    console.log(
      `SNR 2: per-transient error SD ${perTransientHz.toFixed(3)} Hz / ${perTransientDeg.toFixed(2)}°, ` +
        `drift-only (15) ${driftOnlyHz.toFixed(3)} Hz / ${driftOnlyDeg.toFixed(2)}°`,
    );
    expect(driftOnlyHz).toBeLessThan(0.6 * perTransientHz);
    expect(driftOnlyDeg).toBeLessThan(0.6 * perTransientDeg);
  });
});

describe('smoothCorrections (drift-only fallback)', () => {
  it('keeps a slow drift, drops isolated outliers and survives phase wraps at ±180°', () => {
    const count = 40;
    const drift = Array.from({ length: count }, (_, i) => 0.25 * i);
    const noisy = drift.map((d, i) => (i % 9 === 4 ? d + 15 : d));
    const phase = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 179 : -179));
    const smoothed = smoothCorrections(noisy, phase, 5);
    // an outlier in the window moves the median by at most one neighbour (0.25 Hz here), never by 15 Hz
    for (let i = 2; i < count - 2; i++) expect(Math.abs(smoothed.frequencyHz[i] - drift[i])).toBeLessThanOrEqual(0.25);
    for (const p of smoothed.phaseDeg) expect(Math.abs(Math.abs(p) - 180)).toBeLessThanOrEqual(1);
  });
});
