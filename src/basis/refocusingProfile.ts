import { refocusWithCrushers } from './crusherSelection.js';
import type { ShapedPulse } from './shapedPulse.js';
import { pulsedSpinSystem, shapedPulsePropagator } from './shapedPulsePropagator.js';
import { fragmentEigenbasis } from './spinHamiltonian.js';

/**
 * Spatially resolved refocusing efficiency of an uncoupled singlet at `shiftPpm`: at each slice-select gradient
 * offset, the fraction of order −1 coherence that the crushed pulse carries to +1, through the same multi-spin
 * propagation and coherence selection as the basis simulation. Centred where the singlet is on resonance with
 * the carrier, i.e. displaced by (carrier − shift)·f0 Hz: the chemical-shift displacement of the slice.
 */
export function singletRefocusingProfile(
  pulse: ShapedPulse,
  shiftPpm: number,
  gradientOffsetsHz: readonly number[],
  spectrometerFrequencyMHz: number,
  carrierPpm: number,
  receiverPpm: number,
): Float64Array {
  const fragment = { shiftsPpm: [shiftPpm], couplingsHz: [] };
  const basis = fragmentEigenbasis(fragment, spectrometerFrequencyMHz, receiverPpm);
  const system = pulsedSpinSystem(fragment, spectrometerFrequencyMHz, receiverPpm, [0], basis);
  const carrierHz = (carrierPpm - receiverPpm) * spectrometerFrequencyMHz;
  // states: index 0 = α (M = +½), 1 = β; element (β, α) has order −1
  const coherence = { re: Float64Array.of(0, 0, 1, 0), im: new Float64Array(4) };
  return Float64Array.from(gradientOffsetsHz, (offsetHz) => {
    const u = shapedPulsePropagator(system, pulse, Math.PI / 2, offsetHz, carrierHz);
    const after = refocusWithCrushers(u, coherence, basis.twiceM);
    return Math.hypot(after.re[1], after.im[1]);
  });
}
