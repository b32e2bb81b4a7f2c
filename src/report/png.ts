import { Resvg } from '@resvg/resvg-js';
import { bundledFontFiles, REPORT_FONT_FAMILY } from './fonts.js';

export interface PngOptions {
  /** Output width in pixels; the default doubles the SVG's own size (sharp in print and on screens). */
  widthPx?: number;
}

/** Rasterise an SVG with the bundled fonts only (no system fonts), on a white background. */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: bundledFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: REPORT_FONT_FAMILY,
      sansSerifFamily: REPORT_FONT_FAMILY,
    },
    fitTo: options.widthPx ? { mode: 'width', value: Math.round(options.widthPx) } : { mode: 'zoom', value: 2 },
    background: '#FFFFFF',
    textRendering: 1,
    shapeRendering: 2,
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
