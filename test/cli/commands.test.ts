import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readBasis } from '../../src/io/readBasis.js';
import { readCsv } from '../helpers/csv.js';
import { testScratchDir } from '../helpers/scratchDir.js';

const data = '../shared/mrs-data';
const challenge = join(data, 'ground-truth/ismrm2016-fitting-challenge');

function glutrace(...args: string[]): string {
  return execFileSync('node', ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });
}

describe('glutrace info', () => {
  it('prints the header facts of a Siemens RDA file as JSON (SOURCES.md: 1024 points, TE 30 ms, TR 2000 ms)', () => {
    const info = JSON.parse(glutrace('info', join(data, 'siemens-rda/suspect_SVS_30.rda'), '--json'));
    expect(info).toMatchObject({ format: 'siemens-rda', nucleus: '1H', points: 1024, shape: [1024] });
    expect(info.echoTimeS).toBeCloseTo(0.03, 9);
    expect(info.repetitionTimeS).toBeCloseTo(2, 9);
    expect(info.spectrometerFrequencyMHz).toBeGreaterThan(123);
    expect(info.spectralWidthHz).toBeCloseTo(1 / info.dwellTimeS, 6);
  });

  it('fails with one line naming the file for a missing file', () => {
    const result = spawnSync('node', ['dist/src/cli/main.js', 'info', '/no/such/file.nii.gz'], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('/no/such/file.nii.gz');
  });
});

describe('glutrace convert', () => {
  it('writes NIfTI-MRS that reads back with the same header facts', () => {
    const out = join(testScratchDir('convert'), 'svs.nii.gz');
    const source = JSON.parse(glutrace('info', join(data, 'siemens-rda/suspect_SVS_30.rda'), '--json'));
    glutrace('convert', join(data, 'siemens-rda/suspect_SVS_30.rda'), '-o', out);
    const converted = JSON.parse(glutrace('info', out, '--json'));
    expect(converted.format).toBe('nifti-mrs');
    for (const key of ['points', 'shape', 'spectrometerFrequencyMHz', 'dwellTimeS', 'echoTimeS', 'repetitionTimeS']) {
      expect(converted[key], key).toEqual(source[key]);
    }
  });
});

describe('glutrace fit --json', () => {
  it('reports every basis metabolite and the combinations, with mM from the water reference', () => {
    const report = JSON.parse(glutrace(
      'fit', join(challenge, 'datasets_JMRUI/dataset1_WS.txt'), '--water', join(challenge, 'datasets_JMRUI/dataset1_nWS.txt'),
      '--te', '30', '--basis', join(challenge, 'basisset_LCModel/press3T_30ms.BASIS'), '--json',
    ));
    for (const name of ['Glu', 'Gln', 'NAA', 'Cr', 'PCr', 'Glx', 'tNAA', 'tCr', 'tCho']) {
      const m = report.metabolites[name];
      expect(m, name).toBeDefined();
      expect(typeof m.ratioToTCr).toBe('number');
      expect(typeof m.concentrationMM).toBe('number');
      expect(typeof m.crlbPercent).toBe('number');
    }
    expect(report.metabolites.tCr.ratioToTCr).toBeCloseTo(1, 12);
    expect(report.snr).toBeGreaterThan(10);
    expect(report.fwhmHz).toBeGreaterThan(1);
    expect(report.fitTimeMs).toBeGreaterThan(0);
    // dataset 1's true concentrations (truth/lcm_validation_answers.csv, column 0)
    const truth = Object.fromEntries(readCsv(join(challenge, 'truth/lcm_validation_answers.csv')).map((row) => [row[''], Number(row['0'])]));
    expect(Math.abs(report.metabolites.tCr.concentrationMM / (truth.Cr + truth.PCr) - 1)).toBeLessThan(0.15);
    expect(Math.abs(report.metabolites.NAA.concentrationMM / truth.NAA - 1)).toBeLessThan(0.15);
  });
});

describe('glutrace basis', () => {
  it('writes a PRESS basis that the basis reader reads back', () => {
    const out = testScratchDir('basis');
    glutrace('basis', '--te', '30', '--field', '3', '--points', '1024', '--bandwidth', '2000', '-o', out);
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith('.nii.gz')).length).toBeGreaterThanOrEqual(19);
    const basis = readBasis(join(out, files.find((f) => f.endsWith('.BASIS'))!));
    expect(basis.names).toEqual(expect.arrayContaining(['Glu', 'Gln', 'NAA', 'Cr', 'PCr', 'GABA', 'Ins']));
    expect(basis.points).toBeGreaterThanOrEqual(1024);
  });
});
