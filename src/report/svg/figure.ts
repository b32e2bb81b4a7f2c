import { escapeXml } from './format.js';
import { collectLegend, legendHeightPx, renderLegend } from './legend.js';
import { textElement, wrapText } from './marks.js';
import { NEUTRAL } from './palette.js';
import { needsLabelRow, panelAxes, renderPanel } from './panel.js';
import { axisTicks, unionExtent, xExtent, yExtent, type Extent } from './scale.js';
import type { FigureSpec } from './types.js';

const OUTER_PAD_PX = 10;
export const FONT_FAMILY = "'Noto Sans', sans-serif";

function sharedXExtent(spec: FigureSpec): Extent {
  return spec.panels.reduce<Extent>((extent, panel) => unionExtent(extent, xExtent(panel)), null);
}

function sharedYExtent(spec: FigureSpec, xOverride: Extent): Extent {
  let extent: Extent = null;
  for (const panel of spec.panels) {
    const x = axisTicks(panel.x, xOverride ?? xExtent(panel));
    extent = unionExtent(extent, yExtent(panel, x.min, x.max));
  }
  return extent;
}

/** A complete standalone SVG document: title, subtitle, legend and a grid of panels. */
export function renderFigure(spec: FigureSpec): string {
  const columns = Math.max(1, Math.min(spec.columns ?? spec.panels.length, spec.panels.length || 1));
  const rows = Math.max(1, Math.ceil(spec.panels.length / columns));
  const panelWidth = spec.panelWidthPx ?? 420;
  const panelHeight = spec.panelHeightPx ?? 300;
  const width = columns * panelWidth + 2 * OUTER_PAD_PX;
  const legend = spec.legend ?? collectLegend(spec.panels);
  const contentWidth = width - 2 * OUTER_PAD_PX;

  const header: string[] = [];
  let top = OUTER_PAD_PX;
  // Long titles and subtitles wrap instead of running off the right edge.
  for (const line of spec.title ? wrapText(spec.title, 16, contentWidth) : []) {
    header.push(textElement(OUTER_PAD_PX, top + 16, line, { sizePx: 16, bold: true, colour: NEUTRAL.text }));
    top += 22;
  }
  if (spec.title) top += 2;
  for (const line of spec.subtitle ? wrapText(spec.subtitle, 12, contentWidth) : []) {
    header.push(textElement(OUTER_PAD_PX, top + 13, line, { sizePx: 12, colour: NEUTRAL.axis }));
    top += 17;
  }
  if (spec.subtitle) top += 3;
  if (legend.length) {
    header.push(renderLegend(legend, OUTER_PAD_PX + 4, top + 2, contentWidth - 8));
    top += legendHeightPx(legend, contentWidth - 8) + 4;
  }

  const xOverride = spec.sharedX ? sharedXExtent(spec) : null;
  const yOverride = spec.sharedY ? sharedYExtent(spec, xOverride) : null;
  const cells = spec.panels.map((_, i) => ({
    x: OUTER_PAD_PX + (i % columns) * panelWidth,
    y: top + Math.floor(i / columns) * panelHeight,
    width: panelWidth,
    height: panelHeight,
  }));
  const axes = spec.panels.map((panel) => panelAxes(panel, yOverride, xOverride));
  // One decision for the whole figure, so the plot areas of neighbouring panels stay aligned.
  const labelRow = spec.panels.some((panel, i) => needsLabelRow(panel, cells[i], axes[i]));
  const panels = spec.panels.map((panel, i) => renderPanel(panel, cells[i], axes[i], labelRow));
  const height = top + rows * panelHeight + OUTER_PAD_PX;
  const titleElement = spec.title ? `<title>${escapeXml(spec.title)}</title>` : '';

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" role="img">` +
    titleElement +
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>` +
    header.join('') +
    panels.join('') +
    `</svg>\n`
  );
}
