import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median, quantile, summarize } from '../../src/bench/statistics.js';
import { measurementOf, scalingEfficiency } from '../../src/bench/benchmarkCase.js';
import { firstWindowAverage, windowAverages } from '../../src/bench/windowSpectra.js';

describe('benchmark statistics', () => {
  it('interpolates quantiles between order statistics (type 7)', () => {
    const spread = summarize([4, 1, 3, 2]);
    expect(spread).toEqual({ median: 2.5, q1: 1.75, q3: 3.25, min: 1, max: 4, runs: 4 });
    expect(median([7, 1, 100])).toBe(7);
    expect(quantile([10, 20], 0.25)).toBe(12.5);
    expect(summarize([5])).toEqual({ median: 5, q1: 5, q3: 5, min: 5, max: 5, runs: 1 });
  });

  it('refuses an empty sample and levels outside [0, 1]', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
  });

  it('orders min ≤ q1 ≤ median ≤ q3 ≤ max and ignores input order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), (values) => {
        const s = summarize(values);
        expect(s.min).toBeLessThanOrEqual(s.q1);
        expect(s.q1).toBeLessThanOrEqual(s.median);
        expect(s.median).toBeLessThanOrEqual(s.q3);
        expect(s.q3).toBeLessThanOrEqual(s.max);
        expect(summarize([...values].reverse())).toEqual(s);
      }),
    );
  });
});

describe('benchmark measurements', () => {
  it('derives per-fit time and throughput from the median', () => {
    const m = measurementOf(2, [30, 10, 20], 4, 100);
    expect(m.timeMs.median).toBe(20);
    expect(m.perFitMs).toBe(5);
    expect(m.fitsPerSecond).toBe(200);
    expect(measurementOf(1, [1], null, 1).fitsPerSecond).toBeNull();
  });

  it('reports scaling efficiency from 1 worker to the most workers', () => {
    const one = measurementOf(1, [100], 10, 1);
    const two = measurementOf(2, [62.5], 10, 1);
    expect(scalingEfficiency([one, two])).toBeCloseTo(0.8, 12);
    expect(scalingEfficiency([one])).toBeNull();
  });

  it('averages sliding windows of transients', () => {
    // 5 transients of one complex point: values 0..4 (real), 10·d (imaginary)
    const data = Float64Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? i / 2 : 5 * i - 5));
    expect(Array.from(windowAverages(data, 1, 2, 2))).toEqual([0.5, 5, 2.5, 25]);
    expect(Array.from(firstWindowAverage(data, 1, 3))).toEqual([1, 10]);
    expect(windowAverages(data, 1, 6, 1).length).toBe(0);
  });
});
