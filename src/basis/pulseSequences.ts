import { DataError } from '../util/errors.js';

export type SequenceName = 'pulse-acquire' | 'press' | 'steam' | 'slaser';

/** One step of an idealised sequence: an instantaneous hard pulse about ±y, or free precession. */
export type SequenceStep =
  | { kind: 'pulse'; flipAngleRad: number; keepCoherenceOrder?: number }
  | { kind: 'delay'; durationS: number };

export interface SequenceTiming {
  sequence: SequenceName;
  echoTimeS: number;
  /** PRESS first echo time; default TE/2 (symmetric PRESS). */
  te1S?: number;
  /** STEAM mixing time (free precession of zero-quantum terms); default 0. */
  mixingTimeS?: number;
}

export interface IdealSequence {
  steps: SequenceStep[];
  /** Factor bringing an uncoupled singlet to +1 per proton at the echo top (STEAM's stimulated echo is ½). */
  signalScale: number;
  description: string;
}

const excitation: SequenceStep = { kind: 'pulse', flipAngleRad: Math.PI / 2 };
const refocusing: SequenceStep = { kind: 'pulse', flipAngleRad: Math.PI };
const delay = (durationS: number): SequenceStep => ({ kind: 'delay', durationS });
const ms = (s: number) => +(s * 1000).toFixed(3);

/**
 * Ideal-pulse timing of each sequence, acquisition starting at the echo top.
 * - PRESS: 90 – TE1/2 – 180 – (TE1+TE2)/2 – 180 – TE2/2 – acq, TE2 = TE − TE1.
 * - STEAM: 90 – TE/2 – 90 – TM – 90 – TE/2 – acq, keeping the stimulated-echo pathway p = +1 → 0 → −1
 *   (what the crusher gradients select); zero-quantum coherences evolve during TM.
 * - sLASER: 90 then four equally spaced 180s (the adiabatic pairs' net effect with ideal pulses):
 *   TE/8 – 180 – TE/4 – 180 – TE/4 – 180 – TE/4 – 180 – TE/8.
 * - pulse-acquire: 90 – acq (TE ignored).
 */
export function idealSequence(timing: SequenceTiming): IdealSequence {
  const te = timing.echoTimeS;
  if (!(te >= 0) || (timing.sequence !== 'pulse-acquire' && te <= 0)) {
    throw new DataError(`basis simulation: echo time must be positive for ${timing.sequence}, got ${te} s`);
  }
  switch (timing.sequence) {
    case 'pulse-acquire':
      return { steps: [excitation], signalScale: 1, description: 'pulse-acquire' };
    case 'press': {
      const te1 = timing.te1S ?? te / 2;
      if (!(te1 > 0 && te1 < te)) throw new DataError(`basis simulation: PRESS TE1 must lie in (0, TE), got ${te1} s`);
      const te2 = te - te1;
      return {
        steps: [excitation, delay(te1 / 2), refocusing, delay((te1 + te2) / 2), refocusing, delay(te2 / 2)],
        signalScale: 1,
        description: `PRESS TE ${ms(te)} ms (TE1 ${ms(te1)} ms, TE2 ${ms(te2)} ms)`,
      };
    }
    case 'steam': {
      const tm = timing.mixingTimeS ?? 0;
      if (!(tm >= 0)) throw new DataError(`basis simulation: STEAM mixing time must be ≥ 0, got ${tm} s`);
      return {
        steps: [
          { kind: 'pulse', flipAngleRad: Math.PI / 2, keepCoherenceOrder: 1 },
          delay(te / 2),
          { kind: 'pulse', flipAngleRad: Math.PI / 2, keepCoherenceOrder: 0 },
          delay(tm),
          // about −y, so the stimulated echo of a singlet comes out absorptive and positive
          { kind: 'pulse', flipAngleRad: -Math.PI / 2, keepCoherenceOrder: -1 },
          delay(te / 2),
        ],
        signalScale: 2,
        description: `STEAM TE ${ms(te)} ms, TM ${ms(tm)} ms (stimulated echo scaled ×2)`,
      };
    }
    case 'slaser':
      return {
        steps: [
          excitation,
          delay(te / 8),
          refocusing,
          delay(te / 4),
          refocusing,
          delay(te / 4),
          refocusing,
          delay(te / 4),
          refocusing,
          delay(te / 8),
        ],
        signalScale: 1,
        description: `sLASER TE ${ms(te)} ms (four equally spaced ideal 180s)`,
      };
    default:
      throw new DataError(`basis simulation: unknown sequence '${String(timing.sequence)}'`);
  }
}
