import { describe, expect, test } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { ppmAxis } from '../../src/dsp/ppm.js';
import { basisComponents } from '../../src/fit/fitComponents.js';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import { broadMacromoleculeFid, lacksUpperMacromolecules } from '../../src/fit/macromoleculeLines.js';
import { TYPICAL_CONCENTRATIONS_MM } from '../../src/simulate/studyDesign.js';
import type { Basis } from '../../src/types/basis.js';
import { syntheticFid } from './helpers/syntheticSpectrum.js';

const GRID = { points: 2048, dwellTimeS: 1 / 2000, spectrometerFrequencyMHz: 123.2, echoTimeS: 0.03 };

describe('which bases get the built-in upper macromolecule lines', () => {
  test('none, or only parametric lines below 2.5 ppm: added; a measured spectrum or lines above: not', () => {
    expect(lacksUpperMacromolecules(['NAA', 'Cr'])).toBe(true);
    expect(lacksUpperMacromolecules(['NAA', 'MM09', 'MM12', 'MM14', 'MM17', 'MM20', 'Lip13a', 'Lip20'])).toBe(true);
    expect(lacksUpperMacromolecules(['NAA', 'Mac'])).toBe(false);
    expect(lacksUpperMacromolecules(['mm', 'NAA'])).toBe(false);
    expect(lacksUpperMacromolecules(['NAA', 'MM09', 'MM30'])).toBe(false);
  });

  test('basisComponents adds MM, MM27 and MM39 as the rule says, in the macromolecule group', () => {
    const basis = simulateBasis({ sequence: 'press', echoTimeS: 0.03, spectrometerFrequencyMHz: GRID.spectrometerFrequencyMHz, points: GRID.points, dwellTimeS: GRID.dwellTimeS });
    const lcmodelStyle = basisComponents(GRID, { model: 'lcm', basis });
    expect(lcmodelStyle.names.slice(basis.names.length)).toEqual(['MM27', 'MM39']);
    const group = lcmodelStyle.groupNames[lcmodelStyle.groupOf[lcmodelStyle.names.indexOf('MM27')]];
    expect(group).toBe('macromolecules');
    const metabolitesOnly = subset(basis, (name) => !name.startsWith('MM'));
    expect(basisComponents(GRID, { model: 'lcm', basis: metabolitesOnly }).names.slice(metabolitesOnly.names.length)).toEqual(['MM', 'MM27', 'MM39']);
    const measured = { ...metabolitesOnly, names: [...metabolitesOnly.names, 'Mac'], fids: [...metabolitesOnly.fids, basis.fids[basis.names.indexOf('MM09')]] };
    expect(basisComponents(GRID, { model: 'lcm', basis: measured }).names).toEqual(measured.names);
    expect(basisComponents(GRID, { model: 'lcm', basis, addMacromolecules: false }).names).toEqual(basis.names);
  });
});

test('a built-in line sits at its ppm with its width, and its area is its proton count', () => {
  const fid = broadMacromoleculeFid({ name: 'test', lines: [{ ppm: 2.7, fwhmPpm: 0.2, protons: 2 }] }, GRID);
  expect(fid[0]).toBeCloseTo(2, 12);
  const spectrum = fidToSpectrum(fid);
  const ppm = ppmAxis({ points: GRID.points, dwellTimeS: GRID.dwellTimeS, spectrometerFrequencyMHz: GRID.spectrometerFrequencyMHz });
  let peak = 0;
  for (let i = 1; i < GRID.points; i++) if (spectrum[2 * i] > spectrum[2 * peak]) peak = i;
  expect(Math.abs(ppm[peak] - 2.7)).toBeLessThan(0.005);
  const above = [...ppm].filter((_, i) => spectrum[2 * i] >= spectrum[2 * peak] / 2);
  expect(Math.abs(Math.max(...above) - Math.min(...above) - 0.2)).toBeLessThan(0.01);
});

describe('brain spectrum with macromolecule signal under aspartate (simulated, known answer)', () => {
  // PRESS TE 30 brain at typical concentrations (MM09–MM20 included) plus broad macromolecule humps at 2.72 and
  // 3.9 ppm, slightly off the built-in lines' centres and widths, as in vivo
  const basis = simulateBasis({ sequence: 'press', echoTimeS: 0.03, spectrometerFrequencyMHz: GRID.spectrometerFrequencyMHz, points: GRID.points, dwellTimeS: GRID.dwellTimeS });
  const hump = (ppm: number, protons: number): Float64Array =>
    broadMacromoleculeFid({ name: 'hump', lines: [{ ppm, fwhmPpm: 0.24, protons }] }, GRID);
  const truth: Basis = { ...basis, names: [...basis.names, 'hump27', 'hump39'], fids: [...basis.fids, hump(2.72, 1), hump(3.9, 1)] };
  const fid = syntheticFid(truth, {
    amplitudes: { ...TYPICAL_CONCENTRATIONS_MM, hump27: 8, hump39: 10 },
    shiftHz: 1,
    lorentzianHz: 3,
    gaussianHz: 5,
    phase0Deg: 0,
    noiseSd: 0.5,
    seed: 11,
  });
  const aspToTCr = TYPICAL_CONCENTRATIONS_MM.Asp / (TYPICAL_CONCENTRATIONS_MM.Cr + TYPICAL_CONCENTRATIONS_MM.PCr);
  const gluToTCr = TYPICAL_CONCENTRATIONS_MM.Glu / (TYPICAL_CONCENTRATIONS_MM.Cr + TYPICAL_CONCENTRATIONS_MM.PCr);

  test('with the upper lines Asp/tCr stays near the truth; without them Asp takes the humps', () => {
    const ratio = (fit: ReturnType<typeof fitSpectrum>, name: string): number => fit.amplitudes[name] / fit.amplitudes.tCr;
    const withLines = fitSpectrum(fid, GRID, { model: 'lcm', basis });
    const without = fitSpectrum(fid, GRID, { model: 'lcm', basis, addMacromolecules: false });
    console.log(`Asp/tCr truth ${aspToTCr.toFixed(3)}: with MM27/MM39 ${ratio(withLines, 'Asp').toFixed(3)}, without ${ratio(without, 'Asp').toFixed(3)}; ` +
      `Glu/tCr truth ${gluToTCr.toFixed(3)}: ${ratio(withLines, 'Glu').toFixed(3)}, ${ratio(without, 'Glu').toFixed(3)}`);
    expect(withLines.qc.converged).toBe(true);
    expect(Math.abs(ratio(withLines, 'Asp') - aspToTCr)).toBeLessThan(0.1);
    expect(ratio(without, 'Asp')).toBeGreaterThan(aspToTCr + 0.2);
    expect(Math.abs(ratio(withLines, 'Glu') / gluToTCr - 1)).toBeLessThan(0.05);
  });
});

function subset(basis: Basis, keep: (name: string) => boolean): Basis {
  const indices = basis.names.map((_, j) => j).filter((j) => keep(basis.names[j]));
  return { ...basis, names: indices.map((j) => basis.names[j]), fids: indices.map((j) => basis.fids[j]) };
}
