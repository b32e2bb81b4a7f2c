import { describe, expect, it } from 'vitest';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { ppmRangeToIndices } from '../../src/dsp/ppm.js';
import { hlsvdDecompose, removeResidualWater, synthesizeComponents } from '../../src/preprocess/hlsvd.js';
import { measureResidualWater } from '../../src/preprocess/qc.js';
import { SeededRandom } from '../../src/util/rng.js';
import { BRAIN_SINGLETS, GRID_3T, noiseSdForSnr, syntheticFid } from './syntheticFid.js';

describe('hlsvdDecompose', () => {
  it('recovers the frequencies, linewidths and amplitudes of noise-free singlets', () => {
    const fid = syntheticFid(GRID_3T, null);
    const components = hlsvdDecompose(fid, GRID_3T, { components: BRAIN_SINGLETS.length });
    for (const s of BRAIN_SINGLETS) {
      const match = components.find((c) => Math.abs(c.ppm - s.ppm) < 1e-3);
      expect(match, `singlet at ${s.ppm} ppm`).toBeDefined();
      expect(match!.dampingPerS / Math.PI).toBeCloseTo(s.fwhmHz, 4);
      expect(Math.hypot(match!.amplitudeRe, match!.amplitudeIm)).toBeCloseTo(s.amplitude, 4);
    }
    const model = synthesizeComponents(components, GRID_3T);
    for (let i = 0; i < fid.length; i++) expect(model[i]).toBeCloseTo(fid[i], 6);
  });
});

describe('removeResidualWater', () => {
  const water = [
    { ppm: 4.65, amplitude: 40, fwhmHz: 8 },
    { ppm: 4.72, amplitude: 15, fwhmHz: 20 },
    { ppm: 4.6, amplitude: 8, fwhmHz: 5 },
  ];
  const noiseSd = noiseSdForSnr(GRID_3T, 50);
  // same seed: identical noise with and without the water
  const withWater = syntheticFid(GRID_3T, new SeededRandom(1), { singlets: [...BRAIN_SINGLETS, ...water], noiseSd });
  const withoutWater = syntheticFid(GRID_3T, new SeededRandom(1), { noiseSd });

  it('removes a multi-component water peak 40× NAA and leaves the metabolites alone', () => {
    const result = removeResidualWater(withWater, GRID_3T);
    const before = measureResidualWater(withWater, GRID_3T);
    const after = measureResidualWater(result.fid, GRID_3T);
    const ideal = measureResidualWater(withoutWater, GRID_3T);
    console.log(`residual water / NAA: before ${before.toFixed(2)}, after ${after.toFixed(3)}, water-free ${ideal.toFixed(3)}`);
    expect(after).toBeLessThan(ideal + 0.1);

    const [first, last] = ppmRangeToIndices(1.9, 4.2, GRID_3T);
    const cleaned = fidToSpectrum(result.fid);
    const truth = fidToSpectrum(withoutWater);
    let naaHeight = 0;
    let worst = 0;
    for (let k = first; k <= last; k++) {
      naaHeight = Math.max(naaHeight, Math.hypot(truth[2 * k], truth[2 * k + 1]));
      worst = Math.max(worst, Math.hypot(cleaned[2 * k] - truth[2 * k], cleaned[2 * k + 1] - truth[2 * k + 1]));
    }
    expect(worst / naaHeight).toBeLessThan(0.03);
    expect(result.removed.every((c) => c.ppm >= 4.5 && c.ppm <= 4.9)).toBe(true);
    expect(result.step.method).toBe('Nuisance peak removal');
  });
});
