import { describe, expect, it } from 'vitest';
import { runRealStudy, steamMetabolite, steamWater } from './realStudy.js';

describe('glutrace run with analysis.timeBinMin', () => {
  it('bins the group curves at the manifest\'s width', () => {
    const run = runRealStudy('time-bins', [{ metabolite: steamMetabolite, water: steamWater }, { metabolite: steamMetabolite, water: steamWater }], {
      sequence: 'steam',
      timeBinMin: 0.25,
    });
    expect(run.status).toBe(0);
    const study = JSON.parse(run.output('study.json'));
    expect(study.settings.timeBinMin).toBe(0.25);
    const times: number[] = study.meanCurves[0].tMin;
    // bin centres a quarter minute apart
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(0.25, 9);
  });
});
