import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../helpers/csv.js';
import { writeOneSubjectSampleStudy } from '../helpers/sampleStudy.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

/** Runs the one-subject sample study with an SNR limit between its two sessions' SNRs (~706 and ~629). */
function runWithSnrLimit(scratch: string, excludeFailing: boolean) {
  const dir = join(scratch, String(excludeFailing));
  mkdirSync(dir);
  const study = writeOneSubjectSampleStudy(dir, (manifest) => { manifest.analysis.qc = { minSnr: 650, excludeFailing }; });
  const out = join(dir, 'out');
  const result = spawnSync('node', ['dist/src/cli/main.js', 'run', study, '-o', out, '--jobs', '2', '--json'], { encoding: 'utf8' });
  return {
    status: result.status,
    summary: JSON.parse(result.stdout) as { warnings: string[] },
    sessions: readCsv(join(out, 'sessions.csv')),
    study: JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')),
    report: readFileSync(join(out, 'report.html'), 'utf8'),
  };
}

describe('analysis.qc: limits from the manifest, and leaving failing sessions out of the statistics', () => {
  const scratch = fileScratchDir('qc-exclusion');
  const flagged = runWithSnrLimit(scratch, false);
  const excluded = runWithSnrLimit(scratch, true);

  it('flags the session below the limit in sessions.csv and the report either way', () => {
    for (const run of [flagged, excluded]) {
      expect(run.status).toBe(0);
      const [visit1, visit2] = run.sessions;
      expect(visit1.qc_flags).toBe('');
      expect(visit2.qc_flags).toMatch(/^SNR \d+\.\d < 650$/);
    }
    const inHtml = (text: string) => text.replace(/</g, '&lt;');
    expect(flagged.report).toContain(`FLAG: ${inHtml(flagged.sessions[1].qc_flags)}`);
    expect(excluded.report).toContain(`EXCLUDED: ${inHtml(excluded.sessions[1].qc_flags)}`);
    expect(excluded.report).toContain('2 analysed of 2 in the manifest (1 subject); 1 outside the QC limits, left out of the statistics');
    expect(flagged.report).not.toContain('outside the QC limits, left out');
  });

  it('keeps it in the statistics by default, and leaves it out with excludeFailing, saying why', () => {
    const conditionsOf = (run: typeof flagged) => run.study.meanCurves.map((c: { condition: string }) => c.condition);
    expect(conditionsOf(flagged)).toEqual(['placebo', 'naltrexone']);
    // visit2 (placebo) fails: only the naltrexone session is left for the statistics
    expect(conditionsOf(excluded)).toEqual(['naltrexone']);
    const reason = `sub-01/visit2: left out of the study statistics, outside the QC limits (${excluded.sessions[1].qc_flags})`;
    expect(excluded.summary.warnings).toContain(reason);
    expect(excluded.study.warnings).toContain(reason);
    expect(flagged.summary.warnings.some((w) => w.includes('left out'))).toBe(false);
  });
});
