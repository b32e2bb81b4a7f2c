import { describe, expect, it } from 'vitest';
import { runRealStudy, steamMetabolite, steamWater } from './realStudy.js';

/**
 * A user points `water` at the water-suppressed metabolite scan (real 7T STEAM data). Today the session
 * "succeeds": eddy-current correction with that "reference" drops the session SNR from 54 to 21 and moves
 * baseline Glu/tNAA from 0.73 to 0.50 and the Glx/tNAA peak from 5 % to 21 %, with exit code 0 and no word.
 */
describe('glutrace run with a water-suppressed scan given as the water reference', () => {
  it('tells the user about that visit (and only that one)', () => {
    const run = runRealStudy('qa-suppressed-water', [
      { metabolite: steamMetabolite, water: steamWater },
      { metabolite: steamMetabolite, water: steamMetabolite },
    ], { sequence: 'steam' });
    const lines = [run.stderr, run.output('errors.csv'), run.output('study.md')].join('\n').split('\n');
    const aboutSuppressedWater = (visit: string) =>
      lines.filter((line) => line.includes(visit) && /water/i.test(line) && /suppress/i.test(line));
    expect(aboutSuppressedWater('visit2').length).toBeGreaterThan(0);
    expect(aboutSuppressedWater('visit1')).toEqual([]);
  });
});
