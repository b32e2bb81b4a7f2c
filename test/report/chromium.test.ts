import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/renderReportHtml.js';
import { checkReportInChromium, chromiumInstalled, CHROMIUM } from './chromiumCheck.js';
import { makeReportInput } from './fixtures.js';
import { decodePng, inkedPixels } from './pngDecode.js';

const installed = chromiumInstalled();
if (!installed) console.warn(`skipping the browser rendering test: ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(!installed)('report.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glutrace-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const html = renderReportHtml(makeReportInput());
  const reportPath = join(dir, 'report.html');
  writeFileSync(reportPath, html);

  it('renders every figure: each SVG laid out with drawn shapes and text, no broken images, a non-blank screenshot', () => {
    const check = checkReportInChromium(reportPath);
    const expectedSvgs = (html.match(/<svg/g) ?? []).length;
    expect(check.svgs).toHaveLength(expectedSvgs);
    for (const [i, svg] of check.svgs.entries()) {
      expect(svg.widthPx, `svg ${i} width`).toBeGreaterThan(300);
      expect(svg.heightPx, `svg ${i} height`).toBeGreaterThan(200);
      expect(svg.drawnElements, `svg ${i} shapes`).toBeGreaterThan(20);
      expect(svg.textRuns, `svg ${i} text`).toBeGreaterThan(5);
    }
    expect(check.brokenImages).toBe(0);

    const shot = decodePng(check.screenshotPng);
    expect(shot.width).toBe(1200);
    expect(shot.height).toBe(3000);
    // A blank or unstyled page has almost no ink; the report's top 3000 px hold the summary and two figures.
    expect(inkedPixels(shot) / (shot.width * shot.height)).toBeGreaterThan(0.03);
    let okabeBlue = 0;
    for (let i = 0; i < shot.rgba.length; i += 4) {
      if (Math.abs(shot.rgba[i] - 0x00) < 25 && Math.abs(shot.rgba[i + 1] - 0x72) < 25 && Math.abs(shot.rgba[i + 2] - 0xb2) < 25) okabeBlue += 1;
    }
    expect(okabeBlue).toBeGreaterThan(500);
  }, 120_000);
});
