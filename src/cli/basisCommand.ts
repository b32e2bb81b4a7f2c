import type { SequenceName } from '../basis/pulseSequences.js';
import { writeBasisFiles } from '../basis/writeBasisFiles.js';
import { simulateBasisWithJobs } from '../pipeline/simulateBasisParallel.js';
import { GlutraceError } from '../util/errors.js';

export interface BasisCommandOptions {
  sequence: SequenceName;
  teMs: number;
  te1Ms?: number;
  tmMs?: number;
  fieldT?: number;
  frequencyMHz?: number;
  points: number;
  bandwidthHz: number;
  output: string;
  json: boolean;
  /** 'shaped': slice-selective shaped refocusing pulses with spatial averaging (PRESS, sLASER); default 'ideal'. */
  pulses?: 'ideal' | 'shaped';
  /** Slice positions per dimension for shaped pulses. */
  positions?: number;
  /** Transmitter frequency for shaped pulses, ppm. */
  carrierPpm?: number;
  /** Worker threads; 1 simulates on the main thread. */
  jobs: number;
}

/** 1H gyromagnetic ratio / 2π, MHz per tesla. */
const PROTON_MHZ_PER_T = 42.577478;

/** `glutrace basis`: simulate a basis set for a sequence and write it as NIfTI-MRS files and an LCModel .BASIS. */
export async function basisCommand(options: BasisCommandOptions): Promise<void> {
  const frequencyMHz = options.frequencyMHz ?? (options.fieldT !== undefined ? options.fieldT * PROTON_MHZ_PER_T : undefined);
  if (frequencyMHz === undefined) throw new GlutraceError('basis: give --field (T) or --frequency (MHz)');
  const started = performance.now();
  const basis = await simulateBasisWithJobs({
    sequence: options.sequence,
    echoTimeS: options.teMs / 1000,
    te1S: options.te1Ms === undefined ? undefined : options.te1Ms / 1000,
    mixingTimeS: options.tmMs === undefined ? undefined : options.tmMs / 1000,
    spectrometerFrequencyMHz: frequencyMHz,
    points: options.points,
    dwellTimeS: 1 / options.bandwidthHz,
    shapedPulses: options.pulses === 'shaped' ? { positionsPerDimension: options.positions, carrierPpm: options.carrierPpm } : undefined,
  }, options.jobs);
  const written = writeBasisFiles(basis, options.output);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ output: options.output, metabolites: basis.names, files: written.length, seconds, ...(options.pulses === 'shaped' ? { source: basis.source } : {}) })}\n`
      : `Simulated ${basis.names.length} basis spectra (${options.sequence.toUpperCase()} TE ${options.teMs} ms, ${frequencyMHz.toFixed(3)} MHz${options.pulses === 'shaped' ? ', shaped refocusing pulses' : ''}) in ${seconds.toFixed(2)} s; wrote ${written.length} files to ${options.output}\n`,
  );
}
