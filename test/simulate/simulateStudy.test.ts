import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STUDY_SIMULATION, simulateStudy } from '../../src/simulate/simulateStudy.js';
import { writeSimulatedStudy } from '../../src/simulate/writeSimulatedStudy.js';
import { readNiftiMrs } from '../../src/io/niftiMrsRead.js';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { ppmRangeToIndices } from '../../src/dsp/ppm.js';
import { testScratchDir } from '../helpers/scratchDir.js';

const small = { ...DEFAULT_STUDY_SIMULATION, preInfusionMin: 4, infusionDurationMin: 8, postInfusionMin: 2, seed: 11 };

function digestOf(dir: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
  return hash.digest('hex');
}

describe('simulateStudy', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', () => {
    const dirA = testScratchDir('sim');
    const dirB = testScratchDir('sim');
    const dirC = testScratchDir('sim');
    const files = writeSimulatedStudy(simulateStudy(small), dirA);
    writeSimulatedStudy(simulateStudy(small), dirB);
    writeSimulatedStudy(simulateStudy({ ...small, seed: 12 }), dirC);
    expect(files).toContain('study.json');
    expect(files).toContain('truth.csv');
    expect(digestOf(dirA, files)).toBe(digestOf(dirB, files));
    expect(digestOf(dirA, files)).not.toBe(digestOf(dirC, files));
  });

  it('stores one FID per transient with timing, readable as NIfTI-MRS', () => {
    const dir = testScratchDir('sim');
    const study = simulateStudy(small);
    writeSimulatedStudy(study, dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8'));
    const visit = manifest.subjects[0].visits[0];
    const mrs = readNiftiMrs(readFileSync(join(dir, visit.metabolite)), visit.metabolite);
    const expectedTransients = Math.round(((4 + 8 + 2) * 60) / (small.repetitionTimeS * small.averagesPerTransient));
    expect(mrs.dims).toEqual([expect.objectContaining({ tag: 'DIM_DYN', size: expectedTransients })]);
    expect(mrs.spectrometerFrequencyMHz).toBeCloseTo(123.2, 6);
    expect(mrs.echoTimeS).toBeCloseTo(0.03, 9);
    expect(mrs.transientTimesS?.[1]).toBeCloseTo(small.repetitionTimeS * small.averagesPerTransient, 6);
  });

  it('puts NAA at 2.01 ppm, and a larger Glu rise under placebo than naltrexone', () => {
    const study = simulateStudy({ ...small, subjects: 4 });
    const visit = study.visits[0];
    const points = visit.metabolite.points;
    const mean = new Float64Array(2 * points);
    const transients = visit.metabolite.data.length / (2 * points);
    for (let t = 0; t < transients; t++) for (let k = 0; k < mean.length; k++) mean[k] += visit.metabolite.data[t * 2 * points + k] / transients;
    const spectrum = fidToSpectrum(mean);
    const [first, last] = ppmRangeToIndices(1.8, 2.2, visit.metabolite);
    let best = first;
    for (let k = first; k <= last; k++) if (Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]) > Math.hypot(spectrum[2 * best], spectrum[2 * best + 1])) best = k;
    const [naa] = ppmRangeToIndices(2.008, 2.008 + 1e-9, visit.metabolite);
    expect(Math.abs(best - naa)).toBeLessThanOrEqual(2);

    const rise = (condition: string): number => {
      const visits = study.visits.filter((v) => v.subject.visits[v.visitIndex].condition === condition);
      return visits.reduce((s, v) => s + v.subject.visits[v.visitIndex].gluPeakRise, 0) / visits.length;
    };
    expect(rise('placebo')).toBeGreaterThan(rise('naltrexone') + 0.05);
  });
});

describe('sample-spectra/', () => {
  it('is exactly what `glutrace simulate --seed 20250101` writes (npm run simulate-sample)', () => {
    const dir = testScratchDir('sample');
    execFileSync('node', ['dist/src/cli/main.js', 'simulate', '-o', dir, '--seed', '20250101']);
    const files = ['study.json', 'truth.csv', ...readdirSync('sample-spectra/data').map((f) => `data/${f}`)];
    expect(files.length).toBe(18);
    expect(readdirSync(join(dir, 'data')).sort()).toEqual(readdirSync('sample-spectra/data').sort());
    for (const file of files) expect(readFileSync(join(dir, file)).equals(readFileSync(join('sample-spectra', file))), file).toBe(true);
  });
});
