import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { basisSimulationForData } from '../../src/pipeline/headerSequence.js';
import { fidAt } from '../../src/types/mrsData.js';
import { readCsv } from '../helpers/csv.js';
import { writeOneSubjectSampleStudy } from '../helpers/sampleStudy.js';
import { testScratchDir } from '../helpers/scratchDir.js';

describe('glutrace run --save-spectra', () => {
  it('writes the spectra it fitted: fitting them again gives the window values of timecourses.csv', () => {
    const dir = testScratchDir('save-spectra');
    const out = join(dir, 'out');
    const result = spawnSync('node', ['dist/src/cli/main.js', 'run', writeOneSubjectSampleStudy(dir), '-o', out, '--jobs', '2', '--save-spectra', '--json'], { encoding: 'utf8' });
    expect(result.status).toBe(0);

    const windows = readMrsFile(join(out, 'spectra/sub-01_visit1_windows.nii.gz'));
    const rows = readCsv(join(out, 'timecourses.csv')).filter((r) => r.subject === 'sub-01' && r.visit === 'visit1' && r.metabolite === 'Glu');
    expect(windows.dims).toEqual([{ tag: 'DIM_DYN', size: rows.length }]);
    expect(windows.provenance.processingApplied.map((s) => s.method)).toEqual([
      'Eddy current correction', 'Frequency and phase correction', 'Nuisance peak removal', 'Outlier removal', 'Signal averaging',
    ]);
    const basis = simulateBasis(basisSimulationForData(windows, 'press')!);
    const grid = { points: windows.points, dwellTimeS: windows.dwellTimeS, spectrometerFrequencyMHz: windows.spectrometerFrequencyMHz, echoTimeS: windows.echoTimeS };
    for (const k of [0, rows.length - 1]) {
      const glu = fitSpectrum(fidAt(windows, k), grid, { model: 'lcm', basis }).amplitudes.Glu;
      // stored as complex64: agreement to single precision, far inside the CSV's 6 digits of change
      expect(Math.abs(glu / Number(rows[k].value) - 1)).toBeLessThan(1e-4);
    }
    const average = readMrsFile(join(out, 'spectra/sub-01_visit1_average.nii.gz'));
    expect(average.dims).toEqual([]);
  });
});
