/**
 * The pre-infusion baseline of one measure: the windows that form it, their mean and SD, and, when no usable
 * baseline exists, the one-line reason. A % change from an undefined baseline is undefined.
 */
import type { SessionWindow } from '../types/timecourse.js';

/**
 * Metabolites whose detection decides whether a window may enter a baseline: the outcome measures' parts that the
 * QC checks. Gln is left out on purpose: at 3T it often sits at zero in a sound fit.
 */
export const DETECTION_CHECKED_METABOLITES: readonly string[] = ['Glu', 'Glx', 'tNAA', 'tCr'];

/** Components of the combinations, so that Glx/tNAA also checks Glu, the main part of Glx. */
const COMPONENTS: Record<string, string[]> = { Glx: ['Glu', 'Gln'], tNAA: ['NAA', 'NAAG'], tCr: ['Cr', 'PCr'] };

/** The detection-checked metabolites a measure is made of: "Glx/tNAA" → Glu, Glx, tNAA. */
export function checkedPartsOf(measure: string): string[] {
  const parts = measure.split('/').flatMap((name) => [name, ...(COMPONENTS[name] ?? [])]);
  return DETECTION_CHECKED_METABOLITES.filter((name) => parts.includes(name));
}

export interface BaselineEstimate {
  mean: number;
  sd: number;
  /** Why the baseline cannot be used; absent when it can. */
  problem?: string;
}

/** A baseline value a % change can be taken from. */
export function isUsableBaseline(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

function formatMin(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Mean of the usable windows and its SD. Sliding windows overlap, so they are not independent: the SD is the
 * typical window SD over √(number of non-overlapping windows that fit in the baseline span).
 */
function meanAndSd(values: Float64Array, sds: Float64Array, windows: SessionWindow[], used: number[]): { mean: number; sd: number } {
  const mean = used.reduce((s, i) => s + values[i], 0) / used.length;
  const meanSd = used.reduce((s, i) => s + sds[i], 0) / used.length;
  const spanMin = Math.max(...used.map((i) => windows[i].endMin)) - Math.min(...used.map((i) => windows[i].startMin));
  const windowMin = used.reduce((s, i) => s + (windows[i].endMin - windows[i].startMin), 0) / used.length;
  return { mean, sd: meanSd / Math.sqrt(Math.max(1, spanMin / windowMin)) };
}

/**
 * The baseline of `measure`: unflagged windows lying wholly inside `baselineMin` (so no window reaches into the
 * infusion), with a finite value, and in which every checked part of the measure is detected (amplitude > 0; an
 * amplitude at zero is a fit at its bound, not a low concentration). Windows are not filtered on relative CRLB,
 * which would bias the baseline upwards (Kreis 2016). `parts` holds each metabolite's per-window amplitudes.
 */
export function measureBaseline(
  measure: string,
  values: Float64Array,
  sds: Float64Array,
  windows: SessionWindow[],
  parts: Record<string, Float64Array>,
  baselineMin: [number, number],
): BaselineEstimate {
  const [from, to] = baselineMin;
  const undefinedBaseline = (problem: string): BaselineEstimate => ({ mean: Number.NaN, sd: Number.NaN, problem });
  const interval = `baselineMin [${from}, ${to}]`;
  const inside = windows.flatMap((w, i) => (w.startMin >= from - 1e-9 && w.endMin <= to + 1e-9 ? [i] : []));
  if (inside.length === 0) {
    const lengthMin = median(windows.map((w) => w.endMin - w.startMin));
    const length = windows.length ? ` (windows are ${formatMin(lengthMin)} min long; widen baselineMin or shorten the windows)` : '';
    return undefinedBaseline(`no window lies wholly inside ${interval}${length}`);
  }
  const unflagged = inside.filter((i) => !windows[i].flagged);
  if (unflagged.length === 0) return undefinedBaseline(`all ${inside.length} window(s) inside ${interval} are flagged`);
  const estimated = unflagged.filter((i) => Number.isFinite(values[i]));
  if (estimated.length === 0) return undefinedBaseline(`no ${measure} estimate in the ${unflagged.length} baseline window(s)`);
  const checked = checkedPartsOf(measure).filter((name) => parts[name]);
  const undetected = checked.map((name) => ({ name, windows: estimated.filter((i) => !(parts[name][i] > 0)).length }));
  const used = estimated.filter((i) => checked.every((name) => parts[name][i] > 0));
  if (used.length === 0) {
    const missing = undetected.filter((u) => u.windows > 0).map((u) => `${u.name} not detected in ${u.windows} of ${estimated.length}`);
    return undefinedBaseline(`${missing.join('; ')} baseline window(s)`);
  }
  const { mean, sd } = meanAndSd(values, sds, windows, used);
  if (!isUsableBaseline(mean)) return { mean, sd, problem: `baseline ${measure} is ${Number(mean.toPrecision(3))}, not positive` };
  return { mean, sd };
}
