/**
 * Coil combination: one complex weight per coil, applied identically to every transient so that
 * the combination never changes over the session. Weights come from a reference FID per coil (the water
 * reference when there is one, else the metabolite average) and each coil's noise SD:
 * - 'snr2': amplitude/σ² with each coil's first-point phase removed (Hall et al. 2014's S/N² weighting);
 * - 'wsvd': the leading singular vector of the noise-whitened coils × time matrix (Rodgers & Robson 2010),
 *   whitened with the full coil noise covariance (diagonal scaling only if that is not positive definite).
 */
import type { MrsData, ProcessingStep } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';
import { complexCholesky, invertLowerTriangular } from './linalg/complexCholesky.js';
import { leadingHermitianEigenvector } from '../linalg/symmetricEigen.js';

export type CoilCombinationMethod = 'wsvd' | 'snr2';

export interface CoilCombinationOptions {
  /** Default: 'snr2' when a water reference is given, else 'wsvd'. */
  method?: CoilCombinationMethod;
  /** Water reference with the same coil dim; its average per coil sets the weights. */
  water?: MrsData;
  /** Fraction of each FID, at its end, taken as noise (default 0.2). */
  noiseTailFraction?: number;
}

export interface CoilCombinationResult {
  data: MrsData;
  /** Complex weight per coil (interleaved), normalised to Σ|w| = 1. */
  weights: Float64Array;
  step: ProcessingStep;
}

export function combineCoils(mrs: MrsData, options: CoilCombinationOptions = {}): CoilCombinationResult {
  const coilDim = mrs.dims.findIndex((d) => d.tag === 'DIM_COIL');
  if (coilDim < 0) throw new DataError(`${mrs.provenance.sourceName}: no DIM_COIL dimension to combine`);
  const coils = mrs.dims[coilDim].size;
  const method = options.method ?? (options.water ? 'snr2' : 'wsvd');
  const tail = options.noiseTailFraction ?? 0.2;

  const coilFids = perCoilFids(mrs, coilDim);
  const referenceSource = options.water ?? mrs;
  const referenceCoilDim = referenceSource.dims.findIndex((d) => d.tag === 'DIM_COIL');
  if (referenceCoilDim < 0 || referenceSource.dims[referenceCoilDim].size !== coils) {
    throw new DataError(`${referenceSource.provenance.sourceName}: water reference must have the same ${coils} coils`);
  }
  const references = perCoilFids(referenceSource, referenceCoilDim).map(averageOf);
  const weights =
    method === 'snr2'
      ? snrSquaredWeights(references, coilNoiseSd(coilFids, mrs.points, tail))
      : wsvdWeights(references, coilNoiseCovariance(coilFids, mrs.points, tail));
  const data = applyCoilWeightsToMrs(mrs, coilDim, weights);
  const source = options.water ? 'water reference' : 'metabolite average';
  const step: ProcessingStep = {
    method: 'RF coil combination',
    details:
      `${method === 'snr2' ? 'S/N² weighting with first-point phase alignment' : 'WSVD (noise-whitened leading singular vector)'}` +
      ` from the ${source}; ${coils} coils, noise from the last ${Math.round(tail * 100)}% of each FID`,
    program: 'glutrace',
  };
  data.provenance = { ...mrs.provenance, processingApplied: [...mrs.provenance.processingApplied, step] };
  return { data, weights, step };
}

function hasCoilDim(mrs: MrsData): boolean {
  return mrs.dims.some((d) => d.tag === 'DIM_COIL');
}

/**
 * Metabolite data and its water reference, each coil-combined. When both carry the coils, both get the same
 * complex weights (S/N² from the water, as `combineCoils` chooses them), so the metabolite-to-water ratio,
 * and with it water-scaled mM, does not depend on the weights or their normalisation. Otherwise each one
 * with coils is combined on its own (WSVD) and the other is returned as it is.
 */
export function combineCoilsWithWater(mrs: MrsData, water?: MrsData): { data: MrsData; water?: MrsData } {
  const waterHasCoils = water !== undefined && hasCoilDim(water);
  if (!hasCoilDim(mrs)) return { data: mrs, water: waterHasCoils ? combineCoils(water).data : water };
  if (!waterHasCoils) return { data: combineCoils(mrs).data, water };
  const combined = combineCoils(mrs, { water });
  const step: ProcessingStep = { ...combined.step, details: `${combined.step.details}; the same weights as the metabolite data` };
  const combinedWater = applyCoilWeightsToMrs(water, water.dims.findIndex((d) => d.tag === 'DIM_COIL'), combined.weights);
  combinedWater.provenance = { ...water.provenance, processingApplied: [...water.provenance.processingApplied, step] };
  return { data: combined.data, water: combinedWater };
}

