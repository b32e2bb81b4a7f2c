import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/runCommand.js';
import type { MrsData } from '../../src/types/mrsData.js';
import { writeSimulatedStudy } from '../../src/simulate/writeSimulatedStudy.js';
import { readCsvRows as readCsv } from '../robustness/csvRows.js';
import { readManifest, simulateSmallStudy, writeManifest } from '../robustness/smallStudy.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

// One subject's two visits, simulated clean and again with a lineshape distortion shared by every transient and
// the water reference (a 20 % shoulder 7 Hz off the main line), run through `glutrace run` three ways.
const root = fileScratchDir('refdeconv');
const outputs = { clean: join(root, 'clean-out'), eddyCurrent: join(root, 'ecc-out'), deconvolved: join(root, 'deconv-out') };

function distort(data: MrsData): void {
  const { points, dwellTimeS } = data;
  for (let offset = 0; offset < data.data.length; offset += 2 * points) {
    for (let n = 0; n < points; n++) {
      const angle = 2 * Math.PI * 7 * n * dwellTimeS;
      const dr = 0.8 + 0.2 * Math.cos(angle);
      const di = 0.2 * Math.sin(angle);
      const i = offset + 2 * n;
      const [re, im] = [data.data[i], data.data[i + 1]];
      data.data[i] = re * dr - im * di;
      data.data[i + 1] = re * di + im * dr;
    }
  }
}

/** Mean over windows of |ratio to tNAA − the clean run's| for the outcome's parts. */
function meanRatioError(output: string, clean: Map<string, number>): number {
  const rows = readCsv(join(output, 'timecourses.csv')).filter((r) => ['Glu', 'Glx', 'tCr'].includes(r.metabolite));
  const errors = rows.map((r) => Math.abs(Number(r.ratio_to_ref) - clean.get(`${r.visit}/${r.window}/${r.metabolite}`)!));
  expect(errors.length).toBe(clean.size);
  return errors.reduce((s, e) => s + e, 0) / errors.length;
}

let exits: number[] = [];

beforeAll(async () => {
  const cleanDir = join(root, 'clean');
  const distortedDir = join(root, 'distorted');
  writeSimulatedStudy(simulateSmallStudy(1, 5), cleanDir);
  const study = simulateSmallStudy(1, 5);
  for (const visit of study.visits) {
    distort(visit.metabolite);
    distort(visit.water);
  }
  writeSimulatedStudy(study, distortedDir);
  const manifest = readManifest(distortedDir);
  const deconvolved = writeManifest(distortedDir, 'deconvolved.json', { ...manifest, analysis: { ...manifest.analysis, referenceDeconvolution: true } });
  exits = [
    await runCommand({ manifest: join(cleanDir, 'study.json'), output: outputs.clean, jobs: 2, json: true }),
    await runCommand({ manifest: join(distortedDir, 'study.json'), output: outputs.eddyCurrent, jobs: 2, json: true }),
    await runCommand({ manifest: deconvolved, output: outputs.deconvolved, jobs: 2, json: true }),
  ];
}, 300_000);

describe('analysis.referenceDeconvolution in a study run', () => {
  it('undoes a lineshape distortion that the eddy-current correction leaves in the ratios', () => {
    expect(exits).toEqual([0, 0, 0]);
    const clean = new Map(
      readCsv(join(outputs.clean, 'timecourses.csv'))
        .filter((r) => ['Glu', 'Glx', 'tCr'].includes(r.metabolite))
        .map((r) => [`${r.visit}/${r.window}/${r.metabolite}`, Number(r.ratio_to_ref)]),
    );
    const eddyCurrentError = meanRatioError(outputs.eddyCurrent, clean);
    const deconvolvedError = meanRatioError(outputs.deconvolved, clean);
    console.log(`mean |ratio to tNAA − clean|: eddy-current correction ${eddyCurrentError.toFixed(4)}, reference deconvolution ${deconvolvedError.toFixed(4)}`);
    expect(deconvolvedError).toBeLessThan(eddyCurrentError / 3);
  });
});
