import { escapeXml, fmt, formatNumber } from './format.js';
import { estimateTextWidthPx, lineElement, marker, polylinePath, textElement } from './marks.js';
import { NEUTRAL } from './palette.js';
import { axisTicks, linearScale, xExtent, yExtent, type Extent } from './scale.js';
import type { TickSet } from './ticks.js';
import type { AxisSpec, PanelSpec, Rect, Series } from './types.js';

/** Space around the plot area inside a panel cell, for the title, tick labels and axis labels. */
const PANEL_MARGIN = { left: 66, right: 16, top: 30, bottom: 46 } as const;
/** Height of the optional row between the panel title and the plot, for the note and shaded-interval labels. */
const LABEL_ROW_PX = 16;

/** Fraction of the y data span added above and below before rounding to nice ticks. */
const Y_HEADROOM = 0.04;
/** Margin added beyond an x tick that data sits on, so a point at the first or last time is not cut by the frame. */
const X_EDGE_MARGIN = 0.02;

const FONT = { title: 13, axisLabel: 12, tick: 11, note: 11 } as const;

export interface PanelAxes {
  x: TickSet;
  y: TickSet;
}

/** Widen the domain (not the ticks) a little where data lie on its rounded edge; forced limits stay as given. */
function withEdgeMargin(ticks: TickSet, extent: Extent, axis: AxisSpec): TickSet {
  if (!extent) return ticks;
  const margin = X_EDGE_MARGIN * (ticks.max - ticks.min);
  const min = axis.min === undefined && extent[0] - ticks.min < margin ? ticks.min - margin : ticks.min;
  const max = axis.max === undefined && ticks.max - extent[1] < margin ? ticks.max + margin : ticks.max;
  return { ...ticks, min, max };
}

/** Axis ticks of a panel; figure-wide extents (`yOverride`, `xOverride`) replace the panel's own when given. */
export function panelAxes(panel: PanelSpec, yOverride: Extent = null, xOverride: Extent = null): PanelAxes {
  const xData = xOverride ?? xExtent(panel);
  const x = withEdgeMargin(axisTicks(panel.x, xData), xData, panel.x);
  const y = axisTicks(panel.y, yOverride ?? yExtent(panel, x.min, x.max), Y_HEADROOM);
  return { x, y };
}

function plotArea(cell: Rect, labelRow: boolean): Rect {
  const top = PANEL_MARGIN.top + (labelRow ? LABEL_ROW_PX : 0);
  return {
    x: cell.x + PANEL_MARGIN.left,
    y: cell.y + top,
    width: cell.width - PANEL_MARGIN.left - PANEL_MARGIN.right,
    height: cell.height - top - PANEL_MARGIN.bottom,
  };
}

interface PlacedShadeLabel {
  text: string;
  centre: number;
}

/** Shaded-interval labels centred on their interval, kept inside the plot's width so they never spill into a neighbour. */
function shadeLabels(panel: PanelSpec, area: Rect, axes: PanelAxes): PlacedShadeLabel[] {
  const sx = linearScale(axes.x, area.x, area.width, Boolean(panel.x.reversed));
  const clampX = (v: number): number => Math.min(axes.x.max, Math.max(axes.x.min, v));
  const placed: PlacedShadeLabel[] = [];
  for (const shade of panel.shaded ?? []) {
    const a = sx(clampX(shade.from));
    const b = sx(clampX(shade.to));
    if (!shade.label || Math.abs(b - a) < 0.5) continue;
    const half = estimateTextWidthPx(shade.label, FONT.note) / 2;
    const centre = Math.min(area.x + area.width - half, Math.max(area.x + half, (a + b) / 2));
    placed.push({ text: shade.label, centre });
  }
  return placed;
}

/**
 * Whether the panel needs a row between title and plot: for its note, or because a shaded-interval label
 * would run into the title. Labels never go inside the plot, where they would cover data.
 */
export function needsLabelRow(panel: PanelSpec, cell: Rect, axes: PanelAxes): boolean {
  if (panel.note) return true;
  if (!panel.title) return false;
  const area = plotArea(cell, false);
  const titleEnd = area.x + estimateTextWidthPx(panel.title, FONT.title) + 8;
  return shadeLabels(panel, area, axes).some((label) => label.centre - estimateTextWidthPx(label.text, FONT.note) / 2 < titleEnd);
}

/** Mean pixel distance between neighbouring points, so dense series get smaller marks. */
function meanSpacingPx(s: Series, sx: (v: number) => number, inX: (v: number) => boolean): number {
  const xs: number[] = [];
  for (let i = 0; i < Math.min(s.x.length, s.y.length); i++) if (inX(s.x[i]) && Number.isFinite(s.y[i])) xs.push(sx(s.x[i]));
  if (xs.length < 2) return Infinity;
  // Range over count, not first-to-last: a scatter's points come in any x order.
  return (Math.max(...xs) - Math.min(...xs)) / (xs.length - 1);
}

