import { apodizeExponentialInPlace } from '../dsp/fidOps.js';
import { PPM_CENTRE_1H } from '../dsp/ppm.js';
import type { Basis } from '../types/basis.js';
import { DataError } from '../util/errors.js';
import { heteronuclearSectors } from './heteronuclearSectors.js';
import { idealSequence, type SequenceName } from './pulseSequences.js';
import type { ShapedPulse } from './shapedPulse.js';
import { defaultRefocusingPulse, shapedSequence } from './shapedSequence.js';
import { simulateFragment, type SpectralLines } from './simulateFragment.js';
import { simulateFragmentShaped } from './simulateFragmentShaped.js';
import {
  MACROMOLECULE_COMPONENTS,
  METABOLITE_SPIN_SYSTEMS,
  type MacromoleculeComponent,
  type SpinFragment,
} from './spinSystems/brainMetabolites.js';
import { addGaussianLineToFid, addLinesToFid, type FidGrid } from './synthesiseFid.js';

export interface BasisSimulationOptions {
  sequence: SequenceName;
  echoTimeS: number;
  /** PRESS first echo time; default TE/2 (symmetric). The ISMRM 2016 challenge used TE1 11 ms at TE 30 ms. */
  te1S?: number;
  /** STEAM mixing time; default 0. */
  mixingTimeS?: number;
  spectrometerFrequencyMHz: number;
  points: number;
  dwellTimeS: number;
  /** Names from `BASIS_METABOLITE_NAMES`; default all of them, macromolecules included. */
  metabolites?: string[];
  /** Lorentzian FWHM applied to the metabolite FIDs, Hz; default 1. Macromolecule lines keep their own widths. */
  lineBroadeningHz?: number;
  /** Shaped, slice-selective refocusing pulses with spatial averaging (PRESS, sLASER); default: ideal pulses. */
  shapedPulses?: ShapedPulseOptions;
}

export interface ShapedPulseOptions {
  /** Default: `defaultRefocusingPulse(sequence)` (PRESS 5.2 ms Hann-sinc, 1.2 kHz; sLASER 4.5 ms HS1, 5 kHz). */
  refocusing?: ShapedPulse;
  /** Transmitter frequency, ppm; default 3.0. */
  carrierPpm?: number;
  /** Slice positions per dimension; default 30; 1 = slice centre only. */
  positionsPerDimension?: number;
  /** Simulated extent of each slice dimension, multiples of the pulse bandwidth; default 3 (covers the sinc side lobes and the displacement of 1–4.4 ppm). */
  extentFactor?: number;
}

/** Every name `simulateBasis` knows, metabolites then macromolecule components (LCModel-style spelling). */
export const BASIS_METABOLITE_NAMES: readonly string[] = [
  ...METABOLITE_SPIN_SYSTEMS.map((m) => m.name),
  ...MACROMOLECULE_COMPONENTS.map((m) => m.name),
];

const DEFAULT_LINE_BROADENING_HZ = 1;
const DEFAULT_SHAPED = { carrierPpm: 3.0, positionsPerDimension: 30, extentFactor: 3 };

/**
 * Simulate a basis set: for each metabolite, the FID of 1 mM (each proton contributes 1 at t = 0 before
 * relaxation) after the given ideal-pulse sequence, on the data's time grid, receiver at 4.65 ppm,
 * NIfTI-MRS sense, zero-order phase such that singlets are absorptive. Pure and deterministic.
 */
export function simulateBasis(options: BasisSimulationOptions): Basis {
  const simulator = basisSimulator(options);
  return simulator.assemble(simulator.fragments.map((fragment) => simulator.simulate(fragment)));
}

/** One spin fragment of a basis: its metabolite and its index in that metabolite's fragment list. */
export interface BasisFragment {
  metabolite: string;
  fragmentIndex: number;
  /** Relative simulation cost (heteronuclear sectors × (2^spins)³, the dense matrix products): to schedule the slowest first. */
  relativeCost: number;
}

/**
 * `simulateBasis` in three steps, so the fragments (the expensive part, independent of each other) can be simulated
 * anywhere, e.g. in worker threads: `assemble(fragments.map(simulate))` equals `simulateBasis(options)` bit for bit.
 */
export interface BasisSimulator {
  /** Every coupled fragment of the requested metabolites, in the order `assemble` expects their lines. */
  fragments: BasisFragment[];
  /** The fragment's lines through the sequence, before the sequence's signal scale. */
  simulate(fragment: Pick<BasisFragment, 'metabolite' | 'fragmentIndex'>): SpectralLines;
  /** The basis from the lines of `fragments`, in that order; scales the amplitudes in place. */
  assemble(lines: readonly SpectralLines[]): Basis;
}

