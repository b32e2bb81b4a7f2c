import { describe, expect, test } from 'vitest';
import { buildDesignMatrix } from '../../../src/fit/dynamic/designMatrix.js';
import { parseRegressorCsv } from '../../../src/fit/dynamic/regressorCsv.js';
import { DataError, InputFileError } from '../../../src/util/errors.js';

const TIMES = Float64Array.from([-5, 0, 10, 20, 40, 45, 60]);

describe('buildDesignMatrix', () => {
  test('box infusion, box post-infusion: intercept, 1 during [0, duration], 1 after', () => {
    const design = buildDesignMatrix(TIMES, { infusion: { durationMin: 40, shape: 'box' } });
    expect(design.names).toEqual(['baseline', 'infusion', 'post_infusion']);
    expect([...design.columns[0]]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect([...design.columns[1]]).toEqual([0, 1, 1, 1, 1, 0, 0]);
    expect([...design.columns[2]]).toEqual([0, 0, 0, 0, 0, 1, 1]);
  });

  test('ramp and saturating infusion shapes, decaying post-infusion, drift', () => {
    const ramp = buildDesignMatrix(TIMES, { infusion: { durationMin: 40, shape: 'ramp' }, postInfusion: { shape: 'none' }, drift: true });
    expect(ramp.names).toEqual(['baseline', 'infusion', 'drift']);
    expect([...ramp.columns[1]]).toEqual([0, 0, 0.25, 0.5, 1, 0, 0]);
    expect([...ramp.columns[2]]).toEqual([...TIMES]);
    const saturating = buildDesignMatrix(TIMES, {
      infusion: { durationMin: 40, shape: 'saturating', riseMin: 10 },
      postInfusion: { shape: 'decay', decayMin: 5 },
    });
    expect(saturating.columns[1][2]).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(saturating.columns[1][5]).toBe(0);
    expect(saturating.columns[2][5]).toBeCloseTo(Math.exp(-1), 12);
    expect(saturating.columns[2][4]).toBe(0);
  });

  test('user regressors are appended; wrong length, duplicate names and NaN are DataErrors', () => {
    const heartRate = Float64Array.from([60, 61, 62, 63, 64, 65, 66]);
    const design = buildDesignMatrix(TIMES, { infusion: { durationMin: 40, shape: 'box' }, regressors: [{ name: 'heart_rate', values: heartRate }] });
    expect(design.names.at(-1)).toBe('heart_rate');
    expect([...design.columns.at(-1)!]).toEqual([...heartRate]);
    const spec = (values: Float64Array, name = 'x') => ({ infusion: { durationMin: 40, shape: 'box' as const }, regressors: [{ name, values }] });
    expect(() => buildDesignMatrix(TIMES, spec(heartRate.subarray(1)))).toThrow(/"x" has 6 values for 7 transients/);
    expect(() => buildDesignMatrix(TIMES, spec(heartRate, 'infusion'))).toThrow(/"infusion" is used twice/);
    expect(() => buildDesignMatrix(TIMES, spec(Float64Array.from([1, 2, NaN, 4, 5, 6, 7])))).toThrow(DataError);
    expect(() => buildDesignMatrix(TIMES, { infusion: { durationMin: 0, shape: 'box' } })).toThrow(/duration must be positive/);
  });
});

describe('parseRegressorCsv', () => {
  test('reads a header of names and one row per transient', () => {
    const regressors = parseRegressorCsv('heart_rate, motion\n60,0.1\n\n61.5, -0.2\r\n62,3e-1\n', 'regressors.csv');
    expect(regressors.map((r) => r.name)).toEqual(['heart_rate', 'motion']);
    expect([...regressors[0].values]).toEqual([60, 61.5, 62]);
    expect([...regressors[1].values]).toEqual([0.1, -0.2, 0.3]);
  });

  test('bad input is a one-line InputFileError naming the file, line and column', () => {
    const parse = (text: string) => () => parseRegressorCsv(text, 'regs.csv');
    expect(parse('')).toThrow(InputFileError);
    expect(parse('a,b\n1,2\n3,x\n')).toThrow('regs.csv: line 3, column "b": "x" is not a number');
    expect(parse('a,b\n1,2,3\n')).toThrow('regs.csv: line 2 has 3 values, the header names 2');
    expect(parse('1,2\n3,4\n')).toThrow(/header column 1 is a number/);
    expect(parse('a,a\n1,2\n')).toThrow(/"a" appears twice/);
    expect(parse('a\n')).toThrow(/no values/);
  });
});
