import { describe, expect, it } from 'vitest';
import { rejectBadTransients } from '../../src/preprocess/transientRejection.js';
import { SeededRandom } from '../../src/util/rng.js';
import { BRAIN_SINGLETS, GRID_3T, noiseSdForSnr, syntheticFid } from './syntheticFid.js';

describe('rejectBadTransients', () => {
  const rng = new SeededRandom(5);
  const noiseSd = noiseSdForSnr(GRID_3T, 20);
  const fids = Array.from({ length: 40 }, () => syntheticFid(GRID_3T, rng, { noiseSd }));
  // three corrupted transients: signal loss (motion), a broad artefact in the band, triple noise
  fids[6] = syntheticFid(GRID_3T, rng, { noiseSd, singlets: BRAIN_SINGLETS.map((s) => ({ ...s, amplitude: 0.3 * s.amplitude })) });
  fids[19] = syntheticFid(GRID_3T, rng, { noiseSd, singlets: [...BRAIN_SINGLETS, { ppm: 3.5, amplitude: 2, fwhmHz: 40 }] });
  fids[33] = syntheticFid(GRID_3T, rng, { noiseSd: 3 * noiseSd });

  it('rejects the corrupted transients, each with a reason, and at most one clean one', () => {
    const result = rejectBadTransients(fids, GRID_3T);
    const rejected = result.rejected.map((r) => r.index);
    expect(rejected).toEqual(expect.arrayContaining([6, 19, 33]));
    expect(rejected.length).toBeLessThanOrEqual(4);
    expect(result.keep.length + rejected.length).toBe(40);
    for (const r of result.rejected) expect(r.reason).toMatch(new RegExp(`^transient ${r.index}: .*robust SD`));
    expect(result.step.details).toContain(`rejected ${rejected.length} of 40`);
  });

  it('rejects transients whose alignment failed', () => {
    const result = rejectBadTransients(fids, GRID_3T, { alignmentFailures: [2] });
    expect(result.rejected.find((r) => r.index === 2)?.reason).toContain('alignment failed');
  });

  it('says that alignment failed when it failed for every transient, not that all were outliers', () => {
    expect(() => rejectBadTransients(fids, GRID_3T, { alignmentFailures: fids.map((_, i) => i) }))
      .toThrow('frequency alignment failed for every transient (shift outside the search range): is this water-suppressed 1H data?');
  });
});