function seriesMarkup(s: Series, sx: (v: number) => number, sy: (v: number) => number, inX: (v: number) => boolean): string {
  const parts: string[] = [];
  const n = Math.min(s.x.length, s.y.length);
  const spacing = meanSpacingPx(s, sx, inX);
  const capHalfWidth = Math.min(3, 0.3 * spacing);
  const markerSize = Math.min(s.marker?.sizePx ?? 7, Math.max(3.5, 0.75 * spacing));
  if (s.line) {
    const points: [number, number][] = [];
    for (let i = 0; i < n; i++) points.push(inX(s.x[i]) && Number.isFinite(s.y[i]) ? [sx(s.x[i]), sy(s.y[i])] : [NaN, NaN]);
    const d = polylinePath(points);
    if (d) {
      const dash = s.line.dash ? ` stroke-dasharray="${s.line.dash}"` : '';
      const opacity = s.line.opacity !== undefined ? ` stroke-opacity="${fmt(s.line.opacity)}"` : '';
      parts.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="${fmt(s.line.widthPx ?? 1.8)}" stroke-linejoin="round"${dash}${opacity}/>`);
    }
  }
  if (s.yErr) {
    for (let i = 0; i < n; i++) {
      const err = s.yErr[i];
      if (!inX(s.x[i]) || !Number.isFinite(s.y[i]) || !Number.isFinite(err) || err <= 0) continue;
      const x = sx(s.x[i]);
      const top = sy(s.y[i] + err);
      const bottom = sy(s.y[i] - err);
      const caps = capHalfWidth >= 1.5
        ? `M${fmt(x - capHalfWidth)} ${fmt(top)}H${fmt(x + capHalfWidth)}M${fmt(x - capHalfWidth)} ${fmt(bottom)}H${fmt(x + capHalfWidth)}`
        : '';
      parts.push(`<path d="M${fmt(x)} ${fmt(top)}V${fmt(bottom)}${caps}" fill="none" stroke="${s.colour}" stroke-width="1.1"/>`);
    }
  }
  if (s.marker) {
    for (let i = 0; i < n; i++) {
      if (!inX(s.x[i]) || !Number.isFinite(s.y[i])) continue;
      parts.push(marker(s.marker.shape, sx(s.x[i]), sy(s.y[i]), markerSize, s.colour, Boolean(s.marker.hollow?.[i])));
    }
  }
  const label = s.label ? ` data-label="${escapeXml(s.label)}"` : '';
  return `<g class="series"${label}>${parts.join('')}</g>`;
}

/** Whether any series point or band has finite values inside the x domain (otherwise the panel says so). */
function hasFiniteData(panel: PanelSpec, inX: (v: number) => boolean): boolean {
  for (const s of panel.series) {
    for (let i = 0; i < Math.min(s.x.length, s.y.length); i++) if (inX(s.x[i]) && Number.isFinite(s.y[i])) return true;
  }
  for (const b of panel.bands ?? []) {
    for (let i = 0; i < b.x.length; i++) if (inX(b.x[i]) && Number.isFinite(b.low[i]) && Number.isFinite(b.high[i])) return true;
  }
  return false;
}

/** Render one panel (plot area, axes, labels) into the given cell of a figure. */
export function renderPanel(panel: PanelSpec, cell: Rect, axes: PanelAxes, labelRow = false): string {
  const area = plotArea(cell, labelRow);
  const sx = linearScale(axes.x, area.x, area.width, Boolean(panel.x.reversed));
  const sy = linearScale(axes.y, area.y, area.height, !panel.y.reversed);
  const inX = (v: number): boolean => Number.isFinite(v) && v >= axes.x.min - 1e-9 && v <= axes.x.max + 1e-9;
  const clampX = (v: number): number => Math.min(axes.x.max, Math.max(axes.x.min, v));
  const bottom = area.y + area.height;
  const out: string[] = [];

  for (const value of axes.y.values) out.push(lineElement(area.x, sy(value), area.x + area.width, sy(value), NEUTRAL.grid, 1));

  for (const shade of panel.shaded ?? []) {
    const a = sx(clampX(shade.from));
    const b = sx(clampX(shade.to));
    if (Math.abs(b - a) < 0.5) continue;
    out.push(`<rect class="shaded" x="${fmt(Math.min(a, b))}" y="${fmt(area.y)}" width="${fmt(Math.abs(b - a))}" height="${fmt(area.height)}" fill="${NEUTRAL.shade}" fill-opacity="0.16"/>`);
  }
  for (const label of shadeLabels(panel, area, axes)) {
    out.push(textElement(label.centre, area.y - 5, label.text, { sizePx: FONT.note, anchor: 'middle', colour: NEUTRAL.axis }));
  }

  for (const band of panel.bands ?? []) {
    const upper: [number, number][] = [];
    const lower: [number, number][] = [];
    for (let i = 0; i < band.x.length; i++) {
      if (!inX(band.x[i]) || !Number.isFinite(band.low[i]) || !Number.isFinite(band.high[i])) continue;
      upper.push([sx(band.x[i]), sy(band.high[i])]);
      lower.push([sx(band.x[i]), sy(band.low[i])]);
    }
    if (upper.length < 2) continue;
    const d = `${polylinePath([...upper, ...lower.reverse()])}Z`;
    const label = band.label ? ` data-label="${escapeXml(band.label)}"` : '';
    out.push(`<path class="band"${label} d="${d}" fill="${band.colour}" fill-opacity="${fmt(band.opacity ?? 0.2)}" stroke="none"/>`);
  }

  for (const ref of panel.referenceLines ?? []) {
    if (ref.axis === 'y') out.push(lineElement(area.x, sy(ref.value), area.x + area.width, sy(ref.value), NEUTRAL.axis, 1, ref.dash ?? '4 3'));
    else if (inX(ref.value)) out.push(lineElement(sx(ref.value), area.y, sx(ref.value), bottom, NEUTRAL.axis, 1, ref.dash ?? '4 3'));
  }

  for (const s of panel.series) out.push(seriesMarkup(s, sx, sy, inX));
  if (!hasFiniteData(panel, inX)) {
    out.push(textElement(area.x + area.width / 2, area.y + area.height / 3, 'No data', { sizePx: FONT.axisLabel, anchor: 'middle', colour: NEUTRAL.axis, dyEm: 0.35, halo: true }));
  }

  for (const label of panel.labels ?? []) {
    if (!inX(label.x)) continue;
    out.push(textElement(sx(label.x) + (label.dxPx ?? 0), sy(label.y) + (label.dyPx ?? 0), label.text, {
      sizePx: FONT.tick,
      anchor: label.anchor,
      colour: label.colour,
      dyEm: 0.35,
      halo: true,
    }));
  }

  // Axes drawn last so data never hides them.
  out.push(lineElement(area.x, bottom, area.x + area.width, bottom, NEUTRAL.axis, 1));
  out.push(lineElement(area.x, area.y, area.x, bottom, NEUTRAL.axis, 1));
  for (const value of axes.x.values) {
    const x = sx(value);
    out.push(lineElement(x, bottom, x, bottom + 4, NEUTRAL.axis, 1));
    if (!panel.x.hideTickLabels) out.push(textElement(x, bottom + 17, formatNumber(value, axes.x.decimals), { sizePx: FONT.tick, anchor: 'middle', colour: NEUTRAL.text }));
  }
  for (const value of axes.y.values) {
    const y = sy(value);
    out.push(lineElement(area.x - 4, y, area.x, y, NEUTRAL.axis, 1));
    if (!panel.y.hideTickLabels) out.push(textElement(area.x - 7, y, formatNumber(value, axes.y.decimals), { sizePx: FONT.tick, anchor: 'end', colour: NEUTRAL.text, dyEm: 0.35 }));
  }
  out.push(textElement(area.x + area.width / 2, bottom + 36, panel.x.label, { sizePx: FONT.axisLabel, anchor: 'middle', colour: NEUTRAL.text }));
  // The rotated y label moves left of wide tick labels (e.g. "−1000.0"), but never out of the cell.
  const widestTick = panel.y.hideTickLabels ? 0 : Math.max(0, ...axes.y.values.map((v) => estimateTextWidthPx(formatNumber(v, axes.y.decimals), FONT.tick)));
  const yLabelX = Math.max(cell.x + 9, Math.min(cell.x + 16, area.x - 7 - widestTick - 9));
  out.push(textElement(yLabelX, area.y + area.height / 2, panel.y.label, { sizePx: FONT.axisLabel, anchor: 'middle', colour: NEUTRAL.text, rotateDeg: -90 }));
  if (panel.title) out.push(textElement(area.x, cell.y + 19, panel.title, { sizePx: FONT.title, bold: true, colour: NEUTRAL.text }));
  if (panel.note) out.push(textElement(area.x, area.y - 5, panel.note, { sizePx: FONT.note, colour: NEUTRAL.text }));

  return `<g class="panel">${out.join('')}</g>`;
}