/** Checks the options (DataError on a bad grid or an unknown name) and prepares the sequence. */
export function basisSimulator(options: BasisSimulationOptions): BasisSimulator {
  const { points, dwellTimeS, spectrometerFrequencyMHz } = options;
  if (!Number.isInteger(points) || points < 1) throw new DataError(`basis simulation: points must be a positive integer, got ${points}`);
  if (!(dwellTimeS > 0)) throw new DataError(`basis simulation: dwell time must be positive, got ${dwellTimeS} s`);
  if (!(spectrometerFrequencyMHz > 0)) {
    throw new DataError(`basis simulation: spectrometer frequency must be positive, got ${spectrometerFrequencyMHz} MHz`);
  }
  const lineBroadeningHz = options.lineBroadeningHz ?? DEFAULT_LINE_BROADENING_HZ;
  if (!(lineBroadeningHz >= 0)) throw new DataError(`basis simulation: line broadening must be ≥ 0, got ${lineBroadeningHz} Hz`);
  const names = options.metabolites ?? [...BASIS_METABOLITE_NAMES];
  const unknown = names.filter((name) => !BASIS_METABOLITE_NAMES.includes(name));
  if (unknown.length > 0) {
    throw new DataError(`basis simulation: unknown metabolite(s) ${unknown.join(', ')}; known: ${BASIS_METABOLITE_NAMES.join(', ')}`);
  }

  const { sequence, simulateLines, pulsesDescription } = fragmentSimulator(options);
  const spinSystemOf = (name: string) => METABOLITE_SPIN_SYSTEMS.find((m) => m.name === name);
  const fragments = names.flatMap((name) =>
    (spinSystemOf(name)?.fragments ?? []).map((fragment, fragmentIndex) => ({
      metabolite: name,
      fragmentIndex,
      relativeCost: heteronuclearSectors(fragment).length * 8 ** fragment.shiftsPpm.length,
    })),
  );
  const simulate = ({ metabolite, fragmentIndex }: Pick<BasisFragment, 'metabolite' | 'fragmentIndex'>): SpectralLines => {
    const fragment = spinSystemOf(metabolite)?.fragments[fragmentIndex];
    if (!fragment) throw new DataError(`basis simulation: ${metabolite} has no fragment ${fragmentIndex}`);
    return simulateLines(fragment);
  };

  const assemble = (lines: readonly SpectralLines[]): Basis => {
    if (lines.length !== fragments.length) throw new DataError(`basis simulation: ${lines.length} fragment results for ${fragments.length} fragments`);
    const grid: FidGrid = { points, dwellTimeS };
    let next = 0;
    const fids = names.map((name) => {
      const spinSystem = spinSystemOf(name);
      if (spinSystem) {
        const fid = metaboliteFid(lines.slice(next, (next += spinSystem.fragments.length)), sequence.signalScale, grid);
        apodizeExponentialInPlace(fid, dwellTimeS, lineBroadeningHz);
        return fid;
      }
      return macromoleculeFid(MACROMOLECULE_COMPONENTS.find((m) => m.name === name)!, spectrometerFrequencyMHz, grid);
    });
    return {
      names: [...names],
      fids,
      points,
      dwellTimeS,
      spectrometerFrequencyMHz,
      echoTimeS: options.sequence === 'pulse-acquire' ? 0 : options.echoTimeS,
      source: `simulated: ${sequence.description}, ${pulsesDescription}, ${spectrometerFrequencyMHz} MHz, ${lineBroadeningHz} Hz Lorentzian`,
    };
  };
  return { fragments, simulate, assemble };
}

/** The sequence and how one fragment is simulated through it: ideal pulses, or shaped ones with spatial averaging. */
function fragmentSimulator(options: BasisSimulationOptions) {
  const f0 = options.spectrometerFrequencyMHz;
  if (!options.shapedPulses) {
    const sequence = idealSequence(options);
    const simulateLines = (fragment: SpinFragment) => simulateFragment(fragment, sequence.steps, f0, PPM_CENTRE_1H);
    return { sequence, simulateLines, pulsesDescription: 'ideal pulses' };
  }
  const simulation = { ...DEFAULT_SHAPED, ...withoutUndefined(options.shapedPulses) };
  if (!Number.isFinite(simulation.carrierPpm)) throw new DataError(`basis simulation: carrier must be a finite ppm value, got ${simulation.carrierPpm}`);
  const sequence = shapedSequence(options, options.shapedPulses.refocusing ?? defaultRefocusingPulse(options.sequence));
  const simulateLines = (fragment: SpinFragment) => simulateFragmentShaped(fragment, sequence.steps, f0, PPM_CENTRE_1H, simulation);
  const pulsesDescription =
    `ideal excitation, ${simulation.positionsPerDimension} positions per slice over ${simulation.extentFactor}× its bandwidth, carrier ${simulation.carrierPpm} ppm`;
  return { sequence, simulateLines, pulsesDescription };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The sum of a metabolite's fragments, in fragment order. */
function metaboliteFid(fragmentLines: readonly SpectralLines[], signalScale: number, grid: FidGrid): Float64Array {
  const fid = new Float64Array(2 * grid.points);
  for (const lines of fragmentLines) {
    for (let i = 0; i < lines.amplitudeRe.length; i++) {
      lines.amplitudeRe[i] *= signalScale;
      lines.amplitudeIm[i] *= signalScale;
    }
    addLinesToFid(lines, grid, fid);
  }
  return fid;
}

/** Macromolecules as Gaussian lines, unaffected by TE (no J evolution and no T2 in the basis). */
function macromoleculeFid(component: MacromoleculeComponent, spectrometerFrequencyMHz: number, grid: FidGrid): Float64Array {
  const fid = new Float64Array(2 * grid.points);
  for (const line of component.lines) {
    const frequencyHz = (line.ppm - PPM_CENTRE_1H) * spectrometerFrequencyMHz;
    addGaussianLineToFid(line, frequencyHz, line.fwhmPpm * spectrometerFrequencyMHz, grid, fid);
  }
  return fid;
}
