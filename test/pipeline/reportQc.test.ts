import { describe, expect, it } from 'vitest';
import { parseStudyManifest } from '../../src/manifest/studyManifest.js';
import { dynamicEffectRows } from '../../src/pipeline/reportArtifacts.js';
import { medianCrlbPercent } from '../../src/timecourse/sessionQc.js';
import type { DynamicFitResult } from '../../src/fit/dynamic/dynamicFitTypes.js';
import type { FitResult } from '../../src/types/fit.js';

function fit(amplitudes: Record<string, number>, crlbSd: Record<string, number>): FitResult {
  return { amplitudes, crlbSd } as unknown as FitResult;
}

describe('report QC inputs from the fits', () => {
  it('median CRLB: a metabolite at zero amplitude in most windows is not detected (Infinity), not NaN', () => {
    const fits = [
      fit({ Glu: 0, tNAA: 10 }, { Glu: 1, tNAA: 0.97 }),
      fit({ Glu: 0, tNAA: 10 }, { Glu: 1, tNAA: 1.2 }),
      fit({ Glu: 4, tNAA: 10 }, { Glu: 0.4, tNAA: 0.5 }),
      null,
    ];
    const crlb = medianCrlbPercent(fits);
    expect(crlb.Glu).toBe(Number.POSITIVE_INFINITY);
    expect(crlb.tNAA).toBeCloseTo(9.7, 12);
  });

  it('median CRLB: detected in most windows gives the median of the finite CRLBs', () => {
    const fits = [fit({ Glu: 0 }, { Glu: 1 }), fit({ Glu: 4 }, { Glu: 0.4 }), fit({ Glu: 5 }, { Glu: 0.4 })];
    expect(medianCrlbPercent(fits).Glu).toBeCloseTo(10, 12);
  });

  it('the default linewidth limit is in ppm: about 10 Hz at 3T, so 7T data at 12 Hz passes', () => {
    const { qc } = parseStudyManifest({
      name: 'limits', infusion: { drug: 'ketamine', doseMgPerKg: 0.5, durationMin: 40 },
      analysis: { model: 'lcm', windowTransients: 4, stepTransients: 2, baselineMin: [-5, 0], reference: 'tNAA' },
      subjects: [{ id: 's', sex: 'F', visits: [{ id: 'v', condition: 'placebo', metabolite: 'm.nii.gz', infusionStartMin: 5 }] }],
    }, 'limits.json').analysis;
    expect(qc).toEqual({ minSnr: 20, maxFwhmPpm: 0.08, maxCrlbPercent: 20, excludeFailing: false });
    expect(qc.maxFwhmPpm * 123.2).toBeCloseTo(9.86, 2);
    expect(12.1).toBeLessThan(qc.maxFwhmPpm * 297.2);
  });

  it('dynamic effect rows flag measures and ratios whose baseline β is negative', () => {
    const estimate = (value: number) => ({ value, sd: 0.1 });
    const contrast = (measure: string, kind: 'metabolite' | 'ratio', baseline: number) => ({
      contrast: 'infusion', measure, kind, baseline: estimate(baseline), effect: estimate(0.1), percentOfBaseline: estimate(100 * 0.1 / baseline),
    });
    const result = {
      contrasts: [contrast('Glu', 'metabolite', -0.5), contrast('tNAA', 'metabolite', 10), contrast('Glu/tNAA', 'ratio', -0.05), contrast('Glx/tNAA', 'ratio', 1.1), contrast('Ala', 'metabolite', 1)],
      negativeBaseline: ['Glu'],
    } as unknown as DynamicFitResult;
    const rows = dynamicEffectRows(result);
    expect(rows.map((r) => [r.measure, r.negativeBaseline])).toEqual([
      ['Glu', true],
      ['tNAA', false],
      ['Glu/tNAA', true],
      ['Glx/tNAA', false],
    ]);
  });
});
