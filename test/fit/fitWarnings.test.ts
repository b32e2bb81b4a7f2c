import { describe, expect, test } from 'vitest';
import { fitWarnings, MAX_WATER_DOMINANCE, waterDominance } from '../../src/fit/fitQc.js';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import type { Basis } from '../../src/types/basis.js';
import { SeededRandom } from '../../src/util/rng.js';

const grid = { points: 2048, dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.2, echoTimeS: 0.03 };

function singlet(ppm: number, amplitude = 1, lorentzianHz = 0): Float64Array {
  const fid = new Float64Array(2 * grid.points);
  const omega = 2 * Math.PI * (ppm - 4.65) * grid.spectrometerFrequencyMHz * grid.dwellTimeS;
  for (let n = 0; n < grid.points; n++) {
    const decay = amplitude * Math.exp(-Math.PI * lorentzianHz * n * grid.dwellTimeS);
    fid[2 * n] = decay * Math.cos(omega * n);
    fid[2 * n + 1] = decay * Math.sin(omega * n);
  }
  return fid;
}

function sum(fids: Float64Array[], noiseSd: number, seed: number): Float64Array {
  const rng = new SeededRandom(seed);
  const out = new Float64Array(2 * grid.points);
  for (let i = 0; i < out.length; i++) out[i] = fids.reduce((s, f) => s + f[i], 0) + noiseSd * rng.normal();
  return out;
}

function basisOf(lines: Record<string, number>): Basis {
  const names = Object.keys(lines);
  return { names, fids: names.map((n) => singlet(lines[n])), points: grid.points, dwellTimeS: grid.dwellTimeS, spectrometerFrequencyMHz: grid.spectrometerFrequencyMHz, echoTimeS: 0.03, source: 'test singlets' };
}

describe('fit QC without NAA', () => {
  const lorentzianHz = 6;
  const noiseSd = 0.2;
  const fid = sum([singlet(3.03, 2, lorentzianHz), singlet(3.21, 1, lorentzianHz)], noiseSd, 3);
  const fit = fitSpectrum(fid, grid, { model: 'lcm', basis: basisOf({ Cr: 3.03, Cho: 3.21 }), addMacromolecules: false });

  test('SNR and FWHM come from the tCr singlet, and say so', () => {
    expect(fit.qc.qcPeak).toBe('tCr');
    const height = 2 * (1 / (1 - Math.exp(-Math.PI * lorentzianHz * grid.dwellTimeS)) - 0.5);
    const expected = height / (Math.sqrt(grid.points) * noiseSd);
    expect(fit.qc.snr / expected).toBeGreaterThan(0.9);
    expect(fit.qc.snr / expected).toBeLessThan(1.1);
    expect(Math.abs(fit.qc.fwhmHz - lorentzianHz)).toBeLessThan(0.3);
    expect(fit.qc.warnings).toEqual([]);
  });
});

describe('fit warnings', () => {
  test('a main singlet at zero, a residual above twice the noise', () => {
    expect(fitWarnings({ residualToNoise: 1.1, amplitudes: { NAA: 2, tCr: 1, tCho: 0.2 }, waterDominance: 1 })).toEqual([]);
    const warnings = fitWarnings({ residualToNoise: 2.5, amplitudes: { NAA: 0, tCr: 1, tCho: 0 }, waterDominance: 1 });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/model does not follow the data: residual RMS is 2\.5× the noise/);
    expect(warnings[1]).toMatch(/^NAA, tCho fitted at 0/);
  });

  test('water dominance: near 1 for suppressed water, far above the limit for an unsuppressed scan', () => {
    const metabolites = [singlet(2.01, 1, 5), singlet(3.03, 0.8, 5)];
    const suppressed = waterDominance(sum([...metabolites, singlet(4.7, 0.5, 8)], 0.01, 1), grid);
    // 2000× NAA: its magnitude tail at 3.4 ppm is ~50× NAA, yet it is no line; odd lengths are zero-filled
    const unsuppressed = waterDominance(sum([...metabolites, singlet(4.7, 2000, 8)], 0.01, 1).subarray(0, 2 * 2047), { ...grid, points: 2047 });
    expect(suppressed).toBeLessThan(2);
    expect(unsuppressed).toBeGreaterThan(2 * MAX_WATER_DOMINANCE);
    const warnings = fitWarnings({ residualToNoise: 1, amplitudes: { NAA: 1 }, waterDominance: unsuppressed });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^looks like an unsuppressed water scan/);
  });
});
