import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const data = '../shared/mrs-data';

function glutrace(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('node', ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });
}

describe('glutrace fit on an unsuppressed water scan (7T STEAM water reference, 4 coils)', () => {
  const file = join(data, 'nifti-mrs/fslmrs-7T-steam/wref_raw.nii.gz');

  it('prints the table with residual/noise, the basis used and n/a for undefined CRLBs; warnings on stderr, exit 0', () => {
    const result = glutrace('fit', file);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/residual\/noise \d+\.\d\d/);
    expect(result.stdout).toMatch(/^basis: simulated: STEAM/m);
    expect(result.stdout).not.toMatch(/Infinity|NaN/);
    const warnings = result.stderr.trim().split('\n');
    expect(warnings.every((line) => line.startsWith(`glutrace: warning: ${file}: `))).toBe(true);
    expect(result.stderr).toContain('looks like an unsuppressed water scan');
  });

  it('--json keeps the existing fields and adds basis, qcPeak, residualToNoise and warnings', () => {
    const result = glutrace('fit', file, '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['metabolites', 'snr', 'fwhmHz', 'fitTimeMs', 'basis', 'qcPeak', 'residualToNoise', 'warnings']);
    expect(report.basis).toMatch(/^simulated: STEAM/);
    expect(report.residualToNoise).toBeGreaterThan(2);
    expect(report.warnings.some((w: string) => w.startsWith('looks like an unsuppressed water scan'))).toBe(true);
    expect(Number.isFinite(report.snr)).toBe(true);
  });
});

describe('glutrace fit with a basis for another field', () => {
  it('fails with one line naming the basis file and both frequencies', () => {
    const basis = join(data, 'basis/lcmodel/osprey_3T_PRESS_Philips_35ms_noMM.BASIS');
    const result = glutrace('fit', join(data, 'siemens-rda/suspect_SVS_30.rda'), '--basis', basis);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(basis);
    expect(result.stderr).toMatch(/127\.7\d\d MHz .* 123\.235 MHz/);
  });
});

describe('glutrace fit --no-macromolecules (phantoms)', () => {
  it('adds the built-in macromolecule lines by default; with the flag, no macromolecule component at all', () => {
    const file = join(data, 'siemens-rda/suspect_SVS_30.rda');
    const names = (...flags: string[]) => Object.keys(JSON.parse(glutrace('fit', file, '--json', ...flags).stdout).metabolites);
    expect(names()).toEqual(expect.arrayContaining(['MM27', 'MM39']));
    const without = names('--no-macromolecules');
    // the simulated basis leaves out its own MM09–MM20 too, so nothing macromolecular remains
    expect(without.filter((name) => /^(mm|mac|lip)/i.test(name))).toEqual([]);
    expect(without).toEqual(expect.arrayContaining(['NAA', 'Cr', 'Glu']));
  });
});
