import type { FragmentEigenbasis } from './spinHamiltonian.js';
import { conjugateBy } from './realMatrix.js';

/** A density matrix in the Hamiltonian's eigenbasis: real and imaginary parts, n×n row-major. */
export interface DensityMatrix {
  re: Float64Array;
  im: Float64Array;
}

/** The acquired signal of a fragment as a sum of lines: Σ amplitude·exp(+i·2π·frequencyHz·t). */
export interface SpectralLines {
  frequencyHz: Float64Array;
  amplitudeRe: Float64Array;
  amplitudeIm: Float64Array;
}

/** Free precession in the eigenbasis, in place: ρ_ab ← ρ_ab·exp(−i(E_a − E_b)t). */
export function evolveFreely(rho: DensityMatrix, energies: Float64Array, n: number, durationS: number): void {
  if (durationS === 0) return;
  const { re, im } = rho;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const phase = -(energies[a] - energies[b]) * durationS;
      const c = Math.cos(phase);
      const s = Math.sin(phase);
      const i = a * n + b;
      const r = re[i];
      re[i] = r * c - im[i] * s;
      im[i] = r * s + im[i] * c;
    }
  }
}

/** ρ ← P·ρ·Pᵀ for a real pulse matrix P (eigenbasis), then optionally keep one coherence order (ideal crushers). */
export function applyRealPulse(
  rho: DensityMatrix,
  pulse: { p: Float64Array; pT: Float64Array },
  twiceM: Int32Array,
  keepCoherenceOrder: number | undefined,
): DensityMatrix {
  const n = twiceM.length;
  const re = conjugateBy(pulse.p, rho.re, pulse.pT, n);
  const im = conjugateBy(pulse.p, rho.im, pulse.pT, n);
  if (keepCoherenceOrder !== undefined) {
    const twiceOrder = 2 * keepCoherenceOrder;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (twiceM[a] - twiceM[b] !== twiceOrder) {
          re[a * n + b] = 0;
          im[a * n + b] = 0;
        }
      }
    }
  }
  return { re, im };
}

/**
 * Observable lines of ρ: each transition a→b with M_a − M_b = −1 gives frequency (E_b − E_a)/2π and amplitude
 * ρ_ab·(F+)_ba, normalised so each proton contributes 1 for pulse-acquire, times `scale`.
 * `raising` is F+ in the eigenbasis.
 */
export function observableLines(rho: DensityMatrix, basis: FragmentEigenbasis, raising: Float64Array, scale: number): SpectralLines {
  const { spins, size: n, energies, twiceM } = basis;
  const normalisation = 1 / 2 ** (spins - 2); // Tr(Ix²) of one spin in the 2^n space
  const frequencies: number[] = [];
  const ampRe: number[] = [];
  const ampIm: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (twiceM[a] - twiceM[b] !== -2) continue;
      const f = raising[b * n + a] * normalisation;
      if (f === 0) continue;
      const ar = rho.re[a * n + b] * f;
      const ai = rho.im[a * n + b] * f;
      if (ar === 0 && ai === 0) continue;
      frequencies.push((energies[b] - energies[a]) / (2 * Math.PI));
      ampRe.push(ar);
      ampIm.push(ai);
    }
  }
  return {
    frequencyHz: Float64Array.from(frequencies),
    amplitudeRe: Float64Array.from(ampRe, (x) => x * scale),
    amplitudeIm: Float64Array.from(ampIm, (x) => x * scale),
  };
}

export function concatenateLines(parts: SpectralLines[]): SpectralLines {
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
