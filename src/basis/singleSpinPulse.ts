import { DataError } from '../util/errors.js';
import type { ShapedPulse } from './shapedPulse.js';
import { spinHalfRotation } from './spinHalfRotation.js';

/** What a Bloch simulation needs of a pulse. */
export type PulseWaveform = Pick<ShapedPulse, 'name' | 'durationS' | 'amplitude' | 'phaseRad' | 'b1MaxHz'>;

/**
 * Propagator of an isolated spin ½ at `offsetHz` from the carrier through a shaped pulse (Bloch simulation in
 * spinor form), as 8 numbers: u00, u01, u10, u11 (re, im each), (α, β) basis. `phaseRad` rotates the whole pulse.
 */
export function singleSpinPulsePropagator(pulse: PulseWaveform, offsetHz: number, phaseRad = 0): Float64Array {
  const samples = pulse.amplitude.length;
  const dt = pulse.durationS / samples;
  const u = Float64Array.of(1, 0, 0, 0, 0, 0, 1, 0);
  const r = new Float64Array(8);
  const next = new Float64Array(8);
  for (let k = 0; k < samples; k++) {
    const b1 = 2 * Math.PI * pulse.b1MaxHz * pulse.amplitude[k];
    const phase = pulse.phaseRad[k] + phaseRad;
    spinHalfRotation(2 * Math.PI * offsetHz, b1 * Math.cos(phase), b1 * Math.sin(phase), dt, r);
    for (let row = 0; row < 2; row++) {
      for (let col = 0; col < 2; col++) {
        let re = 0;
        let im = 0;
        for (let m = 0; m < 2; m++) {
          const ar = r[4 * row + 2 * m];
          const ai = r[4 * row + 2 * m + 1];
          const br = u[4 * m + 2 * col];
          const bi = u[4 * m + 2 * col + 1];
          re += ar * br - ai * bi;
          im += ar * bi + ai * br;
        }
        next[4 * row + 2 * col] = re;
        next[4 * row + 2 * col + 1] = im;
      }
    }
    u.set(next);
  }
  return u;
}

/** Spin-echo refocusing efficiency |β|² (the fraction of coherence a crushed refocusing pulse carries p → −p). */
export function singleSpinRefocusingEfficiency(pulse: PulseWaveform, offsetHz: number): number {
  const u = singleSpinPulsePropagator(pulse, offsetHz);
  return u[4] ** 2 + u[5] ** 2;
}

/**
 * Full width at half maximum (Hz) of the refocusing profile |β|²(offset), normalised to its on-resonance value:
 * the band a crushed refocusing pulse selects, which the slice-select gradient maps onto the slice thickness.
 * Found by stepping out from resonance in `searchStepHz` steps, then bisection.
 */
export function refocusingProfileFwhmHz(pulse: PulseWaveform, searchStepHz: number): number {
  const halfMaximum = 0.5 * singleSpinRefocusingEfficiency(pulse, 0);
  const halfWidth = (sign: number) => {
    let inside = 0;
    let outside = searchStepHz;
    while (singleSpinRefocusingEfficiency(pulse, sign * outside) >= halfMaximum) {
      inside = outside;
      outside += searchStepHz;
      if (outside > 1e7) throw new DataError(`shaped pulse: refocusing profile of ${pulse.name} does not fall to half maximum`);
    }
    for (let i = 0; i < 50; i++) {
      const mid = 0.5 * (inside + outside);
      if (singleSpinRefocusingEfficiency(pulse, sign * mid) >= halfMaximum) inside = mid;
      else outside = mid;
    }
    return 0.5 * (inside + outside);
  };
  return halfWidth(1) + halfWidth(-1);
}
