import { applyRealPulse, concatenateLines, evolveFreely, observableLines, type DensityMatrix, type SpectralLines } from './densityMatrixSteps.js';
import { heteronuclearSectors } from './heteronuclearSectors.js';
import { fragmentEigenbasis } from './spinHamiltonian.js';
import type { SpinFragment } from './spinSystems/brainMetabolites.js';
import type { SequenceStep } from './pulseSequences.js';
import { toBasis, transpose } from './realMatrix.js';
import { pulseAboutY, totalFz, totalRaising } from './spinOperators.js';

export type { SpectralLines } from './densityMatrixSteps.js';

/**
 * Exact density-matrix simulation of one fragment through an ideal-pulse sequence.
 * The density matrix is kept in the Hamiltonian's eigenbasis, where free precession is an elementwise phase
 * factor; pulses are real rotations applied by similarity (P = Vᵀ R V). The FID is not sampled here:
 * each observable transition a→b gives one line, with frequency (E_b − E_a)/2π and complex amplitude
 * ρ_ab·(F+)_ba, so the caller can synthesise any time grid. Signal convention: detecting F+ under
 * H = +ω Iz gives exp(+iωt), the NIfTI-MRS sense (ppm rises with frequency).
 * Amplitudes are normalised so that each proton contributes 1 at t = 0 for pulse-acquire.
 */
export function simulateFragment(
  fragment: SpinFragment,
  steps: readonly SequenceStep[],
  spectrometerFrequencyMHz: number,
  centrePpm: number,
): SpectralLines {
  const sectors = heteronuclearSectors(fragment);
  const parts = sectors.map(({ offsetsHz, weight }) =>
    simulateProtonSector(fragment, steps, spectrometerFrequencyMHz, centrePpm, offsetsHz, weight),
  );
  return concatenateLines(parts);
}

function simulateProtonSector(
  fragment: SpinFragment,
  steps: readonly SequenceStep[],
  spectrometerFrequencyMHz: number,
  centrePpm: number,
  offsetsHz: readonly number[],
  weight: number,
): SpectralLines {
  const basis = fragmentEigenbasis(fragment, spectrometerFrequencyMHz, centrePpm, offsetsHz);
  const { spins, size: n, energies, vectors, twiceM } = basis;

  let rho: DensityMatrix = { re: toBasis(totalFz(spins), vectors, n), im: new Float64Array(n * n) };
  const pulses = new Map<number, { p: Float64Array; pT: Float64Array }>();

  for (const step of steps) {
    if (step.kind === 'delay') {
      evolveFreely(rho, energies, n, step.durationS);
      continue;
    }
    let pulse = pulses.get(step.flipAngleRad);
    if (!pulse) {
      const p = toBasis(pulseAboutY(spins, step.flipAngleRad), vectors, n);
      pulse = { p, pT: transpose(p, n) };
      pulses.set(step.flipAngleRad, pulse);
    }
    rho = applyRealPulse(rho, pulse, twiceM, step.keepCoherenceOrder);
  }

  // detection: ρ_ab (F+)_ba is non-zero only for coherence order M_a − M_b = −1
  const raising = toBasis(totalRaising(spins), vectors, n);
  return observableLines(rho, basis, raising, (fragment.scale ?? 1) * weight);
}
