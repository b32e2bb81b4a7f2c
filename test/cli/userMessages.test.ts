import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMs, formatSignificant } from '../../src/cli/formatNumbers.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

const cli = resolve(__dirname, '../../dist/src/cli/main.js');
const data = resolve(__dirname, '../../../shared/mrs-data');
const scratch = fileScratchDir('messages');

function glutrace(...args: string[]): { status: number | null; stdout: string; stderrLines: string[] } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderrLines: result.stderr.trimEnd().split('\n') };
}

describe('a missing header value names the option that supplies it', () => {
  it('LCModel RAW without DELTAT or HZPPPM: --dwell, then --frequency, and it reads once both are given', () => {
    const raw = join(data, 'lcmodel-raw/lcmodel_test_lcm/data.raw');
    const missing = glutrace('info', raw);
    expect(missing.status).toBe(1);
    expect(missing.stderrLines).toEqual([`glutrace: ${raw}: no dwell time in the RAW header (DELTAT); give it with --dwell <s>`]);
    const noFrequency = glutrace('info', raw, '--dwell', '0.0005');
    expect(noFrequency.stderrLines).toEqual([`glutrace: ${raw}: no spectrometer frequency in the RAW header (HZPPPM); give it with --frequency <MHz>`]);
    const supplied = glutrace('info', raw, '--dwell', '0.0005', '--frequency', '123.2', '--json');
    expect(supplied.status).toBe(0);
    expect(JSON.parse(supplied.stdout).dwellTimeS).toBe(0.0005);
  });

  it('NIfTI without the MRS extension: --frequency', () => {
    const legacy = join(data, 'nifti-mrs/legacy-pre-standard/mrs_nifti_standard_2021_metab.nii');
    const result = glutrace('info', legacy);
    expect(result.status).toBe(1);
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toMatch(/no spectrometer frequency; give it with --frequency <MHz>$/);
  });

  it('a command without that option gets no hint it cannot follow', () => {
    const text = join(scratch, 'two-columns.txt');
    writeFileSync(text, '1 0\n0.5 0.1\n0.25 0.05\n');
    const bench = glutrace('bench', text, '--repeats', '1');
    expect(bench.status).toBe(1);
    expect(bench.stderrLines).toEqual([`glutrace: ${text}: plain text has no dwell time`]);
  });
});

describe('empty and mislabelled files', () => {
  it('says "empty file" for a 0-byte .nii.gz', () => {
    const empty = join(scratch, 'empty.nii.gz');
    writeFileSync(empty, '');
    expect(glutrace('info', empty).stderrLines).toEqual([`glutrace: ${empty}: empty file (0 bytes)`]);
  });

  it('says "not gzip data" for text renamed .nii.gz', () => {
    const fake = join(scratch, 'fake.nii.gz');
    writeFileSync(fake, 'this is not a NIfTI file\n');
    expect(glutrace('info', fake).stderrLines).toEqual([`glutrace: ${fake}: not gzip data (a .nii.gz must be gzip-compressed)`]);
  });
});

describe('glutrace info formatting', () => {
  it('rounds float32 header noise to significant digits', () => {
    expect(formatSignificant(0.00008330000127898529)).toBe('8.33e-5');
    expect(formatSignificant(0.0008334000000000001)).toBe('8.334e-4');
    expect(formatSignificant(1 / 8.33e-5)).toBe('12004.8');
    expect(formatSignificant(297.219948, 9)).toBe('297.219948');
    expect(formatSignificant(123.2499771118164, 9)).toBe('123.249977');
    expect(formatMs(0.011)).toBe('11 ms');
    expect(formatMs(null)).toBe('unknown');
  });

  it('prints the FSL-MRS STEAM file with rounded dwell time and spectral width', () => {
    const out = glutrace('info', join(data, 'nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz')).stdout;
    expect(out).toMatch(/^dwell time +8\.33e-5 s \(spectral width 12004\.8 Hz\)$/m);
    expect(out).toMatch(/^echo time +11 ms$/m);
    expect(out).toMatch(/^spectrometer frequency +297\.219948 MHz$/m);
  });

  it('recognises an LCModel .BASIS file as a basis set and lists it', () => {
    const basisFile = join(data, 'basis/lcmodel/fslmrs_STEAM_7T_11ms.BASIS');
    const result = glutrace('info', basisFile);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^format +lcmodel-basis \(a basis set: use it with --basis or analysis\.basis\)$/m);
    expect(result.stdout).toMatch(/^metabolites +23: mm, Ala, Asc, .*Glu, .*NAA/m);
    expect(result.stdout).toMatch(/^points +4096$/m);
    const json = JSON.parse(glutrace('info', basisFile, '--json').stdout);
    expect(json).toMatchObject({ format: 'lcmodel-basis', points: 4096, spectrometerFrequencyMHz: 297.200012 });
    expect(json.metabolites).toContain('Glu');
  });

  it('describes a basis folder, and still refuses a folder of data files', () => {
    const folder = JSON.parse(glutrace('info', join(data, 'basis/fsl-json/spant_slaser_TE28_123MHz'), '--json').stdout);
    expect(folder).toMatchObject({ format: 'basis-folder', points: 2048 });
    expect(folder.metabolites).toHaveLength(29);
    const rdaFolder = join(data, 'siemens-rda');
    expect(glutrace('info', rdaFolder).stderrLines).toEqual([`glutrace: ${rdaFolder}: is a directory, expected a file`]);
  });

  it('a basis file given as data says what it is', () => {
    const basisFile = join(data, 'basis/lcmodel/fslmrs_STEAM_7T_11ms.BASIS');
    const result = glutrace('convert', basisFile, '-o', join(scratch, 'x.nii.gz'));
    expect(result.stderrLines).toEqual([`glutrace: ${basisFile}: this is an LCModel basis file ($BASIS1), not data; use it as a basis (--basis or analysis.basis)`]);
  });
});

describe('help and version', () => {
  it('--version prints package.json\'s version', () => {
    const { version } = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(glutrace('--version').stdout.trim()).toBe(version);
  });

  it('run --help states the --jobs default once', () => {
    const jobsLine = glutrace('run', '--help').stdout.split('\n').find((line) => line.includes('--jobs'));
    expect(jobsLine).toBeDefined();
    expect(jobsLine!.match(/default/g)).toHaveLength(1);
    expect(jobsLine).toMatch(/\(default: CPU count, \d+\)/);
  });
});

describe('--json callers read errors from stdout too', () => {
  it('a manifest error prints one JSON object with the message, and the text line on stderr', () => {
    const missing = join(scratch, 'no-such-study.json');
    const result = glutrace('run', missing, '-o', join(scratch, 'out-json-error'), '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ error: `${missing}: cannot read manifest: file not found` });
    expect(result.stderrLines).toEqual([`glutrace: ${missing}: cannot read manifest: file not found`]);
  });
});
