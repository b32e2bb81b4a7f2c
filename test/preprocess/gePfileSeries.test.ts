/**
 * The real GE 1.5T PROBE-P series (20 P-files over 76 min). The files are a phantom/localisation
 * series: the voxel content and shim change between files (three groups of similar spectra) and the
 * scanner re-centred its frequency before each file, so the ~17 Hz change of the header's centre
 * frequency is not left in the data. Hence two tests: (1) the recorded 17 Hz drift imposed on the real
 * frames of one file, then removed; (2) the files of the largest group of alike spectra aligned to
 * each other, where phase and frequency differ from file to file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { ppmRangeToIndices, type SpectralGrid } from '../../src/dsp/ppm.js';
import { readGePfile } from '../../src/io/gePfile.js';
import { removeResidualWater } from '../../src/preprocess/hlsvd.js';
import { measureLinewidthHz, measureSnr } from '../../src/preprocess/qc.js';
import { alignTransients, applyFrequencyPhase, averageTransients } from '../../src/preprocess/spectralRegistration.js';
import { splitTransients } from '../../src/preprocess/transients.js';
import type { MrsData } from '../../src/types/mrsData.js';
import { SeededRandom } from '../../src/util/rng.js';

const DIR = '../shared/mrs-data/ge-pfile/tarquin_1.5T_probe-p_TE30_series/';
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.7')).sort() : [];
/** The dominant singlet of these spectra sits near 3.1 ppm (or 1.8 ppm in some files): search 1.5–4.2 ppm. */
const SINGLET_PPM: [number, number] = [1.5, 4.2];

describe.skipIf(files.length !== 20)('GE 1.5T P-file series', () => {
  const series: MrsData[] = files.map((f) => readGePfile(readFileSync(DIR + f), f));
  const grid: SpectralGrid = series[0];
  const withoutWater = (fid: Float64Array) => removeResidualWater(fid, grid, { ppmRange: [4.2, 5.2] }).fid;
  const linewidth = (fid: Float64Array) => measureLinewidthHz(fid, grid, { ppmRange: SINGLET_PPM }).fwhmHz;

  it('removes the recorded 17 Hz centre-frequency drift imposed on real frames', () => {
    // the file whose frame average has the highest singlet SNR
    const averages = series.map((m) => withoutWater(averageTransients(m.data, m.points)));
    const snrs = averages.map((fid) => measureSnr(fid, grid, { signalPpm: SINGLET_PPM }).snr);
    const best = snrs.indexOf(Math.max(...snrs));
    const frames = splitTransients(series[best].data, grid.points).map(withoutWater);
    // drift trajectory from the headers' centre frequencies (first file = 0), sampled at each frame
    const centreHz = series.map((m) => (m.spectrometerFrequencyMHz - series[0].spectrometerFrequencyMHz) * 1e6);
    const rng = new SeededRandom(31);
    const drifted = frames.map((fid, i) => {
      const position = (i / (frames.length - 1)) * (centreHz.length - 1);
      const lower = Math.floor(position);
      const upper = Math.min(centreHz.length - 1, lower + 1);
      const shiftHz = centreHz[lower] + (position - lower) * (centreHz[upper] - centreHz[lower]);
      return applyFrequencyPhase(fid, grid, shiftHz, rng.uniform() * 60 - 30);
    });
    const started = performance.now();
    const aligned = alignTransients(drifted, grid);
    const msPerFrame = (performance.now() - started) / frames.length;
    const alignedWidth = linewidth(averageTransients(aligned.aligned, grid.points));
    const driftedWidth = linewidth(averageTransients(drifted, grid.points));
    const bestFrameWidth = Math.min(...frames.map(linewidth));
    const driftRange = Math.max(...centreHz) - Math.min(...centreHz);
    console.log(
      `GE ${files[best]}: imposed drift ${driftRange.toFixed(1)} Hz; singlet FWHM best frame ${bestFrameWidth.toFixed(2)} Hz, ` +
        `aligned average ${alignedWidth.toFixed(2)} Hz, unaligned average ${driftedWidth.toFixed(2)} Hz; ${msPerFrame.toFixed(2)} ms/frame`,
    );
    expect(driftRange).toBeGreaterThan(15);
    expect(alignedWidth).toBeLessThan(1.1 * bestFrameWidth);
    expect(driftedWidth).toBeGreaterThan(1.5 * alignedWidth);
  });

  it('aligns the largest group of alike files to each other, raising the averaged singlet', () => {
    const fileAverages = series.map((m) => withoutWater(averageTransients(alignTransients(m.data, grid).aligned, grid.points)));
    const profiles = fileAverages.map(normalisedMagnitude);
    const alike = (i: number, j: number) => profiles[i].reduce((s, v, k) => s + v * profiles[j][k], 0) > 0.85;
    const groupSizes = profiles.map((_, i) => profiles.filter((__, j) => alike(i, j)).length);
    const centre = groupSizes.indexOf(Math.max(...groupSizes));
    const group = fileAverages.filter((_, j) => alike(centre, j));
    const aligned = alignTransients(group, grid);
    const height = (fid: Float64Array) => measureSnr(fid, grid, { signalPpm: SINGLET_PPM }).peakHeight;
    const alignedHeight = height(averageTransients(aligned.aligned, grid.points));
    const plainHeight = height(averageTransients(group, grid.points));
    const meanHeight = group.reduce((s, fid) => s + height(fid), 0) / group.length;
    console.log(
      `GE group of ${group.length} alike files around ${files[centre]}: corrections ` +
        `${Array.from(aligned.frequencyHz, (f) => f.toFixed(2)).join(' ')} Hz / ` +
        `${Array.from(aligned.phaseDeg, (p) => p.toFixed(0)).join(' ')}°; singlet height aligned ${(alignedHeight / meanHeight).toFixed(3)}, ` +
        `unaligned ${(plainHeight / meanHeight).toFixed(3)} of the files' mean`,
    );
    expect(group.length).toBeGreaterThanOrEqual(5);
    expect(alignedHeight).toBeGreaterThan(0.9 * meanHeight);
    expect(alignedHeight).toBeGreaterThan(1.2 * plainHeight);
  });

  function normalisedMagnitude(fid: Float64Array): number[] {
    const spectrum = fidToSpectrum(fid);
    const [first, last] = ppmRangeToIndices(0.5, 4.2, grid);
    const values: number[] = [];
    for (let k = first; k <= last; k++) values.push(Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const centred = values.map((v) => v - mean);
    const norm = Math.sqrt(centred.reduce((a, v) => a + v * v, 0));
    return centred.map((v) => v / norm);
  }
});
