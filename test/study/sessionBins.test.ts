import { describe, expect, it } from 'vitest';
import { analyseStudy } from '../../src/study/analyseStudy.js';
import { binSessions } from '../../src/study/sessionBins.js';
import { renderStudyMarkdown } from '../../src/study/studyMarkdown.js';
import { SMALL_STUDY_DESIGN, syntheticStudy, type SyntheticStudySpec } from './syntheticStudy.js';

const design: SyntheticStudySpec = {
  ...SMALL_STUDY_DESIGN,
  seed: 7,
  nSubjects: 6,
  secondVisitEffectPct: 0,
  missingVisitFraction: 0,
  flaggedWindowFraction: 0,
};

describe('binSessions: every exclusion names its cause', () => {
  it('a session without a usable outcome baseline is excluded, with the curve’s reason', () => {
    const curves = syntheticStudy(design);
    const broken = curves[0]!;
    const series = broken.measures['Glx/tNAA']!;
    series.baseline = Number.NaN;
    series.baselineProblem = 'Glu not detected in 1 of 1 baseline window(s)';
    // A stale % change must not sneak in: the baseline decides.
    const { sessions, warnings } = binSessions(curves, 'Glx/tNAA', 5);
    expect(sessions).toHaveLength(curves.length - 1);
    expect(warnings).toContain(
      `session ${broken.subject}/${broken.visit}: no usable Glx/tNAA baseline — Glu not detected in 1 of 1 baseline window(s); session excluded`,
    );
    expect(warnings.some((w) => w.includes('flagged'))).toBe(false);
  });

  it('a zero baseline excludes the session from the paired metrics even when its metrics are numbers', () => {
    const curves = syntheticStudy(design);
    const broken = curves.find((c) => c.condition !== 'placebo')!;
    broken.measures['Glx/tNAA']!.baseline = 0;
    broken.metrics['Glx/tNAA']!.peakPctChange = 314;
    const result = analyseStudy(curves, { measure: 'Glx/tNAA', referenceCondition: 'placebo', timeBinMin: 5 });
    const peak = result.pairedMetrics.find((c) => c.metric === 'peakPctChange')!;
    expect(peak.n).toBe(design.nSubjects - 1);
    expect(renderStudyMarkdown(result)).toContain(`session ${broken.subject}/${broken.visit}: no usable Glx/tNAA baseline — baseline 0, not positive; session excluded`);
  });

  it('all windows flagged: says so, not "flagged or missing"', () => {
    const curves = syntheticStudy(design);
    curves[0]!.windows.forEach((w) => (w.flagged = true));
    const { warnings } = binSessions(curves, 'Glx/tNAA', 5);
    expect(warnings).toEqual([`session ${curves[0]!.subject}/${curves[0]!.visit}: all 6 windows are flagged (too few accepted transients or a failed fit); session excluded`]);
  });

  it('a usable baseline but no finite % change in an unflagged window: names that', () => {
    const curves = syntheticStudy(design);
    curves[0]!.measures['Glx/tNAA']!.pctChange.fill(Number.NaN);
    const { warnings } = binSessions(curves, 'Glx/tNAA', 5);
    expect(warnings[0]).toContain('no unflagged window has a Glx/tNAA estimate (0 of 6 flagged); session excluded');
  });

  it('the mixed model says which requirement failed', () => {
    const curves = syntheticStudy({ ...design, nSubjects: 2 });
    const result = analyseStudy(curves, { measure: 'Glx/tNAA', referenceCondition: 'placebo', timeBinMin: 5 });
    expect(result.mixedModel).toBeNull();
    expect(result.warnings).toContain('mixed model: 2 subject(s), needs at least 3; not fitted');
  });
});
