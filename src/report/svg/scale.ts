import type { AxisSpec, PanelSpec } from './types.js';
import { niceTicks, type TickSet } from './ticks.js';

/** Finite [low, high] of some numbers, or null when there are none. */
export type Extent = [number, number] | null;

function extend(extent: Extent, value: number): Extent {
  if (!Number.isFinite(value)) return extent;
  return extent ? [Math.min(extent[0], value), Math.max(extent[1], value)] : [value, value];
}

export function unionExtent(a: Extent, b: Extent): Extent {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

export function xExtent(panel: PanelSpec): Extent {
  let extent: Extent = null;
  for (const s of panel.series) for (let i = 0; i < s.x.length; i++) if (Number.isFinite(s.y[i])) extent = extend(extent, s.x[i]);
  for (const b of panel.bands ?? []) for (let i = 0; i < b.x.length; i++) extent = extend(extent, b.x[i]);
  for (const r of panel.referenceLines ?? []) if (r.axis === 'x') extent = extend(extent, r.value);
  return extent;
}

/** y extent of what is visible inside the x domain (spectra are cut to a ppm range). */
export function yExtent(panel: PanelSpec, xMin: number, xMax: number): Extent {
  const inside = (x: number): boolean => x >= xMin && x <= xMax;
  let extent: Extent = null;
  for (const s of panel.series) {
    for (let i = 0; i < s.x.length; i++) {
      if (!inside(s.x[i])) continue;
      const err = s.yErr && Number.isFinite(s.yErr[i]) ? Math.abs(s.yErr[i]) : 0;
      extent = extend(extend(extent, s.y[i] - err), s.y[i] + err);
    }
  }
  for (const b of panel.bands ?? []) {
    for (let i = 0; i < b.x.length; i++) if (inside(b.x[i])) extent = extend(extend(extent, b.low[i]), b.high[i]);
  }
  for (const r of panel.referenceLines ?? []) if (r.axis === 'y') extent = extend(extent, r.value);
  return extent;
}

/**
 * Ticks for an axis. `padFraction` adds headroom so markers do not sit on the frame. An axis without
 * tick labels (arbitrary units) keeps the padded data range instead of rounding out to empty space.
 */
export function axisTicks(axis: AxisSpec, extent: Extent, padFraction = 0): TickSet {
  let range = extent ?? [0, 1];
  if (axis.includeZero) range = [Math.min(range[0], 0), Math.max(range[1], 0)];
  const pad = padFraction * (range[1] - range[0]);
  // Headroom never pushes a one-signed range across zero (no negative SNR on the axis).
  const low = axis.min ?? (range[0] >= 0 ? Math.max(0, range[0] - pad) : range[0] - pad);
  const high = axis.max ?? (range[1] <= 0 ? Math.min(0, range[1] + pad) : range[1] + pad);
  if (axis.hideTickLabels && high > low) return { min: low, max: high, step: high - low, values: [], decimals: 0 };
  return niceTicks(low, high, axis.tickCount ?? 5, { min: axis.min, max: axis.max });
}

/** Map a data value to a pixel position along [startPx, startPx + lengthPx]. */
export function linearScale(ticks: TickSet, startPx: number, lengthPx: number, reversed: boolean): (value: number) => number {
  const span = ticks.max - ticks.min;
  return reversed
    ? (value) => startPx + ((ticks.max - value) / span) * lengthPx
    : (value) => startPx + ((value - ticks.min) / span) * lengthPx;
}
