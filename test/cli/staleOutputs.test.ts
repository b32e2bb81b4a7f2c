import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_INDEX_FILE, readOutputIndex, removeStaleOutputs, writeOutputIndex } from '../../src/pipeline/outputIndex.js';
import { fileScratchDir } from '../helpers/scratchDir.js';
import { readManifest, writeManifest, writeSmallStudy } from '../robustness/smallStudy.js';

const cli = resolve(__dirname, '../../dist/src/cli/main.js');
const root = fileScratchDir('stale');

function touch(path: string): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
}

describe('output index', () => {
  it('removes only files the previous run listed and this run did not write', () => {
    const dir = join(root, 'unit');
    for (const f of ['a.csv', 'plots/old.svg', 'plots/kept.svg', 'plots/mine.txt', 'sessions/s1.json']) touch(join(dir, f));
    writeOutputIndex(dir, ['a.csv', 'plots/old.svg', 'plots/kept.svg']);
    const removed = removeStaleOutputs(dir, readOutputIndex(dir), ['a.csv', 'plots/kept.svg']);
    expect(removed).toEqual(['plots/old.svg']);
    expect(existsSync(join(dir, 'plots/old.svg'))).toBe(false);
    for (const f of ['a.csv', 'plots/kept.svg', 'plots/mine.txt', 'sessions/s1.json']) expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it('ignores entries that point outside the folder, and a missing or broken index', () => {
    const dir = join(root, 'hostile');
    const outside = join(root, 'outside.txt');
    touch(outside);
    touch(join(dir, 'x'));
    writeFileSync(join(dir, OUTPUT_INDEX_FILE), JSON.stringify({ format: 1, files: ['../outside.txt', outside, OUTPUT_INDEX_FILE, 'x'] }));
    expect(readOutputIndex(dir)).toEqual(['x']);
    removeStaleOutputs(dir, readOutputIndex(dir), []);
    expect(existsSync(outside)).toBe(true);
    expect(readOutputIndex(join(root, 'none'))).toEqual([]);
    writeFileSync(join(dir, OUTPUT_INDEX_FILE), '{not json');
    expect(readOutputIndex(dir)).toEqual([]);
  });
});

describe('glutrace run into a folder another run used', () => {
  const studyDir = join(root, 'study');
  beforeAll(() => {
    writeSmallStudy(studyDir, 2, 8);
  });

  it('removes the other run\'s plots and keeps user files and the session store', () => {
    const out = join(root, 'out');
    const first = spawnSync(process.execPath, [cli, 'run', join(studyDir, 'study.json'), '-o', out, '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(join(out, 'plots/sub-02_visit1_glx.svg'))).toBe(true);
    const copy = join(root, 'out-copy');
    cpSync(out, copy, { recursive: true });
    writeFileSync(join(copy, 'plots', 'my-notes.txt'), 'keep me');

    const manifest = readManifest(studyDir);
    const oneSubject = writeManifest(studyDir, 'one-subject.json', { ...manifest, subjects: manifest.subjects.slice(0, 1) });
    const second = spawnSync(process.execPath, [cli, 'run', oneSubject, '-o', copy, '--json', '--resume'], { encoding: 'utf8', timeout: 120_000 });
    expect(second.status, second.stderr).toBe(0);
    // --resume only saves time; a concurrent rebuild of dist would make the sessions run afresh, which is fine
    const summary = JSON.parse(second.stdout) as { files: number; removedStaleFiles: number };
    expect(summary.removedStaleFiles).toBeGreaterThanOrEqual(8);

    for (const plot of ['sub-02_visit1_glx.svg', 'sub-02_visit1_glx.png', 'sub-02_visit2_qc.svg', 'sub-02_visits.png']) {
      expect(existsSync(join(copy, 'plots', plot)), plot).toBe(false);
    }
    expect(existsSync(join(copy, 'plots/sub-01_visit1_glx.svg'))).toBe(true);
    expect(readFileSync(join(copy, 'plots', 'my-notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(copy, 'sessions/sub-02_visit1.json'))).toBe(true);
    expect(readOutputIndex(copy)).toHaveLength(summary.files);
    expect(readFileSync(join(copy, 'timecourses.csv'), 'utf8')).not.toContain('sub-02');
  });
});
