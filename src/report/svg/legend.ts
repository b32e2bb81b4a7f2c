import { fmt } from './format.js';
import { estimateTextWidthPx, lineElement, marker, textElement } from './marks.js';
import { NEUTRAL } from './palette.js';
import type { LegendEntry, PanelSpec } from './types.js';

const ROW_HEIGHT_PX = 20;
const SWATCH_WIDTH_PX = 24;
const FONT_PX = 12;

/** Legend entries of the labelled series and bands, first occurrence of each label. */
export function collectLegend(panels: readonly PanelSpec[]): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const seen = new Set<string>();
  const add = (entry: LegendEntry): void => {
    if (seen.has(entry.label)) return;
    seen.add(entry.label);
    entries.push(entry);
  };
  for (const panel of panels) {
    for (const s of panel.series) {
      if (!s.label) continue;
      const kind = s.line && s.marker ? 'lineMarker' : s.marker ? 'marker' : 'line';
      add({ label: s.label, colour: s.colour, kind, shape: s.marker?.shape, dash: s.line?.dash });
    }
    for (const band of panel.bands ?? []) if (band.label) add({ label: band.label, colour: band.colour, kind: 'band' });
  }
  return entries;
}

interface PlacedEntry {
  entry: LegendEntry;
  x: number;
  row: number;
}

function place(entries: readonly LegendEntry[], widthPx: number): { placed: PlacedEntry[]; rows: number } {
  const placed: PlacedEntry[] = [];
  let x = 0;
  let row = 0;
  for (const entry of entries) {
    const itemWidth = SWATCH_WIDTH_PX + 6 + estimateTextWidthPx(entry.label, FONT_PX) + 18;
    if (x > 0 && x + itemWidth > widthPx) {
      row += 1;
      x = 0;
    }
    placed.push({ entry, x, row });
    x += itemWidth;
  }
  return { placed, rows: entries.length ? row + 1 : 0 };
}

export function legendHeightPx(entries: readonly LegendEntry[], widthPx: number): number {
  return place(entries, widthPx).rows * ROW_HEIGHT_PX;
}

function swatch(entry: LegendEntry, x: number, y: number): string {
  const mid = x + SWATCH_WIDTH_PX / 2;
  switch (entry.kind) {
    case 'band':
      return `<rect x="${fmt(x)}" y="${fmt(y - 6)}" width="${SWATCH_WIDTH_PX}" height="12" fill="${entry.colour}" fill-opacity="0.25" stroke="${entry.colour}" stroke-width="1"/>`;
    case 'marker':
      return marker(entry.shape ?? 'circle', mid, y, 7, entry.colour, false);
    case 'line':
      return lineElement(x, y, x + SWATCH_WIDTH_PX, y, entry.colour, 2, entry.dash);
    case 'lineMarker':
      return lineElement(x, y, x + SWATCH_WIDTH_PX, y, entry.colour, 2, entry.dash) + marker(entry.shape ?? 'circle', mid, y, 7, entry.colour, false);
  }
}

/** Legend rows starting at (left, top), wrapped to the given width. */
export function renderLegend(entries: readonly LegendEntry[], left: number, top: number, widthPx: number): string {
  const { placed } = place(entries, widthPx);
  const items = placed.map(({ entry, x, row }) => {
    const y = top + row * ROW_HEIGHT_PX + ROW_HEIGHT_PX / 2;
    return `<g class="legend-item">${swatch(entry, left + x, y)}${textElement(left + x + SWATCH_WIDTH_PX + 6, y, entry.label, { sizePx: FONT_PX, colour: NEUTRAL.text, dyEm: 0.35 })}</g>`;
  });
  return `<g class="legend">${items.join('')}</g>`;
}
