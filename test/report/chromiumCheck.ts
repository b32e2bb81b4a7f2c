import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Headless Chromium (Debian's package) for checking that a report really renders. */
export const CHROMIUM = '/usr/bin/chromium';

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM);
}

function runChromium(args: string[], userDataDir: string): string {
  const result = spawnSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${userDataDir}`, ...args,
  ], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result.stdout;
}

/** What the browser measured for one inline SVG. */
export interface SvgRenderCheck {
  widthPx: number;
  heightPx: number;
  /** Shapes and text runs with a non-empty bounding box. */
  drawnElements: number;
  /** Text runs the browser laid out with a non-zero length. */
  textRuns: number;
}

export interface RenderCheck {
  svgs: SvgRenderCheck[];
  brokenImages: number;
  screenshotPng: Uint8Array;
}

/**
 * Measures inside the page itself: a copy of the report gets a probe script that records each SVG's
 * laid-out size, drawn shapes and text, and any <img> that failed to load; the DOM dump carries it out.
 * The unmodified report is then screenshotted.
 */
const PROBE = `<script>
const svgs = [...document.querySelectorAll('svg')].map((svg) => {
  const box = svg.getBoundingClientRect();
  const shapes = [...svg.querySelectorAll('path, line, circle, rect, text')];
  const drawnElements = shapes.filter((e) => { const b = e.getBBox(); return b.width > 0 || b.height > 0; }).length;
  const textRuns = [...svg.querySelectorAll('text')].filter((t) => t.getComputedTextLength() > 0).length;
  return { widthPx: box.width, heightPx: box.height, drawnElements, textRuns };
});
const brokenImages = [...document.images].filter((img) => !img.complete || img.naturalWidth === 0).length;
const out = document.createElement('pre');
out.id = 'render-check';
out.textContent = JSON.stringify({ svgs, brokenImages });
document.body.appendChild(out);
</script>`;

export function checkReportInChromium(reportPath: string, windowSize = '1200,3000'): RenderCheck {
  const work = mkdtempSync(join(tmpdir(), 'glutrace-chromium-'));
  try {
    const probePath = join(dirname(reportPath), `.render-probe-${process.pid}.html`);
    writeFileSync(probePath, readFileSync(reportPath, 'utf8').replace('</body>', `${PROBE}</body>`));
    let dom: string;
    try {
      dom = runChromium(['--dump-dom', `--window-size=${windowSize}`, pathToFileURL(probePath).href], join(work, 'profile-dom'));
    } finally {
      rmSync(probePath, { force: true });
    }
    const json = /<pre id="render-check">([\s\S]*?)<\/pre>/.exec(dom)?.[1];
    if (!json) throw new Error(`no render probe output in Chromium's DOM dump (${dom.length} chars)`);
    const measured = JSON.parse(json.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Omit<RenderCheck, 'screenshotPng'>;
    const screenshot = join(work, 'screenshot.png');
    runChromium([`--screenshot=${screenshot}`, `--window-size=${windowSize}`, '--hide-scrollbars', pathToFileURL(reportPath).href], join(work, 'profile-shot'));
    if (!existsSync(screenshot)) throw new Error('Chromium wrote no screenshot');
    return { ...measured, screenshotPng: new Uint8Array(readFileSync(screenshot)) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
