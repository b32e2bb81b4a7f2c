import { describe, expect, it } from 'vitest';
import { sessionMetrics } from '../../src/timecourse/sessionMetrics.js';
import type { SessionWindow } from '../../src/types/timecourse.js';

function windowsAt(centresMin: number[]): SessionWindow[] {
  return centresMin.map((centreMin, index) => ({ index, startMin: centreMin - 1, endMin: centreMin + 1, centreMin, nTransients: 8, flagged: false }));
}

describe('sessionMetrics: areas under the % change curve', () => {
  it('integrates a linear rise exactly (trapezoids)', () => {
    const w = windowsAt([-2, 0, 2, 4, 6, 8, 10, 12]);
    const pct = Float64Array.from(w, (x) => Math.max(0, x.centreMin));
    const m = sessionMetrics(w, pct, 10);
    expect(m.aucInfusionPctMin).toBeCloseTo(50, 12); // ∫0..10 t dt
    expect(m.aucPostPctMin).toBeCloseTo(22, 12); // ∫10..12 t dt
  });

  it('an area over only undefined values is NaN, not 0', () => {
    const w = windowsAt([-2, 0, 2, 4]);
    const m = sessionMetrics(w, new Float64Array(w.length).fill(Number.NaN), 10);
    expect(m.aucInfusionPctMin).toBeNaN();
    expect(m.aucPostPctMin).toBeNaN();
  });

  it('no window after the infusion: the post-infusion area is NaN, not 0', () => {
    const w = windowsAt([-2, 0, 2, 4]);
    const m = sessionMetrics(w, Float64Array.from([0, 1, 2, 3]), 10);
    expect(m.aucPostPctMin).toBeNaN();
    expect(Number.isFinite(m.aucInfusionPctMin)).toBe(true);
  });
});