/** Noise SD per coil (per real component) from the FID tails of all its transients. */
export function coilNoiseSd(coilFids: readonly Float64Array[][], points: number, tailFraction: number): Float64Array {
  const covariance = coilNoiseCovariance(coilFids, points, tailFraction);
  const coils = coilFids.length;
  return Float64Array.from({ length: coils }, (_, c) => Math.sqrt(Math.max(covariance[2 * (c * coils + c)] / 2, Number.MIN_VALUE)));
}

/**
 * Complex noise covariance between coils, Ψ_ij = mean((n_i − μ_i)·conj(n_j − μ_j)), C×C interleaved,
 * from the last `tailFraction` of every FID (where the signal has decayed).
 */
export function coilNoiseCovariance(coilFids: readonly Float64Array[][], points: number, tailFraction: number): Float64Array {
  const coils = coilFids.length;
  const start = Math.min(points - 8, Math.floor(points * (1 - tailFraction)));
  const means = new Float64Array(2 * coils);
  let samples = 0;
  coilFids.forEach((fids, c) => {
    samples = 0;
    for (const fid of fids) {
      for (let n = start; n < points; n++) {
        means[2 * c] += fid[2 * n];
        means[2 * c + 1] += fid[2 * n + 1];
        samples++;
      }
    }
    means[2 * c] /= samples;
    means[2 * c + 1] /= samples;
  });
  const covariance = new Float64Array(2 * coils * coils);
  for (let i = 0; i < coils; i++) {
    for (let j = i; j < coils; j++) {
      let re = 0;
      let im = 0;
      coilFids[i].forEach((fi, t) => {
        const fj = coilFids[j][t];
        for (let n = start; n < points; n++) {
          const ar = fi[2 * n] - means[2 * i];
          const ai = fi[2 * n + 1] - means[2 * i + 1];
          const br = fj[2 * n] - means[2 * j];
          const bi = fj[2 * n + 1] - means[2 * j + 1];
          re += ar * br + ai * bi;
          im += ai * br - ar * bi;
        }
      });
      covariance[2 * (i * coils + j)] = re / samples;
      covariance[2 * (i * coils + j) + 1] = im / samples;
      covariance[2 * (j * coils + i)] = re / samples;
      covariance[2 * (j * coils + i) + 1] = -im / samples;
    }
  }
  return covariance;
}

/** w_c = |s_c(0)|/σ_c² · exp(−i·arg s_c(0)): matched filter with each coil's first point brought to phase 0. */
export function snrSquaredWeights(references: readonly Float64Array[], noiseSd: Float64Array): Float64Array {
  const weights = new Float64Array(2 * references.length);
  references.forEach((ref, c) => {
    const variance = noiseSd[c] ** 2;
    weights[2 * c] = ref[0] / variance;
    weights[2 * c + 1] = -ref[1] / variance;
  });
  return normalised(weights);
}

/**
 * WSVD: whiten the coils with W = L⁻¹ (Ψ = L·Lᴴ), take the leading left singular vector u of the
 * whitened coils × time matrix (leading eigenvector of its Gram matrix), combine with uᴴ·W, and rotate
 * so the combined first point is real and positive.
 */
export function wsvdWeights(references: readonly Float64Array[], noiseCovariance: Float64Array): Float64Array {
  const coils = references.length;
  const whitening = whiteningMatrix(noiseCovariance, coils);
  const whitened = references.map((_, i) => {
    const out = new Float64Array(references[0].length);
    for (let j = 0; j <= i; j++) {
      const wr = whitening[2 * (i * coils + j)];
      const wi = whitening[2 * (i * coils + j) + 1];
      if (wr === 0 && wi === 0) continue;
      const ref = references[j];
      for (let n = 0; n < out.length; n += 2) {
        out[n] += wr * ref[n] - wi * ref[n + 1];
        out[n + 1] += wr * ref[n + 1] + wi * ref[n];
      }
    }
    return out;
  });
  const points = whitened[0].length / 2;
  const gram = new Float64Array(2 * coils * coils);
  for (let i = 0; i < coils; i++) {
    for (let j = i; j < coils; j++) {
      let re = 0;
      let im = 0;
      const a = whitened[i];
      const b = whitened[j];
      for (let n = 0; n < points; n++) {
        // a·conj(b)
        re += a[2 * n] * b[2 * n] + a[2 * n + 1] * b[2 * n + 1];
        im += a[2 * n + 1] * b[2 * n] - a[2 * n] * b[2 * n + 1];
      }
      gram[2 * (i * coils + j)] = re;
      gram[2 * (i * coils + j) + 1] = im;
      gram[2 * (j * coils + i)] = re;
      gram[2 * (j * coils + i) + 1] = -im;
    }
  }
  const { vector } = leadingHermitianEigenvector(gram, coils);
  // w_j = Σ_i conj(u_i)·W_ij
  const weights = new Float64Array(2 * coils);
  for (let i = 0; i < coils; i++) {
    const ur = vector[2 * i];
    const ui = -vector[2 * i + 1];
    for (let j = 0; j <= i; j++) {
      const wr = whitening[2 * (i * coils + j)];
      const wi = whitening[2 * (i * coils + j) + 1];
      weights[2 * j] += ur * wr - ui * wi;
      weights[2 * j + 1] += ur * wi + ui * wr;
    }
  }
  // the singular vector's phase is arbitrary: fix it by the combined first point
  let re = 0;
  let im = 0;
  references.forEach((ref, c) => {
    re += weights[2 * c] * ref[0] - weights[2 * c + 1] * ref[1];
    im += weights[2 * c] * ref[1] + weights[2 * c + 1] * ref[0];
  });
  const norm = Math.hypot(re, im) || 1;
  const cr = re / norm;
  const ci = -im / norm;
  for (let c = 0; c < coils; c++) {
    const wr = weights[2 * c];
    const wi = weights[2 * c + 1];
    weights[2 * c] = wr * cr - wi * ci;
    weights[2 * c + 1] = wr * ci + wi * cr;
  }
  return normalised(weights);
}

