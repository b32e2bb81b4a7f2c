import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import { readLcmodelRaw } from '../../src/io/lcmodelRaw.js';
import { readBasis } from '../../src/io/readBasis.js';
import { SHARED_DATA_DIR } from './helpers/ismrmChallenge.js';

/** Concentration ratios to Cr+PCr from LCModel's printed table ("conc %SD /(Cr+PCr) name"). */
function lcmodelRatios(postscript: string): Map<string, number> {
  const ratios = new Map<string, number>();
  for (const match of postscript.matchAll(/\{\(\s*\S+\s+\d+%\s+(\S+)\s+(\S+)\)s\}lst/g)) {
    if (!ratios.has(match[2])) ratios.set(match[2], Number(match[1]));
  }
  return ratios;
}

describe('LCModel test spectrum (3T PRESS TE 30 phantom) against LCModel 6.3-1R', () => {
  const control = readFileSync(join(SHARED_DATA_DIR, 'lcmodel-raw/lcmodel_test_lcm/control.file'), 'latin1');
  const controlValue = (key: string): number => Number(new RegExp(`${key}=([0-9.eE+-]+)`).exec(control)![1]);
  const data = readLcmodelRaw(new Uint8Array(readFileSync(join(SHARED_DATA_DIR, 'lcmodel-raw/lcmodel_test_lcm/data.raw'))), 'data.raw', {
    dwellTimeS: controlValue('deltat'),
    spectrometerFrequencyMHz: controlValue('hzpppm'),
  });
  const basis = readBasis(join(SHARED_DATA_DIR, 'basis/lcmodel/lcmodel_test_3t.basis'));
  const reference = lcmodelRatios(readFileSync(join(SHARED_DATA_DIR, 'reference-outputs/lcmodel_test_lcm_out_ref_build.ps'), 'latin1'));
  const grid = { points: data.points, dwellTimeS: data.dwellTimeS, spectrometerFrequencyMHz: data.spectrometerFrequencyMHz, echoTimeS: 0.03 };
  const fit = fitSpectrum(data.data, grid, { model: 'lcm', basis });
  const ratio = (name: string): number => fit.amplitudes[name] / fit.amplitudes.tCr;

  test('Glu/tCr is within 10 % of LCModel', () => {
    const rows = [
      ['Glu', 'Glu'],
      ['Gln', 'Gln'],
      ['Glx', 'Glu+Gln'],
      ['NAA', 'NAA'],
      ['tNAA', 'NAA+NAAG'],
      ['Ins', 'Ins'],
      ['tCho', 'GPC+PCh'],
      ['GSH', 'GSH'],
    ].map(([ours, theirs]) => `| ${ours} | ${ratio(ours).toFixed(3)} | ${reference.get(theirs)!.toFixed(3)} |`);
    console.log(['| /tCr | glutrace | LCModel |', '|---|---|---|', ...rows].join('\n'));
    expect(reference.get('Glu')).toBeCloseTo(1.171, 3);
    expect(Math.abs(ratio('Glu') / reference.get('Glu')! - 1)).toBeLessThan(0.1);
    expect(fit.qc.converged).toBe(true);
  });

  test('the well-determined singlet ratios agree with LCModel too', () => {
    expect(Math.abs(ratio('tNAA') / reference.get('NAA+NAAG')! - 1)).toBeLessThan(0.1);
    expect(Math.abs(ratio('tCho') / reference.get('GPC+PCh')! - 1)).toBeLessThan(0.1);
    expect(Math.abs(ratio('Ins') / reference.get('Ins')! - 1)).toBeLessThan(0.1);
  });
});
