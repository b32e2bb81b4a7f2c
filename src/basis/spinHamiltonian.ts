import type { SpinFragment } from './spinSystems/brainMetabolites.js';
import { symmetricEigen } from '../linalg/symmetricEigen.js';

/**
 * Eigenstructure of one fragment's high-field Hamiltonian (rad/s, rotating frame at `centrePpm`):
 *   H = Σ_k ω_k Iz_k + Σ_{k<l} 2π J_kl (I_k · I_l)   (full strong coupling).
 * Product states are numbered by bits, bit k set = spin k is β (m = −½). H commutes with Fz, so it is
 * diagonalised block by block of total magnetic quantum number M; eigenvectors therefore carry a definite M.
 */
export interface FragmentEigenbasis {
  spins: number;
  /** 2^spins. */
  size: number;
  /** Eigen-energies, rad/s, one per eigenstate. */
  energies: Float64Array;
  /** Real orthogonal matrix, row-major: column k is eigenstate k in the product basis. */
  vectors: Float64Array;
  /** 2·M of each eigenstate (an integer), used for coherence orders. */
  twiceM: Int32Array;
}

export function popcount(x: number): number {
  let count = 0;
  for (let v = x; v; v &= v - 1) count++;
  return count;
}

/** `offsetsHz` adds a fixed frequency to each spin (how a heteronuclear spin state appears to the protons). */
export function fragmentEigenbasis(
  fragment: SpinFragment,
  spectrometerFrequencyMHz: number,
  centrePpm: number,
  offsetsHz?: readonly number[],
): FragmentEigenbasis {
  const spins = fragment.shiftsPpm.length;
  const size = 1 << spins;
  const omega = fragment.shiftsPpm.map(
    (ppm, k) => 2 * Math.PI * ((ppm - centrePpm) * spectrometerFrequencyMHz + (offsetsHz?.[k] ?? 0)),
  );
  const couplings = fragment.couplingsHz.map(([k, l, jHz]) => ({ k, l, w: 2 * Math.PI * jHz }));
  const m = (state: number, k: number) => ((state >> k) & 1 ? -0.5 : 0.5);

  const energies = new Float64Array(size);
  const vectors = new Float64Array(size * size);
  const twiceM = new Int32Array(size);
  for (let betaCount = 0; betaCount <= spins; betaCount++) {
    const block: number[] = [];
    for (let s = 0; s < size; s++) if (popcount(s) === betaCount) block.push(s);
    const n = block.length;
    const indexInBlock = new Map(block.map((s, i) => [s, i]));
    const h = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const s = block[i];
      let diagonal = 0;
      for (let k = 0; k < spins; k++) diagonal += omega[k] * m(s, k);
      for (const { k, l, w } of couplings) {
        diagonal += w * m(s, k) * m(s, l);
        // flip-flop term ½·2πJ (I+_k I-_l + I-_k I+_l) connects states differing by swapping spins k and l
        if (((s >> k) & 1) !== ((s >> l) & 1)) {
          const j = indexInBlock.get(s ^ ((1 << k) | (1 << l)))!;
          h[i * n + j] += 0.5 * w;
        }
      }
      h[i * n + i] = diagonal;
    }
    const eig = symmetricEigen(h, n);
    for (let col = 0; col < n; col++) {
      const eigenIndex = block[col]; // reuse the product-state numbering for the eigenstate slots
      energies[eigenIndex] = eig.values[col];
      twiceM[eigenIndex] = spins - 2 * betaCount;
      for (let row = 0; row < n; row++) vectors[block[row] * size + eigenIndex] = eig.vectors[row * n + col];
    }
  }
  return { spins, size, energies, vectors, twiceM };
}
