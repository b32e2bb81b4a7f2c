import type { ComplexMatrix } from './complexMatrix.js';
import { refocusWithCrushers } from './crusherSelection.js';
import { applyRealPulse, concatenateLines, evolveFreely, observableLines, type DensityMatrix, type SpectralLines } from './densityMatrixSteps.js';
import { heteronuclearSectors } from './heteronuclearSectors.js';
import { toBasis, transpose } from './realMatrix.js';
import type { ShapedPulse } from './shapedPulse.js';
import { pulsedSpinSystem, shapedPulsePropagator, type PulsedSpinSystem } from './shapedPulsePropagator.js';
import type { ShapedRefocusingStep, ShapedSequenceStep } from './shapedSequence.js';
import { slicePositions, type SliceSampling } from './slicePositions.js';
import { fragmentEigenbasis } from './spinHamiltonian.js';
import { pulseAboutY, totalFz, totalRaising } from './spinOperators.js';
import type { SpinFragment } from './spinSystems/brainMetabolites.js';

export interface ShapedPulseSimulation extends SliceSampling {
  /** RF carrier (transmitter) frequency, ppm: where the slices of all chemical shifts line up. */
  carrierPpm: number;
}

/**
 * Density-matrix simulation of one fragment through a sequence with shaped, slice-selective refocusing pulses,
 * averaged over the slice positions of each dimension. The density matrix is linear in the initial state, so the
 * positions of one dimension are averaged before the next dimension's pulse fans out again: the cost is
 * Σ_dimensions positions, not their product. Pulses of one dimension that follow each other (sLASER's adiabatic
 * pair) act on the same position. Crushers around each shaped pulse keep the pathway p → −p.
 */
export function simulateFragmentShaped(
  fragment: SpinFragment,
  steps: readonly ShapedSequenceStep[],
  spectrometerFrequencyMHz: number,
  centrePpm: number,
  simulation: ShapedPulseSimulation,
): SpectralLines {
  const parts = heteronuclearSectors(fragment).map(({ offsetsHz, weight }) => {
    const basis = fragmentEigenbasis(fragment, spectrometerFrequencyMHz, centrePpm, offsetsHz);
    const system = pulsedSpinSystem(fragment, spectrometerFrequencyMHz, centrePpm, offsetsHz, basis);
    const carrierHz = (simulation.carrierPpm - centrePpm) * spectrometerFrequencyMHz;
    const rho = simulateSector(system, steps, carrierHz, simulation);
    const raising = toBasis(totalRaising(system.spins), basis.vectors, basis.size);
    return observableLines(rho, basis, raising, (fragment.scale ?? 1) * weight);
  });
  return concatenateLines(parts);
}

function simulateSector(
  system: PulsedSpinSystem,
  steps: readonly ShapedSequenceStep[],
  carrierHz: number,
  sampling: SliceSampling,
): DensityMatrix {
  const { spins, eigenbasis } = system;
  const { size: n, energies, vectors, twiceM } = eigenbasis;
  const propagators = propagatorCache(system, carrierHz, sampling);

  // one density matrix per position of the dimension last selected (a single one before any shaped pulse)
  let states: DensityMatrix[] = [{ re: toBasis(totalFz(spins), vectors, n), im: new Float64Array(n * n) }];
  let weights: Float64Array = Float64Array.of(1);
  let dimension: number | undefined;
  for (const step of steps) {
    if (step.kind === 'delay') {
      for (const rho of states) evolveFreely(rho, energies, n, step.durationS);
    } else if (step.kind === 'pulse') {
      const p = toBasis(pulseAboutY(spins, step.flipAngleRad), vectors, n);
      const pulse = { p, pT: transpose(p, n) };
      states = states.map((rho) => applyRealPulse(rho, pulse, twiceM, step.keepCoherenceOrder));
    } else {
      const { matrices, positions } = propagators(step);
      if (step.sliceDimension !== dimension) {
        const averaged = weightedSum(states, weights, n);
        states = matrices.map((u) => refocusWithCrushers(u, averaged, twiceM));
        weights = positions.weights;
        dimension = step.sliceDimension;
      } else {
        states = states.map((rho, j) => refocusWithCrushers(matrices[j], rho, twiceM));
      }
    }
  }
  return weightedSum(states, weights, n);
}

/** Per pulse and phase, the propagators at every slice position of that pulse, computed once per sector. */
function propagatorCache(system: PulsedSpinSystem, carrierHz: number, sampling: SliceSampling) {
  const cache = new Map<ShapedPulse, Map<number, ComplexMatrix[]>>();
  return (step: ShapedRefocusingStep) => {
    const positions = slicePositions(step.pulse.bandwidthHz, sampling);
    const byPhase = cache.get(step.pulse) ?? new Map<number, ComplexMatrix[]>();
    cache.set(step.pulse, byPhase);
    let matrices = byPhase.get(step.phaseRad);
    if (!matrices) {
      matrices = Array.from(positions.offsetsHz, (offsetHz) => shapedPulsePropagator(system, step.pulse, step.phaseRad, offsetHz, carrierHz));
      byPhase.set(step.phaseRad, matrices);
    }
    return { matrices, positions };
  };
}

function weightedSum(states: readonly DensityMatrix[], weights: Float64Array, n: number): DensityMatrix {
  if (states.length === 1 && weights[0] === 1) return states[0];
  const out = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  states.forEach((rho, j) => {
    for (let i = 0; i < n * n; i++) {
      out.re[i] += weights[j] * rho.re[i];
      out.im[i] += weights[j] * rho.im[i];
    }
  });
  return out;
}
