import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml, fmt, formatNumber, formatP } from '../../src/report/svg/format.js';
import { renderFigure } from '../../src/report/svg/figure.js';
import { niceTicks } from '../../src/report/svg/ticks.js';
import { CATEGORICAL, sequentialColour } from '../../src/report/svg/palette.js';
import { assertWellFormedXml } from './xmlCheck.js';

describe('niceTicks', () => {
  it('covers the data with 1/2/2.5/5 × 10^k steps', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (low, span) => {
      const ticks = niceTicks(low, low + span);
      expect(ticks.min).toBeLessThanOrEqual(low + 1e-6 * ticks.step);
      expect(ticks.max).toBeGreaterThanOrEqual(low + span - 1e-6 * ticks.step);
      const mantissa = ticks.step / 10 ** Math.floor(Math.log10(ticks.step));
      expect([1, 2, 2.5, 5, 10].some((m) => Math.abs(m - mantissa) < 1e-6)).toBe(true);
      expect(ticks.values.length).toBeGreaterThanOrEqual(2);
      expect(ticks.values.length).toBeLessThanOrEqual(12);
    }));
  });

  it('gives the textbook ticks for a % change axis', () => {
    expect(niceTicks(-3.2, 14.6).values).toEqual([-5, 0, 5, 10, 15]);
    expect(niceTicks(0.2, 4.2, 5, { min: 0.2, max: 4.2 }).values).toEqual([1, 2, 3, 4]);
    // A coarse step would round −8…48 out to −20…60 and leave 30% of the axis empty.
    expect(niceTicks(-8, 48).values).toEqual([-10, 0, 10, 20, 30, 40, 50]);
    expect(niceTicks(-20, 76).values).toEqual([-20, 0, 20, 40, 60, 80]);
  });

  it('widens a degenerate range instead of dividing by zero', () => {
    const ticks = niceTicks(7, 7);
    expect(ticks.min).toBeLessThan(7);
    expect(ticks.max).toBeGreaterThan(7);
  });
});

describe('formatting', () => {
  it('never prints -0 and uses a true minus sign for people', () => {
    expect(fmt(-0.001)).toBe('0');
    expect(fmt(12.3456)).toBe('12.35');
    expect(formatNumber(-2.5, 1)).toBe('−2.5');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatP(0.0004)).toBe('< 0.001');
  });

  it('escapes markup characters', () => {
    expect(escapeXml(`<a & "b" 'c'>`)).toBe('&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;');
  });
});

describe('palette', () => {
  it('has eight distinct Okabe–Ito colours and a sequential ramp that darkens towards 0', () => {
    expect(new Set(CATEGORICAL).size).toBe(8);
    const luminance = (hex: string): number => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).reduce((a, b) => a + b, 0);
    expect(luminance(sequentialColour(0))).toBeLessThan(luminance(sequentialColour(0.5)));
    expect(luminance(sequentialColour(0.5))).toBeLessThan(luminance(sequentialColour(1)));
  });
});

describe('renderFigure', () => {
  const figure = (): string => renderFigure({
    title: 'T <&> test',
    panels: [{
      x: { label: 'x (min)' },
      y: { label: 'y (%)' },
      series: [
        { label: 'a', x: [0, 1, NaN, 3, 4], y: [1, 2, 3, 4, 5], colour: '#0072B2', line: {}, marker: { shape: 'square' }, yErr: [0.5, 0.5, 0.5, 0.5, 0.5] },
      ],
      bands: [{ label: 'band', x: [0, 4], low: [0, 1], high: [2, 6], colour: '#D55E00' }],
      shaded: [{ from: 1, to: 2, label: 'Infusion' }],
    }],
  });

  it('is well-formed, deterministic and escapes the title', () => {
    const svg = figure();
    assertWellFormedXml(svg);
    expect(figure()).toBe(svg);
    expect(svg).toContain('T &lt;&amp;&gt; test');
  });

  it('breaks the line at a missing point and draws one marker and error bar per finite point', () => {
    const svg = figure();
    const series = /<g class="series" data-label="a">(.*?)<\/g>/.exec(svg)![1];
    const linePath = /<path d="([^"]+)" fill="none" stroke="#0072B2" stroke-width="1.8"/.exec(series)![1];
    expect(linePath.match(/M/g)).toHaveLength(2);
    expect(series.match(/<rect /g)).toHaveLength(4);
    expect(series.match(/V/g)).toHaveLength(4);
    expect(svg).toContain('class="band" data-label="band"');
    expect(svg).toContain('class="shaded"');
  });

  it('keeps every error bar inside the y axis range', () => {
    const svg = renderFigure({ panels: [{ x: { label: 'x' }, y: { label: 'y' }, series: [{ x: [0, 1], y: [0, 10], yErr: [30, 1], colour: '#000000', marker: { shape: 'circle' } }] }] });
    const labels = [...svg.matchAll(/text-anchor="end" fill="#222222"[^>]*>([^<]+)</g)].map((m) => Number(m[1].replace('−', '-')));
    expect(Math.min(...labels)).toBeLessThanOrEqual(-30);
    expect(Math.max(...labels)).toBeGreaterThanOrEqual(30);
  });
});

describe('axis headroom', () => {
  it('pads the data range but does not cross zero for one-signed data', async () => {
    const { axisTicks } = await import('../../src/report/svg/scale.js');
    expect(axisTicks({ label: 'SNR', includeZero: true }, [35, 40], 0.04)).toMatchObject({ min: 0, max: 50 });
    expect(axisTicks({ label: '%' }, [-3, 40], 0.04).max).toBeGreaterThan(40);
    expect(axisTicks({ label: '%' }, [-3, 40], 0.04).min).toBeLessThan(-3);
  });
});
