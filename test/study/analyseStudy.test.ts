import { describe, expect, it } from 'vitest';
import { analyseStudy } from '../../src/study/analyseStudy.js';
import { renderStudyMarkdown } from '../../src/study/studyMarkdown.js';
import type { StudyResult } from '../../src/types/study.js';
import type { SessionCurve } from '../../src/types/timecourse.js';
import { SMALL_STUDY_DESIGN as smallDesign, syntheticStudy, type SyntheticStudySpec } from './syntheticStudy.js';


const options = { measure: 'Glx/tNAA', referenceCondition: 'placebo', timeBinMin: 5 };

function completePairSexes(curves: SessionCurve[]): ('M' | 'F')[] {
  const bySubject = new Map<string, SessionCurve[]>();
  for (const c of curves) bySubject.set(c.subject, [...(bySubject.get(c.subject) ?? []), c]);
  return [...bySubject.values()].filter((sessions) => sessions.length === 2).map((sessions) => sessions[0]!.sex);
}

function coefficient(result: StudyResult, name: string) {
  return result.mixedModel!.coefficients.find((c) => c.name === name)!;
}

describe('analyseStudy: coverage over simulated studies', () => {
  const nStudies = 400;
  const studies = Array.from({ length: nStudies }, (_, k) => syntheticStudy({ ...smallDesign, seed: 1000 + k }));
  const results = studies.map((curves) => analyseStudy(curves, options));

  it('mixed-model condition effect: 95% CI covers the true effect at 95% ± 3%', () => {
    // type III: the condition coefficient averages the male and female active − reference effects equally
    const truth = smallDesign.conditionEffectPct + smallDesign.femaleConditionEffectPct! / 2;
    const covered = results.filter((r) => {
      const c = coefficient(r, 'condition[naltrexone − placebo]');
      return c.ciLow <= truth && truth <= c.ciHigh;
    }).length;
    const coverage = covered / nStudies;
    console.info(`mixed-model condition-effect coverage: ${(100 * coverage).toFixed(1)}% over ${nStudies} studies`);
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  });

  it('between-subject sex effect (few subjects, Satterthwaite df): 95% CI covers at 95% ± 3%', () => {
    // females differ only by their extra active-condition effect, so F − M averaged over conditions is half of it
    const truth = smallDesign.femaleConditionEffectPct! / 2;
    const dfs: number[] = [];
    const covered = results.filter((r) => {
      const c = coefficient(r, 'sex[F − M]');
      dfs.push(c.df);
      return c.ciLow <= truth && truth <= c.ciHigh;
    }).length;
    const coverage = covered / nStudies;
    console.info(`sex-effect coverage: ${(100 * coverage).toFixed(1)}%, median df ${dfs.sort((a, b) => a - b)[nStudies / 2]!.toFixed(1)}`);
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  });

  it('Kenward–Roger intervals cover at 95% ± 3% too', () => {
    const truth = smallDesign.conditionEffectPct + smallDesign.femaleConditionEffectPct! / 2;
    const covered = studies.filter((curves) => {
      const result = analyseStudy(curves, { ...options, dfMethod: 'Kenward-Roger' });
      expect(result.mixedModel!.dfMethod).toBe('Kenward-Roger');
      const c = coefficient(result, 'condition[naltrexone − placebo]');
      return c.ciLow <= truth && truth <= c.ciHigh;
    }).length;
    const coverage = covered / nStudies;
    console.info(`Kenward–Roger condition-effect coverage: ${(100 * coverage).toFixed(1)}%`);
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  });

  it('condition F test rejects at about the nominal rate when there is no effect', () => {
    const nullResults = Array.from({ length: nStudies }, (_, k) =>
      analyseStudy(syntheticStudy({ ...smallDesign, conditionEffectPct: 0, femaleConditionEffectPct: 0, seed: 5000 + k }), options),
    );
    const rejections = nullResults.filter((r) => r.mixedModel!.fTests.find((t) => t.term === 'condition')!.p < 0.05).length;
    const rate = rejections / nStudies;
    console.info(`condition F test type I error at α = 0.05: ${(100 * rate).toFixed(1)}%`);
    expect(rate).toBeGreaterThanOrEqual(0.02);
    expect(rate).toBeLessThanOrEqual(0.08);
  });

  it('paired meanInfusionPctChange difference: CI covers the true effect at 95% ± 3%', () => {
    let covered = 0;
    results.forEach((r, k) => {
      const c = r.pairedMetrics.find((m) => m.metric === 'meanInfusionPctChange')!;
      // the paired mean targets the sample's own mix of male (base) and female (base + extra) effects
      const females = completePairSexes(studies[k]!).filter((sex) => sex === 'F').length;
      const truth = smallDesign.conditionEffectPct + (smallDesign.femaleConditionEffectPct! * females) / c.n;
      if (c.ciLow <= truth && truth <= c.ciHigh) covered += 1;
    });
    const coverage = covered / nStudies;
    console.info(`paired metric coverage: ${(100 * coverage).toFixed(1)}%`);
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  });

  it('MADRS slope per condition: CI covers the simulated slope at 95% ± 3%', () => {
    const covered = results.filter((r) => {
      const a = r.madrsAssociations.find((m) => m.label === 'placebo')!;
      return a.slopeCiLow <= smallDesign.madrsSlopePerPct! && smallDesign.madrsSlopePerPct! <= a.slopeCiHigh;
    }).length;
    const coverage = covered / nStudies;
    console.info(`MADRS slope coverage: ${(100 * coverage).toFixed(1)}%`);
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  });
});