/** Σ_c w_c·fid_c for one set of coil FIDs. */
export function applyCoilWeights(coilFids: readonly Float64Array[], weights: Float64Array): Float64Array {
  const out = new Float64Array(coilFids[0].length);
  coilFids.forEach((fid, c) => {
    const wr = weights[2 * c];
    const wi = weights[2 * c + 1];
    for (let n = 0; n < fid.length; n += 2) {
      out[n] += wr * fid[n] - wi * fid[n + 1];
      out[n + 1] += wr * fid[n + 1] + wi * fid[n];
    }
  });
  return out;
}

/** L⁻¹ from the Cholesky factor of Ψ; a diagonal 1/sqrt(Ψ_ii) when Ψ is not positive definite. */
function whiteningMatrix(covariance: Float64Array, coils: number): Float64Array {
  const factor = complexCholesky(covariance, coils);
  if (factor) return invertLowerTriangular(factor, coils);
  const diagonal = new Float64Array(2 * coils * coils);
  for (let c = 0; c < coils; c++) diagonal[2 * (c * coils + c)] = 1 / Math.sqrt(Math.max(covariance[2 * (c * coils + c)], Number.MIN_VALUE));
  return diagonal;
}

function normalised(weights: Float64Array): Float64Array {
  let total = 0;
  for (let c = 0; c < weights.length; c += 2) total += Math.hypot(weights[c], weights[c + 1]);
  if (!(total > 0)) throw new DataError('coil weights are all zero (no signal in the reference)');
  return weights.map((w) => w / total);
}

/** For each coil, its FIDs across all other dims (views). */
export function perCoilFids(mrs: MrsData, coilDim: number): Float64Array[][] {
  const layout = dimLayout(mrs, coilDim);
  const length = 2 * mrs.points;
  return Array.from({ length: layout.coils }, (_, c) =>
    layout.otherOffsets.map((base) => {
      const index = base + c * layout.coilStride;
      return mrs.data.subarray(index * length, (index + 1) * length);
    }),
  );
}

function averageOf(fids: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(fids[0].length);
  for (const fid of fids) for (let i = 0; i < out.length; i++) out[i] += fid[i];
  return out.map((v) => v / fids.length);
}

function applyCoilWeightsToMrs(mrs: MrsData, coilDim: number, weights: Float64Array): MrsData {
  const layout = dimLayout(mrs, coilDim);
  const length = 2 * mrs.points;
  const data = new Float64Array(layout.otherOffsets.length * length);
  layout.otherOffsets.forEach((base, o) => {
    const coilFids = Array.from({ length: layout.coils }, (_, c) => {
      const index = base + c * layout.coilStride;
      return mrs.data.subarray(index * length, (index + 1) * length);
    });
    data.set(applyCoilWeights(coilFids, weights), o * length);
  });
  return { ...mrs, data, dims: mrs.dims.filter((_, d) => d !== coilDim) };
}

/** FID-index offsets of every combination of the non-coil dims (in storage order), and the coil stride. */
function dimLayout(mrs: MrsData, coilDim: number): { coils: number; coilStride: number; otherOffsets: number[] } {
  const strides: number[] = [];
  let stride = 1;
  for (const d of mrs.dims) {
    strides.push(stride);
    stride *= d.size;
  }
  let offsets = [0];
  mrs.dims.forEach((d, k) => {
    if (k === coilDim) return;
    const next: number[] = [];
    // later dims vary slower: expand so the earliest non-coil dim varies fastest
    for (let i = 0; i < d.size; i++) for (const o of offsets) next.push(o + i * strides[k]);
    offsets = next;
  });
  return { coils: mrs.dims[coilDim].size, coilStride: strides[coilDim], otherOffsets: offsets };
}
