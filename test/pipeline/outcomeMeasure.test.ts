import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOneSubjectSampleStudy } from '../helpers/sampleStudy.js';
import { testScratchDir } from '../helpers/scratchDir.js';

describe('analysis.outcome', () => {
  it('Glu makes Glu/tNAA the measure of the study statistics', () => {
    const dir = testScratchDir('outcome-glu');
    const study = writeOneSubjectSampleStudy(dir, (manifest) => { manifest.analysis.outcome = 'Glu'; });
    const result = spawnSync('node', ['dist/src/cli/main.js', 'run', study, '-o', join(dir, 'out'), '--jobs', '2', '--json'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const analysed = JSON.parse(readFileSync(join(dir, 'out', 'study.json'), 'utf8'));
    expect(analysed.measure).toBe('Glu/tNAA');
    expect(analysed.meanCurves.map((c: { measure: string }) => c.measure)).toEqual(['Glu/tNAA', 'Glu/tNAA']);
  });
});