describe('analyseStudy: a 26-subject trial-shaped study', () => {
  const spec: SyntheticStudySpec = {
    seed: 2026,
    nSubjects: 26,
    windowCentresMin: Array.from({ length: 14 }, (_, k) => -7.5 + 5 * k),
    windowLengthMin: 5,
    infusionDurationMin: 40,
    response: (t) => (t < 40 ? 8 * (1 - Math.exp(-t / 10)) : 8 * Math.exp(-(t - 40) / 15)),
    subjectSdPct: 2,
    noiseSdPct: 2,
    conditionEffectPct: -3,
    femaleConditionEffectPct: 2.5,
    secondVisitEffectPct: 0.3,
    missingVisitFraction: 0.08,
    flaggedWindowFraction: 0.03,
    madrsSlopePerPct: -1.2,
    madrsNoiseSd: 2,
  };
  const curves = syntheticStudy(spec);
  const result = analyseStudy(curves, options);

  it('recovers the condition effect, MADRS association and sex interaction with the simulated signs and sizes', () => {
    const model = result.mixedModel!;
    expect(model.timeBinsMin![0]).toBe(2.5);
    const condition = coefficient(result, 'condition[naltrexone − placebo]');
    const conditionTruth = spec.conditionEffectPct + spec.femaleConditionEffectPct! / 2;
    // within 3 SE of the truth (a 95% CI misses 1 study in 20 by design)
    expect(Math.abs(condition.estimate - conditionTruth)).toBeLessThan(3 * condition.se);
    expect(condition.ciHigh).toBeLessThan(0);
    expect(model.fTests.find((t) => t.term === 'condition')!.p).toBeLessThan(0.001);

    const sexTerm = coefficient(result, 'sex:condition[(F − M) × (naltrexone − placebo)]');
    expect(sexTerm.ciLow).toBeGreaterThan(0);
    expect(Math.abs(sexTerm.estimate - spec.femaleConditionEffectPct!)).toBeLessThan(3 * sexTerm.se);

    const sexMetric = result.sexByCondition.find((c) => c.metric === 'meanInfusionPctChange')!;
    expect(sexMetric.label).toBe('(naltrexone − placebo): F − M');
    expect(sexMetric.ciLow).toBeGreaterThan(0);
    expect(Math.abs(sexMetric.estimate - spec.femaleConditionEffectPct!)).toBeLessThan(3 * sexMetric.se);

    for (const label of ['placebo', 'naltrexone']) {
      const a = result.madrsAssociations.find((m) => m.label === label)!;
      expect(a.r).toBeLessThan(0);
      expect(a.slopeCiLow).toBeLessThan(spec.madrsSlopePerPct!);
      expect(a.slopeCiHigh).toBeGreaterThan(spec.madrsSlopePerPct!);
    }
    const paired = result.pairedMetrics.find((m) => m.metric === 'meanInfusionPctChange')!;
    expect(paired.ciHigh).toBeLessThan(0);
  });

  it('mean and difference curves follow the simulated response', () => {
    const placebo = result.meanCurves.find((c) => c.condition === 'placebo')!;
    const k = placebo.tMin.indexOf(37.5);
    expect(Math.abs(placebo.mean[k]! - spec.response(37.5))).toBeLessThan(3 * placebo.sem[k]! + 0.5);
    const difference = result.differenceCurves[0]!;
    expect(difference.label).toBe('naltrexone − placebo');
    const during = difference.tMin.map((t, i) => (t > 0 ? difference.mean[i]! : NaN)).filter(Number.isFinite);
    expect(during.reduce((s, v) => s + v, 0) / during.length).toBeLessThan(0);
  });

  it('MADRS change as % of baseline uses 100 · (h24 − baseline) / baseline', () => {
    const percent = analyseStudy(curves, { ...options, madrsChange: 'percent' });
    const placebo = percent.madrsAssociations.find((a) => a.label === 'placebo')!;
    expect(placebo.yLabel).toBe('MADRS change (% of baseline)');
    const point = placebo.points[0]!;
    const session = curves.find((c) => c.subject === point.subject && c.condition === 'placebo')!;
    expect(point.y).toBeCloseTo((100 * (session.madrs!.h24 - session.madrs!.baseline)) / session.madrs!.baseline, 10);
    expect(point.x).toBe(session.metrics['Glx/tNAA']!.meanInfusionPctChange);
    expect(placebo.r).toBeLessThan(0);
  });

  it('ignores the values of flagged windows', () => {
    const scrambled = curves.map((c) => ({
      ...c,
      measures: Object.fromEntries(
        Object.entries(c.measures).map(([name, m]) => [
          name,
          { ...m, pctChange: m.pctChange.map((v, k) => (c.windows[k]!.flagged ? -v * 7 + 99 : v)) },
        ]),
      ),
    }));
    expect(curves.some((c) => c.windows.some((w) => w.flagged))).toBe(true);
    expect(analyseStudy(scrambled, options)).toEqual(result);
  });

  it('renders a study.md with F tests and tables', () => {
    const md = renderStudyMarkdown(result);
    expect(md).toMatch(/\| condition \| F\(1, \d+(\.\d)?\) = [\d.]+, p (=|<) [\d.]+ \|/);
    expect(md).toContain('## Paired differences of per-session metrics');
    expect(md).toContain('| naltrexone − placebo | meanInfusionPctChange |');
    expect(md).toContain('## Association with MADRS change');
    expect(md).toContain('Mixed model sex × condition: F(1,');
    expect(md).not.toContain('NaN');
  });
});

