import type { SpectralLines } from '../basis/simulateFragment.js';
import { basisSimulator, type BasisSimulationOptions, type BasisSimulator } from '../basis/simulateBasis.js';
import type { Basis } from '../types/basis.js';
import type { BasisFragmentsTask } from '../../workers/simulateBasisFragments.js';
import { unpackSpectralLines } from './spectralLinesCodec.js';
import { assertWorkerScriptsLoad, createWorkerPool, workerScript, type WorkerPool } from './workerPool.js';

/**
 * `simulateBasis(options)` with its spin fragments simulated in the pool's threads, one task per fragment, the
 * costliest handed out first (the two 7-spin glucose anomers are most of the work, so they start at once on
 * different threads and the small fragments fill in around them). The main thread checks the options, then
 * assembles the lines in the serial order: the result equals `simulateBasis(options)` bit for bit.
 */
export async function simulateBasisInWorkers(options: BasisSimulationOptions, pool: WorkerPool): Promise<Basis> {
  return simulateFragmentsInPool(basisSimulator(options), options, pool);
}

/**
 * The basis with up to `jobs` threads, through a pool of its own (at most one thread per fragment) destroyed
 * afterwards. On the calling thread for 1 job, and with ideal pulses: a whole ideal-pulse basis takes < 0.5 s,
 * less than starting the threads and warming up their JIT costs.
 */
export async function simulateBasisWithJobs(options: BasisSimulationOptions, jobs: number): Promise<Basis> {
  const simulator = basisSimulator(options);
  const threads = options.shapedPulses ? Math.min(jobs, simulator.fragments.length) : 1;
  if (threads <= 1) return simulator.assemble(simulator.fragments.map((fragment) => simulator.simulate(fragment)));
  await assertWorkerScriptsLoad([workerScript('simulateBasisFragments')]);
  const pool = createWorkerPool({ jobs: threads });
  try {
    return await simulateFragmentsInPool(simulator, options, pool);
  } finally {
    await pool.destroy();
  }
}

async function simulateFragmentsInPool(simulator: BasisSimulator, options: BasisSimulationOptions, pool: WorkerPool): Promise<Basis> {
  const { fragments } = simulator;
  const costliestFirst = fragments.map((_, i) => i).sort((a, b) => fragments[b].relativeCost - fragments[a].relativeCost || a - b);
  const script = workerScript('simulateBasisFragments');
  const lines: SpectralLines[] = new Array(fragments.length);
  await Promise.all(
    costliestFirst.map(async (i) => {
      const { metabolite, fragmentIndex } = fragments[i];
      const task: BasisFragmentsTask = { options, fragments: [{ metabolite, fragmentIndex }] };
      const packed = await pool.run<Float64Array>(script, () => ({ task, transferList: [] }));
      [lines[i]] = unpackSpectralLines(packed);
    }),
  );
  return simulator.assemble(lines);
}
