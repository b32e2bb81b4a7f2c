import { heteronuclearSectors } from './heteronuclearSectors.js';
import { fragmentEigenbasis } from './spinHamiltonian.js';
import type { SpinFragment } from './spinSystems/brainMetabolites.js';
import type { SequenceStep } from './pulseSequences.js';
import { conjugateBy, toBasis, transpose } from './realMatrix.js';
import { pulseAboutY, totalFz, totalRaising } from './spinOperators.js';

/** The acquired signal of a fragment as a sum of lines: Σ amplitude·exp(+i·2π·frequencyHz·t). */
export interface SpectralLines {
  frequencyHz: Float64Array;
  amplitudeRe: Float64Array;
  amplitudeIm: Float64Array;
}

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

function concatenateLines(parts: SpectralLines[]): SpectralLines {
  const join = (pick: (p: SpectralLines) => Float64Array) => {
    const out = new Float64Array(parts.reduce((n, p) => n + pick(p).length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(pick(p), offset);
      offset += pick(p).length;
    }
    return out;
  };
  return { frequencyHz: join((p) => p.frequencyHz), amplitudeRe: join((p) => p.amplitudeRe), amplitudeIm: join((p) => p.amplitudeIm) };
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

  let re: Float64Array = toBasis(totalFz(spins), vectors, n);
  let im: Float64Array = new Float64Array(n * n);
  const pulses = new Map<number, { p: Float64Array; pT: Float64Array }>();

  for (const step of steps) {
    if (step.kind === 'delay') {
      if (step.durationS === 0) continue;
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          const phase = -(energies[a] - energies[b]) * step.durationS;
          const c = Math.cos(phase);
          const s = Math.sin(phase);
          const i = a * n + b;
          const r = re[i];
          re[i] = r * c - im[i] * s;
          im[i] = r * s + im[i] * c;
        }
      }
      continue;
    }
    let pulse = pulses.get(step.flipAngleRad);
    if (!pulse) {
      const p = toBasis(pulseAboutY(spins, step.flipAngleRad), vectors, n);
      pulse = { p, pT: transpose(p, n) };
      pulses.set(step.flipAngleRad, pulse);
    }
    re = conjugateBy(pulse.p, re, pulse.pT, n);
    im = conjugateBy(pulse.p, im, pulse.pT, n);
    if (step.keepCoherenceOrder !== undefined) {
      const twiceOrder = 2 * step.keepCoherenceOrder;
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          if (twiceM[a] - twiceM[b] !== twiceOrder) {
            re[a * n + b] = 0;
            im[a * n + b] = 0;
          }
        }
      }
    }
  }

  // detection: ρ_ab (F+)_ba is non-zero only for coherence order M_a − M_b = −1
  const raising = toBasis(totalRaising(spins), vectors, n);
  const normalisation = 1 / 2 ** (spins - 2); // Tr(Ix²) of one spin in the 2^n space
  const frequencies: number[] = [];
  const ampRe: number[] = [];
  const ampIm: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (twiceM[a] - twiceM[b] !== -2) continue;
      const f = raising[b * n + a] * normalisation;
      if (f === 0) continue;
      const ar = re[a * n + b] * f;
      const ai = im[a * n + b] * f;
      if (ar === 0 && ai === 0) continue;
      frequencies.push((energies[b] - energies[a]) / (2 * Math.PI));
      ampRe.push(ar);
      ampIm.push(ai);
    }
  }
  const scale = (fragment.scale ?? 1) * weight;
  return {
    frequencyHz: Float64Array.from(frequencies),
    amplitudeRe: Float64Array.from(ampRe, (x) => x * scale),
    amplitudeIm: Float64Array.from(ampIm, (x) => x * scale),
  };
}
