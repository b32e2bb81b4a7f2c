import { describe, expect, test } from 'vitest';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import type { Basis } from '../../src/types/basis.js';
import { SeededRandom } from '../../src/util/rng.js';

const grid = { points: 2048, dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.2, echoTimeS: 0.03 };

/** Undamped singlet FID at `ppm`, with a phase (basis spectra need not be in absorption mode). */
function singlet(ppm: number, phaseRad = 0): Float64Array {
  const fid = new Float64Array(2 * grid.points);
  const omega = 2 * Math.PI * (ppm - 4.65) * grid.spectrometerFrequencyMHz * grid.dwellTimeS;
  for (let n = 0; n < grid.points; n++) {
    fid[2 * n] = Math.cos(omega * n + phaseRad);
    fid[2 * n + 1] = Math.sin(omega * n + phaseRad);
  }
  return fid;
}

describe('fit QC on a known two-singlet spectrum', () => {
  const basisPhase = 0.4;
  const basis: Basis = {
    names: ['NAA', 'Cr'],
    fids: [singlet(2.01, basisPhase), singlet(3.03, basisPhase)],
    points: grid.points,
    dwellTimeS: grid.dwellTimeS,
    spectrometerFrequencyMHz: grid.spectrometerFrequencyMHz,
    echoTimeS: 0.03,
    source: 'test singlets',
  };
  const lorentzianHz = 6;
  const noiseSd = 0.2;
  const rng = new SeededRandom(9);
  const fid = new Float64Array(2 * grid.points);
  for (let n = 0; n < grid.points; n++) {
    const decay = Math.exp(-Math.PI * lorentzianHz * n * grid.dwellTimeS);
    for (const [j, amplitude] of [[0, 3], [1, 2]] as const) {
      fid[2 * n] += amplitude * decay * basis.fids[j][2 * n];
      fid[2 * n + 1] += amplitude * decay * basis.fids[j][2 * n + 1];
    }
    fid[2 * n] += noiseSd * rng.normal();
    fid[2 * n + 1] += noiseSd * rng.normal();
  }
  const fit = fitSpectrum(fid, grid, { model: 'lcm', basis });

  test('NAA FWHM is the simulated Lorentzian width, whatever the basis phase', () => {
    expect(fit.qc.fwhmHz).toBeGreaterThan(lorentzianHz - 0.3);
    expect(fit.qc.fwhmHz).toBeLessThan(lorentzianHz + 0.3);
    expect(fit.lorentzianHz).toBeCloseTo(lorentzianHz, 0);
  });

  test('SNR is the NAA peak height over the spectral noise SD', () => {
    // height of a decaying exponential's DFT peak (first point halved): 3·(1/(1 − e^{−π·l·dt}) − ½);
    // spectral noise SD per real part: √N·σ
    const height = 3 * (1 / (1 - Math.exp(-Math.PI * lorentzianHz * grid.dwellTimeS)) - 0.5);
    const expected = height / (Math.sqrt(grid.points) * noiseSd);
    expect(fit.qc.snr / expected).toBeGreaterThan(0.9);
    expect(fit.qc.snr / expected).toBeLessThan(1.1);
    expect(Math.abs(fit.amplitudes.NAA - 3)).toBeLessThan(3 * fit.crlbSd.NAA);
    expect(Math.abs(fit.amplitudes.tCr - 2)).toBeLessThan(3 * fit.crlbSd.tCr);
  });
});
