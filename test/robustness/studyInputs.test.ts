import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileScratchDir } from '../helpers/scratchDir.js';
import { readManifest, writeManifest, writeSmallStudy } from './smallStudy.js';

const cli = resolve(__dirname, '../../dist/src/cli/main.js');
const root = fileScratchDir('study-inputs');
const studyDir = join(root, 'study');

function run(manifest: string, out: string): { status: number | null; stdout: string; stderrLines: string[] } {
  const result = spawnSync(process.execPath, [cli, 'run', manifest, '-o', out, '-j', '1'], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderrLines: result.stderr.trimEnd().split('\n') };
}

beforeAll(() => {
  writeSmallStudy(studyDir, 1, 4);
});

describe('study-level inputs are checked before any session starts', () => {
  it('a missing analysis.basis stops the run at once: exit 1, one line naming the field and the path', () => {
    const manifest = readManifest(studyDir);
    const path = writeManifest(studyDir, 'no-basis.json', { ...manifest, analysis: { ...manifest.analysis, basis: 'nobasis/' } });
    const out = join(root, 'out-no-basis');
    const result = run(path, out);
    expect(result.status).toBe(1);
    expect(result.stderrLines).toEqual([`glutrace: ${path}: analysis.basis: ${join(studyDir, 'nobasis')}: file not found`]);
    expect(existsSync(join(out, 'sessions'))).toBe(false);
  });

  it('a basis path that is not a basis set is named the same way', () => {
    const manifest = readManifest(studyDir);
    const path = writeManifest(studyDir, 'wrong-basis.json', { ...manifest, analysis: { ...manifest.analysis, basis: 'study.json' } });
    const result = run(path, join(root, 'out-wrong-basis'));
    expect(result.status).toBe(1);
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toMatch(new RegExp(`^glutrace: ${path}: analysis\\.basis: ${join(studyDir, 'study.json')}: not an LCModel basis file`));
  });

  it('a window longer than the sessions fails each session (exit 2) with the counts, and no internal step names', () => {
    const manifest = readManifest(studyDir);
    const path = writeManifest(studyDir, 'long-window.json', { ...manifest, analysis: { ...manifest.analysis, windowTransients: 1000 } });
    const result = run(path, join(root, 'out-long-window'));
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^0\/2 sessions processed/);
    expect(result.stderrLines).toHaveLength(2);
    for (const line of result.stderrLines) {
      expect(line).toMatch(/^glutrace: sub-01\/visit\d: .*: 108 transients stored, fewer than one window \(1000\)$/);
      expect(line).not.toMatch(/alignTransients|fitSpectra|fitDynamic|task failed/);
    }
  });
});
