import { fillModulation } from '../../../src/fit/modulation.js';

/** A small lineshape problem: three components of two lines each inside bins [first, last] of 2048 at 4 kHz. */
export const points = 2048;
export const dwell = 2.5e-4;
export const [first, last] = [700, 950];

export const components = [
  [-450, -300],
  [-380, -210],
  [-260, -330],
].map(([a, b]) => {
  const fid = new Float64Array(2 * points);
  const line = new Float64Array(2 * points);
  for (const hz of [a, b]) {
    fillModulation(line, points, dwell, hz, 2, 0);
    for (let i = 0; i < fid.length; i++) fid[i] += line[i];
  }
  return fid;
});

/** ppm of the fitted bins at 123.2 MHz. */
export const ppm = Float64Array.from({ length: last - first + 1 }, (_, i) => 4.65 + ((first + i - points / 2) / (points * dwell)) / 123.2);
