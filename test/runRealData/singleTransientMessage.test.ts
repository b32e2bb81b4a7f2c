import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mrsData, runRealStudy } from './realStudy.js';

/**
 * An RDA export is one spectrum averaged on the scanner. With windowTransients 1 the session fails with the
 * internal "bad-transient rejection needs at least 3 transients, got 1": no file, no hint that the file
 * holds an already averaged spectrum. (With windowTransients 4 the message does name the file.)
 */
describe('glutrace run on an already averaged file with windowTransients 1', () => {
  it('names the file in the one-line reason', () => {
    const rda = mrsData('siemens-rda/suspect_SVS_30.rda');
    const run = runRealStudy('qa-averaged', [{ metabolite: rda }], { windowTransients: 1, stepTransients: 1 });
    const reason = run.stderr.split('\n').find((line) => line.includes('visit1')) ?? '';
    expect(reason).toContain(basename(rda));
  });
});
