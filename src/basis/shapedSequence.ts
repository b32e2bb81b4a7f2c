import { DataError } from '../util/errors.js';
import { idealSequence, type SequenceStep, type SequenceTiming } from './pulseSequences.js';
import { hannSincPulse, hyperbolicSecantPulse, type ShapedPulse } from './shapedPulse.js';

/** A slice-selective shaped refocusing pulse with crushers; `sliceDimension` names the slice it selects. */
export interface ShapedRefocusingStep {
  kind: 'shaped';
  pulse: ShapedPulse;
  /** Phase added to the waveform's own; π/2 puts B1 along +y like the ideal refocusing pulses. */
  phaseRad: number;
  sliceDimension: number;
}

export type ShapedSequenceStep = SequenceStep | ShapedRefocusingStep;

export interface ShapedSequence {
  steps: ShapedSequenceStep[];
  signalScale: number;
  description: string;
}

/** Which slice each refocusing pulse selects: PRESS one per dimension, sLASER an adiabatic pair per dimension. */
const SLICE_DIMENSIONS: Partial<Record<SequenceTiming['sequence'], number[]>> = { press: [0, 1], slaser: [0, 0, 1, 1] };

/**
 * The ideal sequence with every 180° replaced by `refocusing`, centred where the ideal pulse was, so TE and TE1
 * are kept: each neighbouring delay loses half the pulse duration. Excitation stays ideal and instantaneous
 * (its slice profile and finite length are not modelled).
 */
export function shapedSequence(timing: SequenceTiming, refocusing: ShapedPulse): ShapedSequence {
  const dimensions = SLICE_DIMENSIONS[timing.sequence];
  if (!dimensions) throw new DataError(`basis simulation: shaped pulses are implemented for PRESS and sLASER, not ${timing.sequence}`);
  const ideal = idealSequence(timing);
  let pulseIndex = 0;
  const steps: ShapedSequenceStep[] = ideal.steps.map((step) =>
    step.kind === 'pulse' && step.flipAngleRad === Math.PI
      ? { kind: 'shaped', pulse: refocusing, phaseRad: Math.PI / 2, sliceDimension: dimensions[pulseIndex++] }
      : { ...step },
  );
  const halfS = refocusing.durationS / 2;
  steps.forEach((step, i) => {
    if (step.kind !== 'shaped') return;
    for (const neighbour of [steps[i - 1], steps[i + 1]]) {
      if (neighbour?.kind !== 'delay') continue;
      neighbour.durationS -= halfS;
      if (neighbour.durationS < -1e-12) {
        throw new DataError(`basis simulation: TE too short for ${+(refocusing.durationS * 1000).toFixed(3)} ms refocusing pulses (${ideal.description})`);
      }
      neighbour.durationS = Math.max(0, neighbour.durationS);
    }
  });
  const ms = (s: number) => +(s * 1000).toFixed(3);
  return {
    steps,
    signalScale: ideal.signalScale,
    // the ideal sLASER description names its 180s 'ideal'; here they are the shaped pulse named next
    description: `${ideal.description.replace('ideal 180s', '180s')}, shaped refocusing ${refocusing.name} ${ms(refocusing.durationS)} ms, ${Math.round(refocusing.bandwidthHz)} Hz`,
  };
}

/**
 * Published-like refocusing pulses at 3 T: PRESS a 5.2 ms Hann-sinc with time-bandwidth 9 (refocusing FWHM ≈ 1.2 kHz,
 * peak B1 ≈ 0.86 kHz, as on clinical PRESS); sLASER an HS1 adiabatic full passage of 4.5 ms sweeping 5 kHz
 * (R = 22.5; cf. Öz & Tkáč 2011, MRM 65:901).
 */
export function defaultRefocusingPulse(sequence: SequenceTiming['sequence']): ShapedPulse {
  if (sequence === 'slaser') return hyperbolicSecantPulse({ durationS: 4.5e-3, bandwidthHz: 5000 });
  return hannSincPulse({ durationS: 5.2e-3, timeBandwidth: 9, flipAngleRad: Math.PI });
}
