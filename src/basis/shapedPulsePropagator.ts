import { applyBlocksLeft, applySpinRotationsLeft, complexIdentity, realSimilarity, transposeTimes, type ComplexBlock, type ComplexMatrix } from './complexMatrix.js';
import type { ShapedPulse } from './shapedPulse.js';
import { fragmentEigenbasis, type FragmentEigenbasis } from './spinHamiltonian.js';
import { spinHalfRotation } from './spinHalfRotation.js';
import type { SpinFragment } from './spinSystems/brainMetabolites.js';

/** One proton sector of a fragment, as the pulse propagation sees it. */
export interface PulsedSpinSystem {
  spins: number;
  /** Zeeman frequency ω_k of each spin in the receiver frame, rad/s (heteronuclear J·m offsets included). */
  shiftsRadS: Float64Array;
  /** Eigenstructure of the J-coupling part alone, H_J = Σ 2πJ I_k·I_l (null without couplings). */
  coupling: FragmentEigenbasis | null;
  /** Eigenbasis of the full H0, where the density matrix lives. */
  eigenbasis: FragmentEigenbasis;
}

export function pulsedSpinSystem(
  fragment: SpinFragment,
  spectrometerFrequencyMHz: number,
  centrePpm: number,
  offsetsHz: readonly number[],
  eigenbasis: FragmentEigenbasis,
): PulsedSpinSystem {
  const shiftsRadS = Float64Array.from(fragment.shiftsPpm, (ppm, k) => 2 * Math.PI * ((ppm - centrePpm) * spectrometerFrequencyMHz + offsetsHz[k]));
  const couplingOnly: SpinFragment = { shiftsPpm: fragment.shiftsPpm.map(() => centrePpm), couplingsHz: fragment.couplingsHz };
  const coupling = fragment.couplingsHz.length > 0 ? fragmentEigenbasis(couplingOnly, spectrometerFrequencyMHz, centrePpm) : null;
  return { spins: fragment.shiftsPpm.length, shiftsRadS, coupling, eigenbasis };
}

/**
 * Propagator of a shaped pulse (in the eigenbasis of H0) for spins at slice-select gradient offset `gradientOffsetHz`,
 * RF carrier at `carrierHz` from the receiver frequency, phase referenced to the pulse centre.
 *
 * Per sample the Hamiltonian in the carrier frame is H = H_J + Σ_k [(ω_k + 2π(G·x − ν_c))·Iz_k] + 2π·B1·(cos φ Fx + sin φ Fy).
 * H_J is rotation-invariant, so it commutes with every collective term (offset, gradient, RF); the remainder is
 * a sum of single-spin terms whose exponential is a product of exact 2×2 rotations. The symmetric split
 * exp(−iH_J dt/2)·Π_k r_k·exp(−iH_J dt/2) therefore errs only through [H_J, Σ ω_k Iz_k] (J × shift differences within
 * the fragment; the gradient and carrier offsets drop out): O(dt³·J·Δω·(J + Δω + B1)) per sample.
 * The pulse's overall phase φ0 and the return to the receiver frame are diagonal similarities applied at the end:
 * U = Z·Rz(φ0)·U′·Rz(−φ0)·Z with Z = exp(−i·2πν_c·(T/2)·Fz), Rz(φ) = exp(−iφFz).
 */
export function shapedPulsePropagator(
  system: PulsedSpinSystem,
  pulse: ShapedPulse,
  phaseRad: number,
  gradientOffsetHz: number,
  carrierHz: number,
): ComplexMatrix {
  const { spins, eigenbasis } = system;
  const n = 1 << spins;
  const w = carrierFramePropagator(system, pulse, gradientOffsetHz - carrierHz);
  const carrierAngle = 2 * Math.PI * carrierHz * (pulse.durationS / 2);
  const leftRe = new Float64Array(n);
  const leftIm = new Float64Array(n);
  const rightRe = new Float64Array(n);
  const rightIm = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let m = 0;
    for (let s = 0; s < spins; s++) m += (a >> s) & 1 ? -0.5 : 0.5;
    leftRe[a] = Math.cos((carrierAngle + phaseRad) * m);
    leftIm[a] = -Math.sin((carrierAngle + phaseRad) * m);
    rightRe[a] = Math.cos((carrierAngle - phaseRad) * m);
    rightIm[a] = -Math.sin((carrierAngle - phaseRad) * m);
  }
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const i = a * n + b;
      const pr = leftRe[a] * rightRe[b] - leftIm[a] * rightIm[b];
      const pi = leftRe[a] * rightIm[b] + leftIm[a] * rightRe[b];
      const r = w.re[i];
      w.re[i] = r * pr - w.im[i] * pi;
      w.im[i] = r * pi + w.im[i] * pr;
    }
  }
  return realSimilarity(w, eigenbasis.vectors, n);
}

