import { describe, expect, it } from 'vitest';
import { BASIS_METABOLITE_NAMES, simulateBasis } from '../../src/basis/simulateBasis.js';
import { DataError } from '../../src/util/errors.js';

const GRID = { points: 8192, dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.2 };

/** Real and imaginary part of the FID's discrete-time Fourier transform at `hz` (first point halved). */
function spectrumAt(fid: Float64Array, hz: number) {
  let re = 0;
  let im = 0;
  for (let n = 0; n < fid.length / 2; n++) {
    const w = n === 0 ? 0.5 : 1;
    const phase = -2 * Math.PI * hz * n * GRID.dwellTimeS;
    re += w * (fid[2 * n] * Math.cos(phase) - fid[2 * n + 1] * Math.sin(phase));
    im += w * (fid[2 * n] * Math.sin(phase) + fid[2 * n + 1] * Math.cos(phase));
  }
  return { re, im };
}

/** ppm of the absorption maximum within ±`halfWidthPpm` of `nearPpm`, by golden-section search on the DTFT. */
function peakPpm(fid: Float64Array, nearPpm: number, halfWidthPpm = 0.008) {
  const toHz = (ppm: number) => (ppm - 4.65) * GRID.spectrometerFrequencyMHz;
  let [a, b] = [toHz(nearPpm - halfWidthPpm), toHz(nearPpm + halfWidthPpm)];
  const golden = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const c = b - golden * (b - a);
    const d = a + golden * (b - a);
    if (spectrumAt(fid, c).re > spectrumAt(fid, d).re) b = d;
    else a = c;
  }
  const hz = (a + b) / 2;
  return { ppm: 4.65 + hz / GRID.spectrometerFrequencyMHz, ...spectrumAt(fid, hz) };
}

describe('simulateBasis', () => {
  it('puts every metabolite and macromolecule in the requested order on the requested grid', () => {
    const basis = simulateBasis({ sequence: 'press', echoTimeS: 0.03, ...GRID });
    expect(basis.names).toEqual([...BASIS_METABOLITE_NAMES]);
    expect(basis.names).toHaveLength(24);
    for (const fid of basis.fids) expect(fid).toHaveLength(2 * GRID.points);
    expect(basis.echoTimeS).toBe(0.03);
    expect(basis.source).toMatch(/PRESS TE 30 ms \(TE1 15 ms, TE2 15 ms\)/);
  });

  it('scales to 1 per proton at t = 0 for pulse-acquire (NAA = 3 + 3, GPC = 18, glucose anomers sum to 7)', () => {
    const protons: Record<string, number> = {
      Ala: 4, Asc: 4, Asp: 3, Cr: 5, PCr: 5, GABA: 6, Glc: 7, Gln: 5, Glu: 5, GPC: 18, PCh: 13, GSH: 10,
      Lac: 4, Ins: 6, sIns: 6, NAA: 6, NAAG: 11, PE: 4, Tau: 4, MM09: 3, MM12: 2, MM14: 2, MM17: 2, MM20: 2.39,
    };
    const basis = simulateBasis({ sequence: 'pulse-acquire', echoTimeS: 0, ...GRID });
    basis.names.forEach((name, i) => {
      expect(basis.fids[i][0], name).toBeCloseTo(protons[name], 9);
      expect(basis.fids[i][1], name).toBeCloseTo(0, 9);
    });
  });

  it('lands singlets exactly at their shifts, absorptive, after PRESS, STEAM and sLASER', () => {
    const singlets: [string, number][] = [
      ['NAA', 2.008], ['Cr', 3.027], ['Cr', 3.913], ['PCr', 3.029], ['PCr', 3.93], ['sIns', 3.34], ['PCh', 3.208], ['GPC', 3.212],
    ];
    for (const sequence of ['press', 'steam', 'slaser'] as const) {
      const basis = simulateBasis({ sequence, echoTimeS: 0.03, mixingTimeS: 0.01, metabolites: ['NAA', 'Cr', 'PCr', 'sIns', 'PCh', 'GPC'], ...GRID });
      for (const [name, ppm] of singlets) {
        const peak = peakPpm(basis.fids[basis.names.indexOf(name)], ppm);
        expect(peak.ppm, `${sequence} ${name}`).toBeCloseTo(ppm, 4);
        expect(Math.abs(peak.im / peak.re), `${sequence} ${name} phase`).toBeLessThan(0.02);
      }
    }
  });

  it('keeps the NAA methyl at 3 protons after an echo (singlets do not evolve under J)', () => {
    // the aspartyl multiplet is J-modulated; the methyl's Lorentzian peak height is not
    const short = simulateBasis({ sequence: 'press', echoTimeS: 0.03, metabolites: ['NAA'], ...GRID });
    const acquire = simulateBasis({ sequence: 'pulse-acquire', echoTimeS: 0, metabolites: ['NAA'], ...GRID });
    const a = peakPpm(short.fids[0], 2.008).re;
    const b = peakPpm(acquire.fids[0], 2.008).re;
    expect(a / b).toBeCloseTo(1, 3);
  });

  it('changes the Glu multiplet with TE but not the Cr singlets', () => {
    const at = (echoTimeS: number) => simulateBasis({ sequence: 'press', echoTimeS, metabolites: ['Glu', 'Cr'], ...GRID });
    const a = at(0.03);
    const b = at(0.08);
    const difference = (i: number) => Math.max(...a.fids[i].map((v, k) => Math.abs(v - b.fids[i][k])));
    expect(difference(0)).toBeGreaterThan(0.1);
    expect(difference(1)).toBeLessThan(1e-9);
  });

  it('is deterministic and applies the requested Lorentzian broadening', () => {
    const options = { sequence: 'press' as const, echoTimeS: 0.03, metabolites: ['sIns'], ...GRID };
    const one = simulateBasis({ ...options, lineBroadeningHz: 4 });
    const two = simulateBasis({ ...options, lineBroadeningHz: 4 });
    expect(Array.from(one.fids[0])).toEqual(Array.from(two.fids[0]));
    const t = 1000 * GRID.dwellTimeS;
    expect(Math.hypot(one.fids[0][2000], one.fids[0][2001])).toBeCloseTo(6 * Math.exp(-Math.PI * 4 * t), 9);
  });

  it('rejects unknown metabolites and impossible timings with one-line DataErrors', () => {
    expect(() => simulateBasis({ sequence: 'press', echoTimeS: 0.03, metabolites: ['Glx'], ...GRID })).toThrow(DataError);
    expect(() => simulateBasis({ sequence: 'press', echoTimeS: 0.03, te1S: 0.04, ...GRID })).toThrow(/TE1/);
    expect(() => simulateBasis({ sequence: 'steam', echoTimeS: -1, ...GRID })).toThrow(/echo time/);
    expect(() => simulateBasis({ sequence: 'press', echoTimeS: 0.03, ...GRID, dwellTimeS: 0 })).toThrow(/dwell/);
  });
});
