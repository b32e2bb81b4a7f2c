/**
 * Propagator of one spin ½ under a constant field, H = ωz·Iz + ωx·Ix + ωy·Iy (rad/s), for `durationS`:
 * exp(−iθ n·I) = cos(θ/2)·1 − i·sin(θ/2)·(n·σ), θ = |ω|·t, in the (α, β) basis (α: m = +½).
 * Written into `out` at `at` as 8 numbers: u00 (re, im), u01, u10, u11.
 */
export function spinHalfRotation(omegaZ: number, omegaX: number, omegaY: number, durationS: number, out: Float64Array, at = 0): void {
  const norm = Math.hypot(omegaZ, omegaX, omegaY);
  const halfAngle = 0.5 * norm * durationS;
  const c = Math.cos(halfAngle);
  const s = norm === 0 ? 0 : Math.sin(halfAngle) / norm;
  out[at] = c;
  out[at + 1] = -s * omegaZ;
  out[at + 2] = -s * omegaY;
  out[at + 3] = -s * omegaX;
  out[at + 4] = s * omegaY;
  out[at + 5] = -s * omegaX;
  out[at + 6] = c;
  out[at + 7] = s * omegaZ;
}
