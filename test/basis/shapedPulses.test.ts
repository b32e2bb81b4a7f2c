import { describe, expect, it } from 'vitest';
import { realSimilarity, type ComplexMatrix } from '../../src/basis/complexMatrix.js';
import { refocusingProfileFwhmHz, singleSpinPulsePropagator } from '../../src/basis/singleSpinPulse.js';
import { hannSincPulse, hyperbolicSecantPulse, type ShapedPulse } from '../../src/basis/shapedPulse.js';
import { pulsedSpinSystem, shapedPulsePropagator } from '../../src/basis/shapedPulsePropagator.js';
import { singletRefocusingProfile } from '../../src/basis/refocusingProfile.js';
import { fragmentEigenbasis } from '../../src/basis/spinHamiltonian.js';
import { transpose } from '../../src/basis/realMatrix.js';

const F0_MHZ = 123.2;
const RECEIVER_PPM = 4.65;
const press = hannSincPulse({ durationS: 5.2e-3, timeBandwidth: 9, flipAngleRad: Math.PI });

/** Rotation angle of a single-spin propagator, 2·acos(½ Re tr U). */
const rotationAngle = (u: Float64Array) => 2 * Math.acos(Math.min(1, Math.max(-1, 0.5 * (u[0] + u[6]))));

describe('shaped pulse design', () => {
  it('calibrates a Hann-sinc to the nominal on-resonance flip, matching the waveform area', () => {
    for (const flipDeg of [90, 180]) {
      const pulse = hannSincPulse({ durationS: 5.2e-3, timeBandwidth: 9, flipAngleRad: (flipDeg * Math.PI) / 180 });
      expect(rotationAngle(singleSpinPulsePropagator(pulse, 0))).toBeCloseTo((flipDeg * Math.PI) / 180, 8);
      // a fixed-axis pulse on resonance rotates by 2π·∫B1 dt
      let area = 0;
      pulse.amplitude.forEach((a, k) => (area += a * Math.cos(pulse.phaseRad[k])));
      const expectedB1 = (flipDeg * Math.PI) / 180 / (2 * Math.PI * area * (pulse.durationS / pulse.amplitude.length));
      expect(pulse.b1MaxHz / expectedB1).toBeCloseTo(1, 8);
    }
  });

  it('measures the refocusing bandwidth of a 180° sinc at ≈ 0.7 × TBW/T, and of HS1 at its frequency sweep', () => {
    const ratio = press.bandwidthHz / (9 / 5.2e-3);
    console.log(`Hann-sinc TBW 9, 5.2 ms: B1 ${press.b1MaxHz.toFixed(0)} Hz, refocusing FWHM ${press.bandwidthHz.toFixed(0)} Hz = ${ratio.toFixed(3)} × TBW/T`);
    expect(ratio).toBeGreaterThan(0.65);
    expect(ratio).toBeLessThan(0.75);
    const hs1 = hyperbolicSecantPulse({ durationS: 4.5e-3, bandwidthHz: 5000 });
    console.log(`HS1 R 22.5, 4.5 ms: B1 ${hs1.b1MaxHz.toFixed(0)} Hz, refocusing FWHM ${hs1.bandwidthHz.toFixed(0)} Hz`);
    expect(hs1.bandwidthHz / 5000).toBeCloseTo(1, 1);
    // adiabatic: 20 % more B1 leaves the on-resonance inversion unchanged
    const stronger = { ...hs1, b1MaxHz: 1.2 * hs1.b1MaxHz };
    const inversion = (p: ShapedPulse) => {
      const u = singleSpinPulsePropagator(p, 0);
      return u[4] ** 2 + u[5] ** 2;
    };
    expect(inversion(hs1)).toBeGreaterThan(0.999);
    expect(inversion(stronger)).toBeGreaterThan(0.999);
    expect(refocusingProfileFwhmHz(stronger, 25) / hs1.bandwidthHz).toBeCloseTo(1, 1);
  });
});

