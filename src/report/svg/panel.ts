import { escapeXml, fmt, formatNumber } from './format.js';
import { estimateTextWidthPx, lineElement, marker, polylinePath, textElement } from './marks.js';
import { NEUTRAL } from './palette.js';
import { axisTicks, linearScale, xExtent, yExtent, type Extent } from './scale.js';
import type { TickSet } from './ticks.js';
import type { PanelSpec, Rect, Series } from './types.js';

/** Space around the plot area inside a panel cell, for the title, tick labels and axis labels. */
const PANEL_MARGIN = { left: 66, right: 16, top: 30, bottom: 46 } as const;

/** Fraction of the y data span added above and below before rounding to nice ticks. */
const Y_HEADROOM = 0.04;

const FONT = { title: 13, axisLabel: 12, tick: 11, note: 11 } as const;

export interface PanelAxes {
  x: TickSet;
  y: TickSet;
}

/** Axis ticks of a panel; `yOverride` (a figure-wide y extent) replaces the panel's own when given. */
export function panelAxes(panel: PanelSpec, yOverride: Extent = null): PanelAxes {
  const x = axisTicks(panel.x, xExtent(panel));
  const y = axisTicks(panel.y, yOverride ?? yExtent(panel, x.min, x.max), Y_HEADROOM);
  return { x, y };
}

function plotArea(cell: Rect): Rect {
  return {
    x: cell.x + PANEL_MARGIN.left,
    y: cell.y + PANEL_MARGIN.top,
    width: cell.width - PANEL_MARGIN.left - PANEL_MARGIN.right,
    height: cell.height - PANEL_MARGIN.top - PANEL_MARGIN.bottom,
  };
}

/** Mean pixel distance between neighbouring points, so dense series get smaller marks. */
function meanSpacingPx(s: Series, sx: (v: number) => number, inX: (v: number) => boolean): number {
  const xs: number[] = [];
  for (let i = 0; i < Math.min(s.x.length, s.y.length); i++) if (inX(s.x[i]) && Number.isFinite(s.y[i])) xs.push(sx(s.x[i]));
  if (xs.length < 2) return Infinity;
  return Math.abs(xs[xs.length - 1] - xs[0]) / (xs.length - 1);
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

/** Render one panel (plot area, axes, labels) into the given cell of a figure. */
export function renderPanel(panel: PanelSpec, cell: Rect, axes: PanelAxes): string {
  const area = plotArea(cell);
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
    if (shade.label) {
      // Above the plot when the panel title leaves room, so the label never covers data.
      const centre = (a + b) / 2;
      const titleEnd = area.x + (panel.title ? estimateTextWidthPx(panel.title, FONT.title) : 0) + 8;
      const fitsAbove = titleEnd < centre - estimateTextWidthPx(shade.label, FONT.note) / 2;
      out.push(textElement(centre, fitsAbove ? area.y - 5 : area.y + 13, shade.label, { sizePx: FONT.note, anchor: 'middle', colour: NEUTRAL.axis, halo: true }));
    }
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
  out.push(textElement(cell.x + 16, area.y + area.height / 2, panel.y.label, { sizePx: FONT.axisLabel, anchor: 'middle', colour: NEUTRAL.text, rotateDeg: -90 }));
  if (panel.title) out.push(textElement(area.x, cell.y + 19, panel.title, { sizePx: FONT.title, bold: true, colour: NEUTRAL.text }));
  if (panel.note) out.push(textElement(area.x + 6, area.y + 14, panel.note, { sizePx: FONT.note, colour: NEUTRAL.text, halo: true }));

  return `<g class="panel">${out.join('')}</g>`;
}
