import { escapeXml } from './format.js';
import { collectLegend, legendHeightPx, renderLegend } from './legend.js';
import { textElement } from './marks.js';
import { NEUTRAL } from './palette.js';
import { panelAxes, renderPanel } from './panel.js';
import { axisTicks, unionExtent, xExtent, yExtent, type Extent } from './scale.js';
import type { FigureSpec } from './types.js';

const OUTER_PAD_PX = 10;
export const FONT_FAMILY = "'Noto Sans', sans-serif";

function sharedYExtent(spec: FigureSpec): Extent {
  let extent: Extent = null;
  for (const panel of spec.panels) {
    const x = axisTicks(panel.x, xExtent(panel));
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
  if (spec.title) {
    header.push(textElement(OUTER_PAD_PX, top + 16, spec.title, { sizePx: 16, bold: true, colour: NEUTRAL.text }));
    top += 24;
  }
  if (spec.subtitle) {
    header.push(textElement(OUTER_PAD_PX, top + 13, spec.subtitle, { sizePx: 12, colour: NEUTRAL.axis }));
    top += 20;
  }
  if (legend.length) {
    header.push(renderLegend(legend, OUTER_PAD_PX + 4, top + 2, contentWidth - 8));
    top += legendHeightPx(legend, contentWidth - 8) + 4;
  }

  const yOverride = spec.sharedY ? sharedYExtent(spec) : null;
  const panels = spec.panels.map((panel, i) => {
    const cell = {
      x: OUTER_PAD_PX + (i % columns) * panelWidth,
      y: top + Math.floor(i / columns) * panelHeight,
      width: panelWidth,
      height: panelHeight,
    };
    return renderPanel(panel, cell, panelAxes(panel, yOverride));
  });
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
