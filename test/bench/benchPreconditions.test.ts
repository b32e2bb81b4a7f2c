import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkFile } from '../../src/bench/benchmarkFile.js';

const coilFile = resolve(__dirname, '../../../shared/mrs-data/nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz');

describe('bench on a file shorter than one window', () => {
  it('counts transients after coil combination (4 coils × 16) and reports the single-spectrum cases, skipping the window ones', async () => {
    const report = await benchmarkFile(coilFile, { repeats: 1, workers: [1] });
    expect(report.settings.transients).toBe(16);
    const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]));
    for (const id of ['peak-fit', 'lcm-fit', 'registration']) expect(byId[id].measurements, id).toHaveLength(1);
    for (const id of ['pool-fits', 'session']) {
      expect(byId[id].measurements, id).toHaveLength(0);
      expect(byId[id].note, id).toBe('skipped: 16 transients, fewer than one window (24)');
    }
  }, 60_000);
});