/**
 * U′ in the product basis and carrier frame, waveform phase only. For a real (phases 0/π), time-symmetric waveform
 * every factor is complex-symmetric and the second half mirrors the first, so U′ = Bᵀ·E·B with B the first half:
 * half the samples at the price of one matrix product.
 */
function carrierFramePropagator(system: PulsedSpinSystem, pulse: ShapedPulse, offsetHz: number): ComplexMatrix {
  const { spins, shiftsRadS, coupling } = system;
  const n = 1 << spins;
  const samples = pulse.amplitude.length;
  const dt = pulse.durationS / samples;
  const full = coupling ? couplingPropagatorBlocks(coupling, dt) : null;
  const half = coupling ? couplingPropagatorBlocks(coupling, dt / 2) : null;
  const largestBlock = full ? Math.max(...full.map((b) => b.indices.length)) : 0;
  const scratch = { re: new Float64Array(largestBlock * n), im: new Float64Array(largestBlock * n) };
  const mirrored = isRealAndTimeSymmetric(pulse);
  const computedSamples = mirrored ? samples / 2 : samples;

  const w = complexIdentity(n);
  if (half) applyBlocksLeft(w, half, n, scratch);
  const rotations = new Float64Array(8 * spins);
  const offsetRadS = 2 * Math.PI * offsetHz;
  for (let k = 0; k < computedSamples; k++) {
    const b1 = 2 * Math.PI * pulse.b1MaxHz * pulse.amplitude[k];
    const bx = b1 * Math.cos(pulse.phaseRad[k]);
    const by = b1 * Math.sin(pulse.phaseRad[k]);
    for (let s = 0; s < spins; s++) spinHalfRotation(shiftsRadS[s] + offsetRadS, bx, by, dt, rotations, 8 * s);
    applySpinRotationsLeft(w, rotations, spins);
    if (k === computedSamples - 1 && mirrored) break;
    const coupled = k < samples - 1 ? full : half;
    if (coupled) applyBlocksLeft(w, coupled, n, scratch);
  }
  if (!mirrored) return w;
  const middle = { re: Float64Array.from(w.re), im: Float64Array.from(w.im) };
  if (full) applyBlocksLeft(middle, full, n, scratch);
  return transposeTimes(w, middle, n);
}

function isRealAndTimeSymmetric(pulse: ShapedPulse): boolean {
  const samples = pulse.amplitude.length;
  if (samples % 2 !== 0) return false;
  for (let k = 0; k < samples; k++) {
    const mirror = samples - 1 - k;
    if (Math.abs(Math.sin(pulse.phaseRad[k])) > 1e-12) return false;
    if (Math.abs(pulse.amplitude[k] - pulse.amplitude[mirror]) > 1e-12) return false;
    if (Math.abs(Math.cos(pulse.phaseRad[k]) - Math.cos(pulse.phaseRad[mirror])) > 1e-12) return false;
  }
  return true;
}

/** exp(−i·H_J·t) as one complex block per total M, from H_J's eigenstructure (eigen slots reuse the block's state numbers). */
function couplingPropagatorBlocks(coupling: FragmentEigenbasis, durationS: number): ComplexBlock[] {
  const { size: n, energies, vectors, twiceM } = coupling;
  const byM = new Map<number, number[]>();
  for (let s = 0; s < n; s++) byM.set(twiceM[s], [...(byM.get(twiceM[s]) ?? []), s]);
  return [...byM.values()].map((states) => {
    const m = states.length;
    const re = new Float64Array(m * m);
    const im = new Float64Array(m * m);
    for (const slot of states) {
      const c = Math.cos(energies[slot] * durationS);
      const s = -Math.sin(energies[slot] * durationS);
      for (let i = 0; i < m; i++) {
        const vi = vectors[states[i] * n + slot];
        if (vi === 0) continue;
        for (let j = 0; j < m; j++) {
          const product = vi * vectors[states[j] * n + slot];
          re[i * m + j] += product * c;
          im[i * m + j] += product * s;
        }
      }
    }
    return { indices: Int32Array.from(states), re, im };
  });
}