// ---- exact reference: piecewise-constant H per sample, exp(−iH·dt) by scaling and squaring of a Taylor series ----

type Complex = ComplexMatrix;

function complexMultiply(a: Complex, b: Complex, n: number): Complex {
  const out = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const ar = a.re[i * n + k];
      const ai = a.im[i * n + k];
      for (let j = 0; j < n; j++) {
        out.re[i * n + j] += ar * b.re[k * n + j] - ai * b.im[k * n + j];
        out.im[i * n + j] += ar * b.im[k * n + j] + ai * b.re[k * n + j];
      }
    }
  }
  return out;
}

/** exp(−i·H·t) for Hermitian H. */
function expm(h: Complex, t: number, n: number): Complex {
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm = Math.max(norm, Math.hypot(h.re[i], h.im[i]) * n * t);
  const squarings = Math.max(0, Math.ceil(Math.log2(norm)) + 4);
  const scale = t / 2 ** squarings;
  const a = { re: Float64Array.from(h.im, (x) => x * scale), im: Float64Array.from(h.re, (x) => -x * scale) }; // −iHt
  const result = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  let term: Complex = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) term.re[i * n + i] = 1;
  for (let order = 0; order < 30; order++) {
    for (let i = 0; i < n * n; i++) {
      result.re[i] += term.re[i];
      result.im[i] += term.im[i];
    }
    term = complexMultiply(term, a, n);
    for (let i = 0; i < n * n; i++) {
      term.re[i] /= order + 1;
      term.im[i] /= order + 1;
    }
  }
  let out: Complex = result;
  for (let s = 0; s < squarings; s++) out = complexMultiply(out, out, n);
  return out;
}

/** Single-spin operator on spin k in the product basis (bit set = β): 'x', 'y' or 'z'. */
function spinOperator(spins: number, k: number, axis: 'x' | 'y' | 'z'): Complex {
  const n = 1 << spins;
  const out = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  const bit = 1 << k;
  for (let s = 0; s < n; s++) {
    if (axis === 'z') out.re[s * n + s] = s & bit ? -0.5 : 0.5;
    else {
      const flipped = s ^ bit;
      if (axis === 'x') out.re[flipped * n + s] = 0.5;
      else out.im[flipped * n + s] = s & bit ? -0.5 : 0.5; // ⟨α|Iy|β⟩ = −i/2, ⟨β|Iy|α⟩ = +i/2
    }
  }
  return out;
}

function addScaled(target: Complex, source: Complex, factor: number): void {
  for (let i = 0; i < target.re.length; i++) {
    target.re[i] += factor * source.re[i];
    target.im[i] += factor * source.im[i];
  }
}

