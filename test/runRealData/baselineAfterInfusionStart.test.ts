import { describe, expect, it } from 'vitest';
import { runRealStudy, steamMetabolite, steamWater } from './realStudy.js';

/**
 * baselineMin [5, 10] lies after infusion start, where README says no baseline window may reach; it can never
 * hold a window. Today the manifest is accepted, every session runs and is then dropped with the advice
 * "widen baselineMin or shorten the windows", which does not name the real mistake.
 */
describe('glutrace run with baselineMin after the infusion start', () => {
  it('is refused as a manifest error naming analysis.baselineMin', () => {
    const run = runRealStudy('qa-baseline-after', [{ metabolite: steamMetabolite, water: steamWater }], {
      sequence: 'steam',
      baselineMin: [5, 10],
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('analysis.baselineMin');
  });
});
