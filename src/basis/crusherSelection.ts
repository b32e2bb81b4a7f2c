import type { ComplexMatrix } from './complexMatrix.js';
import type { DensityMatrix } from './densityMatrixSteps.js';

/**
 * ρ′ = Σ_p Π_{−p}(U·Π_p(ρ)·U†): the pathways a pair of equal crusher gradients around a refocusing pulse keeps
 * (coherence order p before, −p after; everything else dephases across the voxel). Π_p keeps the elements with
 * M_a − M_b = p, exact in the eigenbasis because every eigenstate has a definite M. Cost 2n³ complex products.
 */
export function refocusWithCrushers(u: ComplexMatrix, rho: DensityMatrix, twiceM: Int32Array): DensityMatrix {
  const n = twiceM.length;
  const statesByTwiceM = new Map<number, number[]>();
  for (let s = 0; s < n; s++) statesByTwiceM.set(twiceM[s], [...(statesByTwiceM.get(twiceM[s]) ?? []), s]);
  const out = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  const tRe = new Float64Array(n * n);
  const tIm = new Float64Array(n * n);
  const maxOrder = Math.max(...twiceM) - Math.min(...twiceM);
  for (let twiceP = -maxOrder; twiceP <= maxOrder; twiceP += 2) {
    if (!hasOrder(rho, twiceM, twiceP)) continue;
    // T = U·Π_p(ρ): column d of Π_p(ρ) is non-zero only in the states with 2M = 2M_d + 2p
    tRe.fill(0);
    tIm.fill(0);
    for (let d = 0; d < n; d++) {
      const sources = statesByTwiceM.get(twiceM[d] + twiceP);
      if (!sources) continue;
      for (const c of sources) {
        const rr = rho.re[c * n + d];
        const ri = rho.im[c * n + d];
        if (rr === 0 && ri === 0) continue;
        for (let a = 0; a < n; a++) {
          const ur = u.re[a * n + c];
          const ui = u.im[a * n + c];
          tRe[a * n + d] += ur * rr - ui * ri;
          tIm[a * n + d] += ur * ri + ui * rr;
        }
      }
    }
    // ρ′_ab = Σ_d T_ad·conj(U_bd) for the elements of order −p
    for (let a = 0; a < n; a++) {
      const targets = statesByTwiceM.get(twiceM[a] + twiceP);
      if (!targets) continue;
      const rowT = a * n;
      for (const b of targets) {
        const rowU = b * n;
        let re = 0;
        let im = 0;
        for (let d = 0; d < n; d++) {
          const tr = tRe[rowT + d];
          const ti = tIm[rowT + d];
          const ur = u.re[rowU + d];
          const ui = u.im[rowU + d];
          re += tr * ur + ti * ui;
          im += ti * ur - tr * ui;
        }
        out.re[a * n + b] = re;
        out.im[a * n + b] = im;
      }
    }
  }
  return out;
}

function hasOrder(rho: DensityMatrix, twiceM: Int32Array, twiceP: number): boolean {
  const n = twiceM.length;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (twiceM[a] - twiceM[b] === twiceP && (rho.re[a * n + b] !== 0 || rho.im[a * n + b] !== 0)) return true;
    }
  }
  return false;
}
