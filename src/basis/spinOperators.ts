/**
 * Spin operators of an n-spin-½ fragment in the product basis (bit k set = spin k is β), as real matrices.
 * All pulses here rotate about ±y, whose rotation matrices are real, so every operator stays real.
 */

/** Total Fz (diagonal). */
export function totalFz(spins: number): Float64Array {
  const size = 1 << spins;
  const out = new Float64Array(size * size);
  for (let s = 0; s < size; s++) {
    let m = 0;
    for (let k = 0; k < spins; k++) m += (s >> k) & 1 ? -0.5 : 0.5;
    out[s * size + s] = m;
  }
  return out;
}

/** Raising operator F+ = Σ_k I+_k: ⟨a|F+|b⟩ = 1 when a equals b with one β spin turned α. */
export function totalRaising(spins: number): Float64Array {
  const size = 1 << spins;
  const out = new Float64Array(size * size);
  for (let b = 0; b < size; b++) {
    for (let k = 0; k < spins; k++) if ((b >> k) & 1) out[(b & ~(1 << k)) * size + b] = 1;
  }
  return out;
}

/**
 * Hard pulse of flip angle θ about +y on every spin: ⊗_k exp(−iθ Iy_k).
 * One spin: [[cos θ/2, −sin θ/2], [sin θ/2, cos θ/2]] in (α, β); it turns Iz into Ix for θ = π/2.
 */
export function pulseAboutY(spins: number, flipAngleRad: number): Float64Array {
  const size = 1 << spins;
  const c = Math.cos(flipAngleRad / 2);
  const s = Math.sin(flipAngleRad / 2);
  // single-spin element r[row][col] with 0 = α, 1 = β
  const single = [
    [c, -s],
    [s, c],
  ];
  const out = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      let value = 1;
      for (let k = 0; k < spins && value !== 0; k++) value *= single[(a >> k) & 1][(b >> k) & 1];
      out[a * size + b] = value;
    }
  }
  return out;
}