describe('analyseStudy: degenerate inputs give warnings, not exceptions', () => {
  const base: SyntheticStudySpec = { ...smallDesign, seed: 77 };

  function noNaNInEstimates(result: StudyResult) {
    const numbers = [
      ...result.pairedMetrics.flatMap((c) => [c.estimate, c.se, c.ciLow, c.ciHigh, c.p]),
      ...result.sexByCondition.flatMap((c) => [c.estimate, c.se, c.ciLow, c.ciHigh, c.p]),
      ...result.madrsAssociations.flatMap((a) => [a.r, a.slope, a.slopeCiLow, a.slopeCiHigh, a.p]),
      ...(result.mixedModel?.fTests.flatMap((t) => [t.F, t.p, t.denDf]) ?? []),
      ...(result.mixedModel?.coefficients.flatMap((c) => [c.estimate, c.se, c.ciLow, c.ciHigh]) ?? []),
    ];
    expect(numbers.every(Number.isFinite)).toBe(true);
  }

  it('two subjects: no model, no paired tests, warnings instead', () => {
    const result = analyseStudy(syntheticStudy({ ...base, nSubjects: 2, missingVisitFraction: 0 }), options);
    expect(result.mixedModel).toBeNull();
    expect(result.madrsAssociations).toEqual([]);
    expect(result.warnings.some((w) => w.startsWith('mixed model'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('MADRS association'))).toBe(true);
    noNaNInEstimates(result);
    expect(renderStudyMarkdown(result)).toContain('Not fitted');
  });

  it('one sex only: sex terms left out with warnings', () => {
    const result = analyseStudy(syntheticStudy({ ...base, sexes: ['F'] }), options);
    expect(result.sexByCondition).toEqual([]);
    expect(result.mixedModel!.fTests.map((t) => t.term)).not.toContain('sex:condition');
    expect(result.warnings.some((w) => w.includes('only one sex'))).toBe(true);
    noNaNInEstimates(result);
  });

  it('identical sessions (zero variance) and a missing reference condition', () => {
    const flat = syntheticStudy({ ...base, subjectSdPct: 0, noiseSdPct: 0, conditionEffectPct: 0, femaleConditionEffectPct: 0, secondVisitEffectPct: 0, missingVisitFraction: 0 });
    const result = analyseStudy(flat, options);
    expect(result.warnings.some((w) => w.includes('zero variance'))).toBe(true);
    noNaNInEstimates(result);
    const noReference = analyseStudy(flat, { ...options, referenceCondition: 'saline' });
    expect(noReference.mixedModel).toBeNull();
    expect(noReference.warnings[0]).toContain('saline');
  });

  it('every window flagged or measure missing: sessions excluded with warnings', () => {
    const curves = syntheticStudy(base);
    curves[0]!.windows.forEach((w) => (w.flagged = true));
    delete curves[1]!.measures['Glx/tNAA'];
    const result = analyseStudy(curves, options);
    expect(result.warnings.some((w) => /session \S+: all \d+ windows are flagged .*; session excluded/.test(w))).toBe(true);
    expect(result.warnings.some((w) => w.includes('no "Glx/tNAA" curve'))).toBe(true);
    expect(result.mixedModel).not.toBeNull();
    noNaNInEstimates(result);
    expect(analyseStudy([], options).warnings.length).toBeGreaterThan(0);
  });

  it('visit order confounded with condition is dropped from the model with a warning', () => {
    const curves = syntheticStudy({ ...base, missingVisitFraction: 0 }).map((c) => ({ ...c, visitOrder: c.condition === 'placebo' ? 1 : 2 }));
    const result = analyseStudy(curves, options);
    expect(result.warnings.some((w) => w.includes('visitOrder'))).toBe(true);
    expect(result.mixedModel!.fTests.map((t) => t.term)).toContain('condition');
    noNaNInEstimates(result);
  });
});