describe('shaped pulse propagation through a strongly coupled system', () => {
  // aspartate-like ABX: 3.89, 2.80, 2.65 ppm (receiver frame), geminal −17.4 Hz
  const fragment = { shiftsPpm: [3.8914, 2.8011, 2.6533], couplingsHz: [[0, 1, 3.647], [0, 2, 9.107], [1, 2, -17.426]] as [number, number, number][] };
  const spins = 3;
  const n = 8;
  const basis = fragmentEigenbasis(fragment, F0_MHZ, RECEIVER_PPM);
  const system = pulsedSpinSystem(fragment, F0_MHZ, RECEIVER_PPM, [0, 0, 0], basis);

  function exactPropagator(pulse: ShapedPulse, phaseRad: number, gradientOffsetHz: number): Complex {
    const ix = [0, 1, 2].map((k) => spinOperator(spins, k, 'x'));
    const iy = [0, 1, 2].map((k) => spinOperator(spins, k, 'y'));
    const iz = [0, 1, 2].map((k) => spinOperator(spins, k, 'z'));
    const h0 = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
    fragment.shiftsPpm.forEach((ppm, k) => addScaled(h0, iz[k], 2 * Math.PI * ((ppm - RECEIVER_PPM) * F0_MHZ + gradientOffsetHz)));
    for (const [k, l, j] of fragment.couplingsHz) {
      for (const ops of [ix, iy, iz]) addScaled(h0, complexMultiply(ops[k], ops[l], n), 2 * Math.PI * j);
    }
    const dt = pulse.durationS / pulse.amplitude.length;
    let u: Complex = expm({ re: new Float64Array(n * n), im: new Float64Array(n * n) }, 0, n);
    pulse.amplitude.forEach((a, s) => {
      const h = { re: Float64Array.from(h0.re), im: Float64Array.from(h0.im) };
      const b1 = 2 * Math.PI * pulse.b1MaxHz * a;
      const phase = pulse.phaseRad[s] + phaseRad;
      for (let k = 0; k < spins; k++) {
        addScaled(h, ix[k], b1 * Math.cos(phase));
        addScaled(h, iy[k], b1 * Math.sin(phase));
      }
      u = complexMultiply(expm(h, dt, n), u, n);
    });
    return u;
  }

  it('matches the exact piecewise-constant propagator (per-sample matrix exponential) to < 5e-5', () => {
    // the sinc takes the mirrored-half path (real, time-symmetric waveform), HS1 the sample-by-sample one
    const hs1 = hyperbolicSecantPulse({ durationS: 4.5e-3, bandwidthHz: 5000 });
    for (const [pulse, phaseRad] of [[press, Math.PI / 2], [hs1, 0.3]] as const) {
      let worst = 0;
      for (const offsetHz of [0, 450, -900]) {
        // carrier at the receiver, so the kernel's result is the lab-frame propagator in H0's eigenbasis
        const kernel = shapedPulsePropagator(system, pulse, phaseRad, offsetHz, 0);
        const productBasis = realSimilarity(kernel, transpose(basis.vectors, n), n);
        const exact = exactPropagator(pulse, phaseRad, offsetHz);
        for (let i = 0; i < n * n; i++) {
          worst = Math.max(worst, Math.hypot(productBasis.re[i] - exact.re[i], productBasis.im[i] - exact.im[i]));
        }
      }
      console.log(`split-operator vs exact per-sample propagator, 3-spin ABX, ${pulse.name}: max |ΔU| = ${worst.toExponential(2)}`);
      expect(worst, pulse.name).toBeLessThan(5e-5);
    }
  });

  it('gives the slice profile of a water-like singlet with FWHM = the pulse bandwidth, displaced by the chemical shift', () => {
    const offsets = Array.from({ length: 121 }, (_, j) => -1200 + 20 * j);
    const fwhm = (profile: Float64Array) => {
      const half = 0.5 * Math.max(...profile);
      const crossings: number[] = [];
      for (let j = 1; j < profile.length; j++) {
        if ((profile[j - 1] - half) * (profile[j] - half) < 0) {
          crossings.push(offsets[j - 1] + ((half - profile[j - 1]) / (profile[j] - profile[j - 1])) * 20);
        }
      }
      expect(crossings).toHaveLength(2);
      return { width: crossings[1] - crossings[0], centre: 0.5 * (crossings[0] + crossings[1]) };
    };
    const water = fwhm(singletRefocusingProfile(press, 4.65, offsets, F0_MHZ, 4.65, RECEIVER_PPM));
    console.log(`water singlet on resonance: profile FWHM ${water.width.toFixed(1)} Hz vs bandwidth ${press.bandwidthHz.toFixed(1)} Hz`);
    expect(Math.abs(water.width / press.bandwidthHz - 1)).toBeLessThan(0.05);
    expect(Math.abs(water.centre)).toBeLessThan(2);
    // NAA methyl with the carrier at 3.0 ppm: its slice sits (3.0 − 2.008)·f0 = +122 Hz of gradient offset away
    const naa = fwhm(singletRefocusingProfile(press, 2.008, offsets, F0_MHZ, 3.0, RECEIVER_PPM));
    expect(naa.centre).toBeCloseTo((3.0 - 2.008) * F0_MHZ, 0);
    expect(Math.abs(naa.width / press.bandwidthHz - 1)).toBeLessThan(0.05);
  });
});
