import type { SessionMetrics, SessionWindow } from '../types/timecourse.js';

/**
 * Trapezoid area of y(t) between tFrom and tTo, over the points inside (no extrapolation). NaN when no two
 * consecutive points span any of the interval: an area over no data is undefined, not zero.
 */
function areaBetween(t: number[], y: number[], tFrom: number, tTo: number): number {
  let area = 0;
  let covered = false;
  for (let i = 1; i < t.length; i++) {
    const a = Math.max(t[i - 1], tFrom);
    const b = Math.min(t[i], tTo);
    if (b <= a) continue;
    covered = true;
    const slope = (y[i] - y[i - 1]) / (t[i] - t[i - 1]);
    const ya = y[i - 1] + slope * (a - t[i - 1]);
    const yb = y[i - 1] + slope * (b - t[i - 1]);
    area += ((ya + yb) / 2) * (b - a);
  }
  return covered ? area : Number.NaN;
}

function leastSquaresSlope(t: number[], y: number[]): number {
  const n = t.length;
  if (n < 2) return Number.NaN;
  const tMean = t.reduce((s, x) => s + x, 0) / n;
  const yMean = y.reduce((s, x) => s + x, 0) / n;
  let sty = 0;
  let stt = 0;
  for (let i = 0; i < n; i++) {
    sty += (t[i] - tMean) * (y[i] - yMean);
    stt += (t[i] - tMean) ** 2;
  }
  return stt > 0 ? sty / stt : Number.NaN;
}

/**
 * Summary of a % change curve: peak and its time during or after the infusion, areas during and after the
 * infusion, the slope over the first `earlyMin` minutes, and the mean over the infusion. Flagged windows are skipped.
 */
export function sessionMetrics(windows: SessionWindow[], pctChange: Float64Array, infusionDurationMin: number, earlyMin = 10): SessionMetrics {
  const t: number[] = [];
  const y: number[] = [];
  windows.forEach((w, i) => {
    if (!w.flagged && Number.isFinite(pctChange[i])) {
      t.push(w.centreMin);
      y.push(pctChange[i]);
    }
  });
  let peak = Number.NaN;
  let timeToPeak = Number.NaN;
  t.forEach((time, i) => {
    if (time >= 0 && !(y[i] <= peak)) {
      peak = y[i];
      timeToPeak = time;
    }
  });
  const during = y.filter((_, i) => t[i] >= 0 && t[i] <= infusionDurationMin);
  const earlyT = t.filter((time) => time >= 0 && time <= earlyMin);
  const earlyY = y.filter((_, i) => t[i] >= 0 && t[i] <= earlyMin);
  return {
    peakPctChange: peak,
    timeToPeakMin: timeToPeak,
    aucInfusionPctMin: areaBetween(t, y, 0, infusionDurationMin),
    aucPostPctMin: areaBetween(t, y, infusionDurationMin, Number.POSITIVE_INFINITY),
    earlySlopePctPerMin: leastSquaresSlope(earlyT, earlyY),
    meanInfusionPctChange: during.length > 0 ? during.reduce((s, v) => s + v, 0) / during.length : Number.NaN,
  };
}
