import { describe, expect, it } from 'vitest';
import { runRealStudy, steamMetabolite, steamWater } from './realStudy.js';

/**
 * The real 7T session lasts 16 × 5 s = 1.3 min; infusionStartMin 10 (e.g. minutes typed for the wrong
 * clock) puts every window before the infusion. Today: exit code 0, "processed", every response metric empty
 * in sessions.csv, and nothing names the session or says why.
 */
describe('glutrace run when the infusion starts after the scan ended', () => {
  it('warns about that session', () => {
    const run = runRealStudy('qa-late-infusion', [{ metabolite: steamMetabolite, water: steamWater, infusionStartMin: 10 }], {
      sequence: 'steam',
      baselineMin: [-10, 0],
    });
    const warned = [run.stderr, run.output('study.md')]
      .join('\n')
      .split('\n')
      .some((line) => line.includes('visit1') && /infusion/i.test(line));
    expect(warned).toBe(true);
  });
});
