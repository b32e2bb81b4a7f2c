import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basisSimulator, simulateBasis, type BasisSimulationOptions } from '../../src/basis/simulateBasis.js';
import { simulateBasisInWorkers, simulateBasisWithJobs } from '../../src/pipeline/simulateBasisParallel.js';
import { packSpectralLines, unpackSpectralLines } from '../../src/pipeline/spectralLinesCodec.js';
import { createWorkerPool, type WorkerPool } from '../../src/pipeline/workerPool.js';
import type { Basis } from '../../src/types/basis.js';
import { DataError } from '../../src/util/errors.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

// The pool runs the compiled worker (dist/workers): `npm run build` first.
const GRID = { spectrometerFrequencyMHz: 123.2, points: 1024, dwellTimeS: 2.5e-4 };
const PRESS: BasisSimulationOptions = { sequence: 'press', echoTimeS: 0.03, ...GRID };

const bytesOf = (fid: Float64Array) => Buffer.from(fid.buffer, fid.byteOffset, fid.byteLength);

/** Same names, order, grid, source and FIDs down to the last bit. */
function expectIdentical(actual: Basis, expected: Basis): void {
  const { fids: actualFids, ...actualRest } = actual;
  const { fids: expectedFids, ...expectedRest } = expected;
  expect(actualRest).toEqual(expectedRest);
  expect(actualFids).toHaveLength(expectedFids.length);
  expectedFids.forEach((fid, i) => expect(bytesOf(actualFids[i]).equals(bytesOf(fid)), expected.names[i]).toBe(true));
}

let pool: WorkerPool;
beforeAll(() => {
  pool = createWorkerPool({ jobs: 2 });
});
afterAll(() => pool.destroy());

describe('simulateBasisInWorkers', () => {
  it('equals simulateBasis bit for bit with ideal pulses (full PRESS basis, macromolecules included)', async () => {
    expectIdentical(await simulateBasisInWorkers(PRESS, pool), simulateBasis(PRESS));
  });

  it('equals simulateBasis bit for bit with shaped PRESS pulses, keeping a caller order the scheduler does not follow', async () => {
    // Glc (two 7-spin anomers) runs first in the pool although it is listed after cheaper fragments
    const options: BasisSimulationOptions = {
      ...PRESS,
      metabolites: ['Cr', 'MM09', 'GPC', 'Glc', 'Glu', 'NAA'],
      shapedPulses: { positionsPerDimension: 2 },
    };
    const parallel = await simulateBasisInWorkers(options, pool);
    expect(parallel.names).toEqual(options.metabolites);
    expect(parallel.source).toMatch(/2 positions per slice/);
    expectIdentical(parallel, simulateBasis(options));
  });

  it('equals simulateBasis bit for bit with shaped sLASER pulses and a custom refocusing carrier', async () => {
    const options: BasisSimulationOptions = {
      ...PRESS,
      sequence: 'slaser',
      metabolites: ['Lac', 'GABA', 'PCh'],
      shapedPulses: { positionsPerDimension: 1, carrierPpm: 2.5 },
    };
    expectIdentical(await simulateBasisInWorkers(options, pool), simulateBasis(options));
  });

  it('rejects bad options on the calling thread with the same DataError as simulateBasis', async () => {
    const bad = { ...PRESS, metabolites: ['Glu', 'Unobtainium'] };
    expect(() => simulateBasis(bad)).toThrow(DataError);
    await expect(simulateBasisInWorkers(bad, pool)).rejects.toThrow(/unknown metabolite\(s\) Unobtainium/);
  });
});

describe('simulateBasisWithJobs', () => {
  it('gives the serial basis with 1 job (no pool), with more jobs than fragments, and with ideal pulses (no pool)', async () => {
    const options: BasisSimulationOptions = { ...PRESS, metabolites: ['NAA', 'Lac'], shapedPulses: { positionsPerDimension: 1 } };
    const serial = simulateBasis(options);
    expectIdentical(await simulateBasisWithJobs(options, 1), serial);
    expectIdentical(await simulateBasisWithJobs(options, 8), serial);
    expectIdentical(await simulateBasisWithJobs(PRESS, 2), simulateBasis(PRESS));
  });
});

describe('basis fragments', () => {
  it('lists every fragment in simulateBasis order, with glucose as the costliest', () => {
    const { fragments } = basisSimulator({ ...PRESS, metabolites: ['NAA', 'Glc', 'MM09', 'PCh'] });
    expect(fragments.map((f) => `${f.metabolite}/${f.fragmentIndex}`)).toEqual(['NAA/0', 'NAA/1', 'Glc/0', 'Glc/1', 'PCh/0', 'PCh/1']);
    const costliest = Math.max(...fragments.map((f) => f.relativeCost));
    expect(fragments.filter((f) => f.relativeCost === costliest).map((f) => f.metabolite)).toEqual(['Glc', 'Glc']);
  });

  it('round-trips lines through one packed buffer, an empty fragment included', () => {
    const parts = [
      { frequencyHz: Float64Array.of(-12.5, 3), amplitudeRe: Float64Array.of(1, -0), amplitudeIm: Float64Array.of(0.25, Number.MIN_VALUE) },
      { frequencyHz: new Float64Array(0), amplitudeRe: new Float64Array(0), amplitudeIm: new Float64Array(0) },
      { frequencyHz: Float64Array.of(7), amplitudeRe: Float64Array.of(2), amplitudeIm: Float64Array.of(-3) },
    ];
    const packed = packSpectralLines(parts);
    expect(packed).toHaveLength(3 + 3 * 3);
    const back = unpackSpectralLines(packed);
    expect(back).toHaveLength(3);
    back.forEach((lines, i) => {
      for (const key of ['frequencyHz', 'amplitudeRe', 'amplitudeIm'] as const) expect(bytesOf(lines[key]).equals(bytesOf(parts[i][key]))).toBe(true);
    });
  });
});

describe('glutrace basis --jobs', () => {
  const root = fileScratchDir('basis-jobs');
  const run = (jobs: number, extra: string[]) => {
    const output = join(root, `${extra.join('')}-j${jobs}`);
    const args = ['basis', '--sequence', 'press', '--te', '30', '--frequency', '123.2', '--points', '512', '--jobs', String(jobs), '-o', output, '--json', ...extra];
    execFileSync('node', ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });
    return output;
  };
  const filesOf = (dir: string) => readdirSync(dir).sort().map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));

  it.each([[[]], [['--pulses', 'shaped', '--positions', '2']]])('writes the same files with 1 and 2 jobs (%j)', (extra) => {
    const one = filesOf(run(1, extra));
    const two = filesOf(run(2, extra));
    expect(two.map((f) => f.name)).toEqual(one.map((f) => f.name));
    expect(one.length).toBe(25);
    one.forEach((file, i) => expect(two[i].bytes.equals(file.bytes), file.name).toBe(true));
  });
});
