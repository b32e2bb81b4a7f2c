import { describe, expect, it } from 'vitest';
import { visitResponseFigure } from '../../src/report/figures/visitResponse.js';
import { svgToPng } from '../../src/report/png.js';
import { decodePng, inkedPixels, PNG_SIGNATURE } from './pngDecode.js';
import { makeSessions } from './fixtures.js';

function labelSvg(text: string, bold = false): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60" viewBox="0 0 300 60" font-family="'Noto Sans', sans-serif">` +
    `<rect width="300" height="60" fill="#FFFFFF"/><text x="10" y="40" font-size="24"${bold ? ' font-weight="700"' : ''} fill="#000000">${text}</text></svg>`;
}

describe('svgToPng', () => {
  it('writes a PNG at twice the SVG size by default, or at the requested width', () => {
    const svg = visitResponseFigure(makeSessions()[0]);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    const png = svgToPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const decoded = decodePng(png);
    expect(decoded.width).toBe(2 * width);
    expect(decoded.height).toBe(2 * height);
    const small = decodePng(svgToPng(svg, { widthPx: 600 }));
    expect(small.width).toBe(600);
    expect(small.height).toBe(Math.round((600 * height) / width));
  });

  it('renders text with the bundled font only where the text is (no system fonts loaded)', () => {
    const png = decodePng(svgToPng(labelSvg('Glx/tNAA 12.5%'), { widthPx: 300 }));
    // Glyphs sit between the baseline (y = 40) and the cap height (≈ 17 px above it).
    const inkInText = inkedPixels(png, 10, 18, 240, 46);
    expect(inkInText).toBeGreaterThan(400);
    expect(inkedPixels(png) - inkInText).toBeLessThan(20);
    expect(inkedPixels(png, 250, 0, 300, 60)).toBe(0);
  });

  it('renders the bold face from its own file (more ink than regular)', () => {
    const regular = inkedPixels(decodePng(svgToPng(labelSvg('Glutamate'), { widthPx: 300 })));
    const bold = inkedPixels(decodePng(svgToPng(labelSvg('Glutamate', true), { widthPx: 300 })));
    expect(bold).toBeGreaterThan(regular * 1.2);
  });

  it('is deterministic', () => {
    const svg = visitResponseFigure(makeSessions()[1]);
    expect(Buffer.from(svgToPng(svg)).equals(Buffer.from(svgToPng(svg)))).toBe(true);
  });

  it('draws the figure: axis titles and data colours show up in the pixels', () => {
    const png = decodePng(svgToPng(visitResponseFigure(makeSessions()[0], { colour: '#0072B2' })));
    let blue = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      if (Math.abs(png.rgba[i] - 0x00) < 30 && Math.abs(png.rgba[i + 1] - 0x72) < 30 && Math.abs(png.rgba[i + 2] - 0xb2) < 30) blue += 1;
    }
    expect(blue).toBeGreaterThan(2000);
    // The title is drawn in the top 40 (doubled) pixel rows.
    expect(inkedPixels(png, 0, 0, png.width, 40)).toBeGreaterThan(1000);
  });
});
