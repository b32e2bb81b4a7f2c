import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/runCommand.js';
import { writeSimulatedStudy } from '../../src/simulate/writeSimulatedStudy.js';
import { fileScratchDir } from '../helpers/scratchDir.js';
import { readCsvRows as readCsv } from '../robustness/csvRows.js';
import { simulateSmallStudy } from '../robustness/smallStudy.js';

// FSL-MRS's processed SVS keeps 4095 points while its water reference has 4096: a run must match the water's
// length to the data (its first points are all that ECC and the t = 0 amplitude use) rather than fail the session.
const root = fileScratchDir('water-length');

describe('a water reference one point longer than the metabolite data', () => {
  it('is truncated to the data\'s length and the sessions give the same tables as with a matching reference', async () => {
    const matching = simulateSmallStudy(1, 9);
    writeSimulatedStudy(matching, join(root, 'matching'));
    const longer = simulateSmallStudy(1, 9);
    for (const visit of longer.visits) {
      const water = visit.water;
      const points = water.points + 1;
      const data = new Float64Array(2 * points);
      data.set(water.data.subarray(0, 2 * water.points));
      // a tail sample that matters to nothing: the decayed water FID continues as noise-level signal
      data[2 * water.points] = water.data[2 * water.points - 2];
      visit.water = { ...water, points, data };
    }
    writeSimulatedStudy(longer, join(root, 'longer'));
    const run = (name: string) => runCommand({ manifest: join(root, name, 'study.json'), output: join(root, `${name}-out`), jobs: 2, json: true });
    expect(await run('matching')).toBe(0);
    expect(await run('longer')).toBe(0);
    const table = (name: string) => readCsv(join(root, `${name}-out`, 'timecourses.csv'));
    expect(table('longer')).toEqual(table('matching'));
  });
});
