import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDirectory, OutputFolderError } from '../../src/util/ensureDirectory.js';
import { writeFileAtomic } from '../../src/util/atomicWrite.js';
import { GlutraceError } from '../../src/util/errors.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

const cli = resolve(__dirname, '../../dist/src/cli/main.js');
const scratch = fileScratchDir('outdir');
const data = resolve(__dirname, '../../../shared/mrs-data');
const rda = join(data, 'siemens-rda/suspect_SVS_30.rda');

function glutrace(...args: string[]): { status: number | null; stderrLines: string[] } {
  // a generous limit turns a hang into a failed test instead of a stuck suite
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stderrLines: result.stderr.trimEnd().split('\n') };
}

function errorOf(action: () => void): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('ensureDirectory', () => {
  it('creates every missing level and accepts an existing folder', () => {
    const deep = join(scratch, 'a', 'b', 'c');
    ensureDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(() => ensureDirectory(deep)).not.toThrow();
  });

  it('refuses a path under a file, naming the file', () => {
    const file = join(scratch, 'plain-file');
    writeFileSync(file, 'x');
    const error = errorOf(() => ensureDirectory(join(file, 'out', 'deeper')));
    expect(error).toBeInstanceOf(OutputFolderError);
    expect(error.message).toBe(`cannot create output folder ${join(file, 'out', 'deeper')}: ${file} is a file, not a folder`);
    expect(errorOf(() => ensureDirectory(file)).message).toMatch(/is a file, not a folder$/);
  });

  it('ends at once under a pseudo file system that refuses new folders (mkdirSync recursive loops there)', () => {
    if (!existsSync('/proc/self')) return;
    const error = errorOf(() => ensureDirectory('/proc/glutrace-test/out'));
    expect(error).toBeInstanceOf(OutputFolderError);
    expect(error.message).toMatch(/^cannot create output folder \/proc\/glutrace-test\/out: /);
    expect(existsSync('/proc/glutrace-test')).toBe(false);
  });

  it('turns a write into a folder-named path into one line', () => {
    const folder = join(scratch, 'taken');
    mkdirSync(folder);
    const error = errorOf(() => writeFileAtomic(folder, 'x'));
    expect(error).toBeInstanceOf(GlutraceError);
    expect(error.message).toBe(`cannot write ${folder}: a folder has that name`);
  });
});

describe('CLI output folders', () => {
  it('convert -o under /proc fails with one line instead of hanging', () => {
    if (!existsSync('/proc/self')) return;
    const result = glutrace('convert', rda, '-o', '/proc/glutrace-test/x.nii.gz');
    expect(result.status).toBe(1);
    expect(result.stderrLines).toEqual(['glutrace: cannot create output folder /proc/glutrace-test: /proc does not accept new folders']);
  });

  it('run and convert -o below a file name the file, with no raw ENOTDIR/EEXIST text', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    // a valid manifest: a bad one is reported before the output folder is looked at
    const run = glutrace('run', resolve('sample-spectra/study.json'), '-o', join(file, 'out'));
    expect(run.status).toBe(1);
    expect(run.stderrLines).toEqual([`glutrace: cannot create output folder ${join(file, 'out')}: ${file} is a file, not a folder`]);
    const convert = glutrace('convert', rda, '-o', join(file, 'x.nii.gz'));
    expect(convert.status).toBe(1);
    expect(convert.stderrLines).toEqual([`glutrace: cannot create output folder ${file}: ${file} is a file, not a folder`]);
  });
});
