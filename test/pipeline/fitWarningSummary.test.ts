import { describe, expect, it } from 'vitest';
import { summariseWindowFitWarnings } from '../../src/pipeline/fitWarningSummary.js';
import type { FitResult } from '../../src/types/fit.js';

const fitWith = (warnings: string[]) => ({ qc: { warnings } }) as unknown as FitResult;

describe('summariseWindowFitWarnings', () => {
  it('counts each kind of warning once per window fit, over the fitted windows only', () => {
    const fits = [
      fitWith(['model does not follow the data: residual RMS is 2.4× the noise SD (limit 2)']),
      fitWith(['model does not follow the data: residual RMS is 3.1× the noise SD (limit 2)', 'NAA fitted at 0 (wrong basis or ppm referencing, or not a brain spectrum)']),
      fitWith([]),
      null,
    ];
    expect(summariseWindowFitWarnings(fits)).toEqual([
      'model does not follow the data in 2 of 3 window fits',
      'NAA fitted at 0 (wrong basis or ppm referencing, or not a brain spectrum) in 1 of 3 window fits',
    ]);
  });

  it('says nothing when no fit warned', () => {
    expect(summariseWindowFitWarnings([fitWith([]), null])).toEqual([]);
  });
});
