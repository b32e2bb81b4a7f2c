import { move } from 'piscina';
import { basisSimulator, type BasisFragment, type BasisSimulationOptions, type BasisSimulator } from '../src/basis/simulateBasis.js';
import { packSpectralLines } from '../src/pipeline/spectralLinesCodec.js';

export interface BasisFragmentsTask {
  options: BasisSimulationOptions;
  fragments: Pick<BasisFragment, 'metabolite' | 'fragmentIndex'>[];
}

// A thread serves every fragment of one basis in turn: prepare its sequence (a shaped pulse's B1 search) once.
let prepared: { key: string; simulator: BasisSimulator } | null = null;

function simulatorFor(options: BasisSimulationOptions): BasisSimulator {
  const key = JSON.stringify(options);
  if (prepared?.key !== key) prepared = { key, simulator: basisSimulator(options) };
  return prepared.simulator;
}

/** Simulates some fragments of a basis; their lines arrive as one moved Float64Array (`packSpectralLines`). */
export default function simulateBasisFragments(task: BasisFragmentsTask): ReturnType<typeof move> {
  const simulator = simulatorFor(task.options);
  return move(packSpectralLines(task.fragments.map((fragment) => simulator.simulate(fragment))));
}
