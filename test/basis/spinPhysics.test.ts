/** The density-matrix engine against closed-form results. */
import { describe, expect, it } from 'vitest';
import { idealSequence } from '../../src/basis/pulseSequences.js';
import { simulateFragment, type SpectralLines } from '../../src/basis/simulateFragment.js';
import { symmetricEigen } from '../../src/linalg/symmetricEigen.js';

const F0_MHZ = 123.2;
const CENTRE_PPM = 4.65;
const pulseAcquire = idealSequence({ sequence: 'pulse-acquire', echoTimeS: 0 }).steps;

/** Lines with |amplitude| above `floor`, sorted by frequency. */
function significantLines(lines: SpectralLines, floor = 1e-9) {
  const out: { hz: number; re: number; im: number }[] = [];
  for (let i = 0; i < lines.frequencyHz.length; i++) {
    if (Math.hypot(lines.amplitudeRe[i], lines.amplitudeIm[i]) > floor) {
      out.push({ hz: lines.frequencyHz[i], re: lines.amplitudeRe[i], im: lines.amplitudeIm[i] });
    }
  }
  return out.sort((a, b) => a.hz - b.hz);
}

describe('symmetricEigen', () => {
  it('reconstructs a symmetric matrix from its eigenpairs', () => {
    const n = 5;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.sin(3 * i + 7 * j + 1);
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += vectors[i * n + k] * values[k] * vectors[j * n + k];
        expect(sum).toBeCloseTo(a[i * n + j], 12);
      }
    }
  });
});

describe('simulateFragment', () => {
  it('gives an uncoupled spin one absorptive line of amplitude 1 at its offset (NIfTI-MRS sense)', () => {
    const lines = significantLines(simulateFragment({ shiftsPpm: [2.008], couplingsHz: [] }, pulseAcquire, F0_MHZ, CENTRE_PPM));
    expect(lines).toHaveLength(1);
    expect(lines[0].hz).toBeCloseTo((2.008 - 4.65) * F0_MHZ, 9);
    expect(lines[0].re).toBeCloseTo(1, 12);
    expect(lines[0].im).toBeCloseTo(0, 12);
  });

  it('reproduces the closed-form strongly coupled AB quartet', () => {
    const jHz = 15;
    const deltaHz = 0.1 * F0_MHZ; // Δν/J ≈ 0.8: strongly coupled
    const centreHz = (3.0 - CENTRE_PPM) * F0_MHZ;
    const shifts = [3.0 - 0.05, 3.0 + 0.05];
    const lines = significantLines(simulateFragment({ shiftsPpm: shifts, couplingsHz: [[0, 1, jHz]] }, pulseAcquire, F0_MHZ, CENTRE_PPM));
    const d = Math.sqrt(deltaHz ** 2 + jHz ** 2);
    const sin2theta = jHz / d;
    // outer lines weaker (1 − sin2θ), inner lines stronger (1 + sin2θ), total 2
    const expected = [
      { hz: centreHz - d / 2 - jHz / 2, amplitude: (1 - sin2theta) / 2 },
      { hz: centreHz - d / 2 + jHz / 2, amplitude: (1 + sin2theta) / 2 },
      { hz: centreHz + d / 2 - jHz / 2, amplitude: (1 + sin2theta) / 2 },
      { hz: centreHz + d / 2 + jHz / 2, amplitude: (1 - sin2theta) / 2 },
    ];
    expect(lines).toHaveLength(4);
    lines.forEach((line, i) => {
      expect(line.hz).toBeCloseTo(expected[i].hz, 8);
      expect(line.re).toBeCloseTo(expected[i].amplitude, 10);
      expect(line.im).toBeCloseTo(0, 10);
    });
  });

  it('splits a weakly coupled AX3 system into a 1:3:3:1 quartet and a 1:1 doublet (lactate)', () => {
    const fragment = {
      shiftsPpm: [4.0974, 1.3142, 1.3142, 1.3142],
      couplingsHz: [
        [0, 1, 6.933],
        [0, 2, 6.933],
        [0, 3, 6.933],
      ] as [number, number, number][],
    };
    const lines = significantLines(simulateFragment(fragment, pulseAcquire, 600, CENTRE_PPM), 1e-6);
    const methyl = lines.filter((l) => l.hz < (2 - CENTRE_PPM) * 600);
    const methine = lines.filter((l) => l.hz > (3.5 - CENTRE_PPM) * 600);
    const sum = (ls: typeof lines) => ls.reduce((s, l) => s + l.re, 0);
    expect(sum(methyl)).toBeCloseTo(3, 3);
    expect(sum(methine)).toBeCloseTo(1, 3);
    const methylSplitting = Math.max(...methyl.map((l) => l.hz)) - Math.min(...methyl.map((l) => l.hz));
    expect(methylSplitting).toBeCloseTo(6.933, 1);
  });

  it('refocuses chemical shift but not J in a PRESS spin echo: a weak doublet is phase-modulated by cos(πJ·TE)', () => {
    const te = 0.144; // 1/J for Lac at 6.933 Hz ≈ 144 ms: the methyl doublet is inverted
    const steps = idealSequence({ sequence: 'press', echoTimeS: te }).steps;
    const fragment = { shiftsPpm: [4.0974, 1.3142], couplingsHz: [[0, 1, 6.933]] as [number, number, number][] };
    const lines = significantLines(simulateFragment(fragment, steps, 600, CENTRE_PPM), 1e-6);
    const methyl = lines.filter((l) => l.hz < (2 - CENTRE_PPM) * 600);
    const sumRe = methyl.reduce((s, l) => s + l.re, 0);
    expect(sumRe).toBeCloseTo(Math.cos(Math.PI * 6.933 * te), 2);
  });

  it('folds heteronuclear couplings into an exact doublet of the coupled proton', () => {
    const lines = significantLines(
      simulateFragment(
        { shiftsPpm: [4.0], couplingsHz: [], heteronuclei: [{ nucleus: '31P', couplingsHz: [[0, 7]] }] },
        pulseAcquire,
        F0_MHZ,
        CENTRE_PPM,
      ),
    );
    expect(lines.map((l) => l.hz - (4.0 - CENTRE_PPM) * F0_MHZ)).toEqual([expect.closeTo(-3.5, 9), expect.closeTo(3.5, 9)]);
    expect(lines.map((l) => l.re)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.5, 12)]);
  });

  it('returns each uncoupled proton at full amplitude after STEAM and sLASER (stimulated echo rescaled)', () => {
    for (const sequence of ['steam', 'slaser'] as const) {
      const { steps, signalScale } = idealSequence({ sequence, echoTimeS: 0.02, mixingTimeS: 0.01 });
      const lines = significantLines(simulateFragment({ shiftsPpm: [3.34], couplingsHz: [] }, steps, F0_MHZ, CENTRE_PPM));
      const total = lines.reduce((s, l) => s + l.re * signalScale, 0);
      expect(total, sequence).toBeCloseTo(1, 10);
      expect(lines.reduce((s, l) => s + l.im, 0), sequence).toBeCloseTo(0, 10);
    }
  });
});
