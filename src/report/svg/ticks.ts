/** "Nice" axis ticks: steps of 1, 2, 2.5 or 5 times a power of ten. */

export interface TickSet {
  /** Domain after rounding outwards to whole steps (or the forced limits). */
  min: number;
  max: number;
  step: number;
  values: number[];
  /** Decimals needed to print every tick exactly. */
  decimals: number;
}

const STEP_MULTIPLIERS = [1, 2, 2.5, 5, 10];

export function niceStep(span: number, targetCount: number): number {
  const raw = span / Math.max(1, targetCount);
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiplier = STEP_MULTIPLIERS.find((m) => m * power >= raw) ?? 10;
  return multiplier * power;
}

function roundedSpan(lo: number, hi: number, step: number, forced: { min?: number; max?: number }): number {
  const min = forced.min ?? Math.floor(lo / step + 1e-9) * step;
  const max = forced.max ?? Math.ceil(hi / step - 1e-9) * step;
  return max - min;
}

/**
 * The step of at most `targetCount` intervals, unless rounding out to it would waste more than a fifth
 * of the axis on empty space; then the next finer nice step (up to ~1.6 times as many ticks) is used.
 */
function chooseStep(lo: number, hi: number, targetCount: number, forced: { min?: number; max?: number }): number {
  const coarse = niceStep(hi - lo, targetCount);
  const fine = niceStep(hi - lo, Math.round(1.6 * targetCount));
  if (fine >= coarse) return coarse;
  const waste = roundedSpan(lo, hi, coarse, forced) / (hi - lo);
  return waste > 1.2 ? fine : coarse;
}

function decimalsOf(step: number): number {
  for (let d = 0; d <= 10; d++) {
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  }
  return 10;
}

/**
 * Ticks covering [low, high]. Unless the limits are forced, the domain is widened to whole steps
 * so the data never touches an unlabelled edge.
 */
export function niceTicks(low: number, high: number, targetCount = 5, forced: { min?: number; max?: number } = {}): TickSet {
  let lo = forced.min ?? low;
  let hi = forced.max ?? high;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = chooseStep(lo, hi, targetCount, forced);
  const min = forced.min ?? Math.floor(lo / step + 1e-9) * step;
  const max = forced.max ?? Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last; k++) values.push(Number((k * step).toFixed(10)));
  return { min, max, step, values, decimals: decimalsOf(step) };
}
