import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNiftiMrs } from '../../src/io/niftiMrsRead.js';
import { applyCoilWeights, combineCoils, perCoilFids } from '../../src/preprocess/coilCombination.js';
import { measureSnr } from '../../src/preprocess/qc.js';
import { averageTransients } from '../../src/preprocess/spectralRegistration.js';
import { concatTransients } from '../../src/preprocess/transients.js';
import type { MrsData } from '../../src/types/mrsData.js';
import { SeededRandom } from '../../src/util/rng.js';
import { GRID_3T, noiseSdForSnr, syntheticFid } from './syntheticFid.js';

const DATA_DIR = '../shared/mrs-data/nifti-mrs/fslmrs-7T-steam/';

function plainCoilAverage(mrs: MrsData): Float64Array[] {
  const coils = perCoilFids(mrs, 0);
  const weights = new Float64Array(2 * coils.length);
  for (let c = 0; c < coils.length; c++) weights[2 * c] = 1 / coils.length;
  return coils[0].map((_, t) => applyCoilWeights(coils.map((fids) => fids[t]), weights));
}

function transientsOf(mrs: MrsData): Float64Array[] {
  const length = 2 * mrs.points;
  return Array.from({ length: mrs.data.length / length }, (_, t) => mrs.data.subarray(t * length, (t + 1) * length));
}

describe('combineCoils on simulated coils', () => {
  // four coils with different gains, phases and noise levels, 8 transients each
  const rng = new SeededRandom(21);
  const gains: [number, number][] = [[1, 0], [0, 0.6], [-0.3, -0.3], [0.1, -0.05]];
  const noise = [1, 1.5, 0.8, 1.2].map((f) => f * noiseSdForSnr(GRID_3T, 10));
  const fids: Float64Array[] = [];
  for (let t = 0; t < 8; t++) for (let c = 0; c < 4; c++) fids.push(syntheticFid(GRID_3T, rng, { gain: gains[c], noiseSd: noise[c] }));
  const mrs: MrsData = {
    ...GRID_3T,
    data: concatTransients(fids),
    nucleus: '1H',
    dims: [{ tag: 'DIM_COIL', size: 4 }, { tag: 'DIM_DYN', size: 8 }],
    echoTimeS: 0.03,
    repetitionTimeS: 2,
    transientTimesS: null,
    provenance: { format: 'test', sourceName: 'simulated', processingApplied: [] },
  };
  // SNR of Σ w_c·(g_c·signal + noise_c) relative to the best possible (matched filter): known gains and noise
  const efficiency = (weights: Float64Array) => {
    let re = 0;
    let im = 0;
    let noisePower = 0;
    gains.forEach(([gr, gi], c) => {
      re += weights[2 * c] * gr - weights[2 * c + 1] * gi;
      im += weights[2 * c] * gi + weights[2 * c + 1] * gr;
      noisePower += (weights[2 * c] ** 2 + weights[2 * c + 1] ** 2) * noise[c] ** 2;
    });
    const optimal = Math.sqrt(gains.reduce((s, [gr, gi], c) => s + (gr * gr + gi * gi) / noise[c] ** 2, 0));
    return Math.hypot(re, im) / Math.sqrt(noisePower) / optimal;
  };

  for (const method of ['snr2', 'wsvd'] as const) {
    it(`${method} weights reach ≥ 97% of the matched-filter SNR and the coil dim is dropped`, () => {
      const combined = combineCoils(mrs, { method });
      expect(combined.data.dims.map((d) => d.tag)).toEqual(['DIM_DYN']);
      console.log(`${method}: SNR efficiency vs matched filter ${efficiency(combined.weights).toFixed(4)}`);
      expect(efficiency(combined.weights)).toBeGreaterThan(0.97);
      expect(combined.data.provenance.processingApplied.at(-1)?.method).toBe('RF coil combination');
    });
  }

  it('plain averaging of the same coils is far from optimal (the test can tell)', () => {
    const plain = Float64Array.from([0.25, 0, 0.25, 0, 0.25, 0, 0.25, 0]);
    expect(efficiency(plain)).toBeLessThan(0.7);
  });
});

describe.skipIf(!existsSync(`${DATA_DIR}metab_raw.nii.gz`))('combineCoils on the 7T 4-coil × 16-transient file', () => {
  const metab = readNiftiMrs(readFileSync(`${DATA_DIR}metab_raw.nii.gz`), 'metab_raw.nii.gz');
  const water = readNiftiMrs(readFileSync(`${DATA_DIR}wref_raw.nii.gz`), 'wref_raw.nii.gz');
  const snrOf = (fids: Float64Array[]) => measureSnr(averageTransients(fids, metab.points), metab).snr;
  const plain = snrOf(plainCoilAverage(metab));

  it('water-weighted S/N² and WSVD combinations beat plain averaging of the coils', () => {
    const snr2 = snrOf(transientsOf(combineCoils(metab, { water }).data));
    const wsvd = snrOf(transientsOf(combineCoils(metab, { method: 'wsvd' }).data));
    const bestCoil = Math.max(...perCoilFids(metab, 0).map((fids) => snrOf(fids)));
    console.log(`7T NAA SNR: plain coil average ${plain.toFixed(1)}, best coil ${bestCoil.toFixed(1)}, S/N² ${snr2.toFixed(1)}, WSVD ${wsvd.toFixed(1)}`);
    expect(snr2).toBeGreaterThan(1.5 * plain);
    expect(wsvd).toBeGreaterThan(1.5 * plain);
    expect(snr2).toBeGreaterThan(bestCoil);
  });
});
