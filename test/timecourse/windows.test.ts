import { describe, expect, it } from 'vitest';
import { slidingWindows, transientTiming } from '../../src/timecourse/windows.js';
import { sessionMetrics } from '../../src/timecourse/sessionMetrics.js';
import type { SessionWindow } from '../../src/types/timecourse.js';

describe('transientTiming', () => {
  it('uses TR × index without file times, relative to infusion start', () => {
    const timing = transientTiming(4, null, 30, 1);
    expect(Array.from(timing.startMin)).toEqual([-1, -0.5, 0, 0.5]);
    expect(Array.from(timing.durationMin)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('uses file times and caps a gap at 1.5 typical spacings', () => {
    const timing = transientTiming(4, Float64Array.from([0, 60, 120, 600]), 2, 0);
    expect(Array.from(timing.startMin)).toEqual([0, 1, 2, 10]);
    expect(timing.durationMin[2]).toBeCloseTo(1.5);
    expect(timing.durationMin[3]).toBeCloseTo(1);
  });
});

describe('slidingWindows', () => {
  const timing = transientTiming(10, null, 60, 0);

  it('steps through the transients and averages only accepted ones', () => {
    const accepted = Uint8Array.from([1, 1, 0, 1, 1, 1, 1, 1, 1, 1]);
    const windows = slidingWindows(timing, accepted, 4, 2);
    expect(windows.map((w) => w.members)).toEqual([[0, 1, 3], [3, 4, 5], [4, 5, 6, 7], [6, 7, 8, 9]]);
    expect(windows[0].window.startMin).toBe(0);
    expect(windows[0].window.endMin).toBe(4);
    expect(windows[0].window.centreMin).toBeCloseTo((0.5 + 1.5 + 3.5) / 3);
    expect(windows.every((w) => !w.window.flagged)).toBe(true);
  });

  it('flags windows with too few accepted transients', () => {
    const accepted = Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
    const windows = slidingWindows(timing, accepted, 4, 4);
    expect(windows[0].window.flagged).toBe(true);
    expect(windows[0].window.nTransients).toBe(1);
    expect(windows[1].window.flagged).toBe(false);
  });
});

describe('sessionMetrics', () => {
  const windows: SessionWindow[] = [-10, -5, 0, 10, 20, 30, 40, 50].map((t, index) => ({
    index, startMin: t - 2.5, centreMin: t, endMin: t + 2.5, nTransients: 10, flagged: false,
  }));

  it('finds peak, areas, early slope and infusion mean of a known curve', () => {
    // 0 before infusion, rises 1 %/min to 20 % at 20 min, holds to 40 min, 10 % at 50 min
    const pct = Float64Array.from([0, 0, 0, 10, 20, 20, 20, 10]);
    const metrics = sessionMetrics(windows, pct, 40);
    expect(metrics.peakPctChange).toBe(20);
    expect(metrics.timeToPeakMin).toBe(20);
    expect(metrics.aucInfusionPctMin).toBeCloseTo(0.5 * 20 * 20 + 20 * 20);
    expect(metrics.aucPostPctMin).toBeCloseTo(150);
    expect(metrics.earlySlopePctPerMin).toBeCloseTo(1);
    expect(metrics.meanInfusionPctChange).toBeCloseTo((0 + 10 + 20 + 20 + 20) / 5);
  });

  it('skips flagged windows', () => {
    const flagged = windows.map((w) => ({ ...w, flagged: w.centreMin === 20 }));
    const pct = Float64Array.from([0, 0, 0, 10, 99, 20, 20, 10]);
    expect(sessionMetrics(flagged, pct, 40).peakPctChange).toBe(20);
  });
});
