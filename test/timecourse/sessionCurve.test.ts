import { describe, expect, it } from 'vitest';
import { buildSessionCurve, type SessionDescription } from '../../src/timecourse/sessionCurve.js';
import { checkedPartsOf } from '../../src/timecourse/baseline.js';
import type { FitResult } from '../../src/types/fit.js';
import type { SessionQc, SessionWindow } from '../../src/types/timecourse.js';

const description: SessionDescription = {
  subject: 'sub-01',
  sex: 'F',
  visit: 'visit1',
  condition: 'placebo',
  visitOrder: 1,
  infusionDurationMin: 40,
  madrs: null,
};
const qc: SessionQc = { snr: 50, fwhmHz: 7, driftRangeHz: 1, transientsTotal: 100, transientsRejected: 0, waterFwhmHz: null };

/** Windows `lengthMin` long, one every `lengthMin`, the first starting at `firstStartMin`. */
function windows(count: number, firstStartMin: number, lengthMin: number): SessionWindow[] {
  return Array.from({ length: count }, (_, index) => {
    const startMin = firstStartMin + index * lengthMin;
    return { index, startMin, endMin: startMin + lengthMin, centreMin: startMin + lengthMin / 2, nTransients: 8, flagged: false };
  });
}

/** A window fit with the given amplitudes (Glx = Glu + Gln) and 5% CRLBs; only the fields the curve reads matter. */
function fit(amplitudes: { Glu: number; Gln: number; tNAA: number }): FitResult {
  const all: Record<string, number> = { ...amplitudes, Glx: amplitudes.Glu + amplitudes.Gln };
  const crlbSd = Object.fromEntries(Object.entries(all).map(([name, value]) => [name, 0.05 * Math.max(value, 1)]));
  return { amplitudes: all, crlbSd } as unknown as FitResult;
}

describe('buildSessionCurve: the baseline and % change', () => {
  it('averages the windows wholly inside baselineMin and gives % change from that mean', () => {
    const w = windows(6, -16, 8); // −16…−8, −8…0, 0…8, …
    const fits = [10, 12, 15, 15, 15, 15].map((glu) => fit({ Glu: glu, Gln: 2, tNAA: 10 }));
    const curve = buildSessionCurve(description, w, fits, { reference: 'tNAA', baselineMin: [-16, 0] }, qc);
    const glu = curve.measures['Glu/tNAA']!;
    expect(glu.baselineProblem).toBeUndefined();
    expect(glu.baseline).toBeCloseTo(1.1, 12);
    expect(glu.pctChange[2]).toBeCloseTo(100 * (1.5 / 1.1 - 1), 10);
  });

  it('names the cause when no window lies wholly inside a baseline shorter than a window', () => {
    const w = windows(6, -16, 8);
    const fits = w.map(() => fit({ Glu: 12, Gln: 2, tNAA: 10 }));
    const curve = buildSessionCurve(description, w, fits, { reference: 'tNAA', baselineMin: [-0.3, 0] }, qc);
    const glx = curve.measures['Glx/tNAA']!;
    expect(glx.baselineProblem).toBe('no window lies wholly inside baselineMin [-0.3, 0] (windows are 8 min long; widen baselineMin or shorten the windows)');
    expect(Number.isNaN(glx.baseline)).toBe(true);
    expect(Array.from(glx.pctChange).every(Number.isNaN)).toBe(true);
  });

  it('says when every window inside the baseline is flagged', () => {
    const w = windows(6, -16, 8);
    w[0]!.flagged = true;
    w[1]!.flagged = true;
    const fits = w.map(() => fit({ Glu: 12, Gln: 2, tNAA: 10 }));
    const curve = buildSessionCurve(description, w, fits, { reference: 'tNAA', baselineMin: [-16, 0] }, qc);
    expect(curve.measures['Glx/tNAA']!.baselineProblem).toBe('all 2 window(s) inside baselineMin [-16, 0] are flagged');
  });

  it('Glu not detected (zero amplitude): Glu/tNAA and Glx/tNAA have no baseline; % changes and AUCs are NaN, not numbers', () => {
    const w = windows(8, -16, 8);
    // Glu at its bound in the baseline, then appearing: the old code divided by a zero baseline (Infinity %).
    const fits = w.map((_, i) => fit({ Glu: i < 2 ? 0 : 5, Gln: 40, tNAA: 3 }));
    const curve = buildSessionCurve(description, w, fits, { reference: 'tNAA', baselineMin: [-16, 0] }, qc);
    for (const measure of ['Glu/tNAA', 'Glx/tNAA']) {
      const series = curve.measures[measure]!;
      expect(series.baselineProblem).toBe('Glu not detected in 2 of 2 baseline window(s)');
      expect(Array.from(series.pctChange).every(Number.isNaN)).toBe(true);
      const metrics = curve.metrics[measure]!;
      expect(metrics.aucInfusionPctMin).toBeNaN();
      expect(metrics.aucPostPctMin).toBeNaN();
      expect(metrics.peakPctChange).toBeNaN();
    }
    // tNAA itself is detected, so its own curve keeps its baseline.
    expect(curve.measures.tNAA!.baselineProblem).toBeUndefined();
    expect(curve.measures.tNAA!.baseline).toBe(3);
  });

  it('leaves windows where Glu is not detected out of the baseline, keeping the others', () => {
    const w = windows(6, -24, 8); // three baseline windows
    const glu = [0, 10, 12, 14, 14, 14];
    const fits = glu.map((g) => fit({ Glu: g, Gln: 2, tNAA: 10 }));
    const curve = buildSessionCurve(description, w, fits, { reference: 'tNAA', baselineMin: [-24, 0] }, qc);
    expect(curve.measures['Glu/tNAA']!.baseline).toBeCloseTo(1.1, 12);
    expect(curve.measures['Glx/tNAA']!.baseline).toBeCloseTo(1.3, 12);
  });

  it('a baseline of zero (Gln at its bound, Gln is not detection-checked) gives NaN % change, never Infinity', () => {
    const w = windows(6, -16, 8);
    const fits = w.map((_, i) => fit({ Glu: 12, Gln: i < 2 ? 0 : 3, tNAA: 10 }));
    const curve = buildSessionCurve(description, w, fits, { reference: 'tNAA', baselineMin: [-16, 0] }, qc);
    const gln = curve.measures['Gln/tNAA']!;
    expect(gln.baseline).toBe(0);
    expect(gln.baselineProblem).toBe('baseline Gln/tNAA is 0, not positive');
    expect(Array.from(gln.pctChange).every(Number.isNaN)).toBe(true);
  });

  it('checks the detection of Glu for Glx outcomes, and no minor metabolite', () => {
    expect(checkedPartsOf('Glx/tNAA')).toEqual(['Glu', 'Glx', 'tNAA']);
    expect(checkedPartsOf('Gln/tCr')).toEqual(['tCr']);
    expect(checkedPartsOf('NAA')).toEqual([]);
  });
});
