import { describe, expect, it } from 'vitest';
import { runRealStudy, steamMetabolite, steamWater } from './realStudy.js';

describe('spectra-over-time labels of a short session', () => {
  it('are as fine as the windows are apart, so no two read the same', () => {
    // 16 transients of TR 5 s, windows every 2: the picked windows are 10 s apart
    const run = runRealStudy('stacked-labels', [{ metabolite: steamMetabolite, water: steamWater }], { sequence: 'steam' });
    expect(run.status).toBe(0);
    const report = run.output('report.html');
    const start = report.indexOf('Spectra over time');
    const svg = report.slice(start, report.indexOf('</svg>', start));
    const labels = [...svg.matchAll(/>(−?[\d.]+ min)</g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(3);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.every((label) => /^−?\d+\.\d min$/.test(label))).toBe(true);
  });
});
