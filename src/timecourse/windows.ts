import type { SessionWindow } from '../types/timecourse.js';
import { DataError } from '../util/errors.js';

export interface TransientTiming {
  /** Start of each transient, minutes from infusion start. */
  startMin: Float64Array;
  /** Duration of each transient, minutes. */
  durationMin: Float64Array;
}

/**
 * Transient timing relative to infusion start. Times come from the file when it has them, else from
 * TR × index; each transient lasts until the next one starts (the median spacing for the last, and for gaps).
 */
export function transientTiming(count: number, timesS: Float64Array | null, repetitionTimeS: number | null, infusionStartMin: number): TransientTiming {
  if (!timesS && repetitionTimeS === null) throw new DataError('neither transient times nor a repetition time: transients cannot be placed in time');
  const startS = new Float64Array(count);
  for (let i = 0; i < count; i++) startS[i] = timesS ? timesS[i] : i * repetitionTimeS!;
  const spacings = Array.from({ length: Math.max(0, count - 1) }, (_, i) => startS[i + 1] - startS[i]).sort((a, b) => a - b);
  const typicalS = spacings.length > 0 ? spacings[Math.floor(spacings.length / 2)] : repetitionTimeS ?? 0;
  const startMin = new Float64Array(count);
  const durationMin = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    startMin[i] = startS[i] / 60 - infusionStartMin;
    const gapS = i + 1 < count ? startS[i + 1] - startS[i] : typicalS;
    durationMin[i] = Math.min(gapS, 1.5 * typicalS) / 60;
  }
  return { startMin, durationMin };
}

export interface WindowMembers {
  window: SessionWindow;
  /** Indices of the accepted transients averaged into the window. */
  members: number[];
}

/**
 * Sliding windows of `windowTransients` consecutive transients every `stepTransients`; rejected transients
 * stay in the count (so windows keep their time span) but are not averaged. A window with fewer than
 * `minAcceptedFraction` of its transients accepted is flagged.
 */
/** Window times to the nanominute, so sums of transient times that should give 0 do not leave 1e-17 in the tables. */
const roundedMin = (minutes: number): number => Math.round(minutes * 1e9) / 1e9 + 0;

export function slidingWindows(
  timing: TransientTiming,
  accepted: Uint8Array,
  windowTransients: number,
  stepTransients: number,
  minAcceptedFraction = 0.5,
): WindowMembers[] {
  const count = timing.startMin.length;
  const size = Math.min(windowTransients, count);
  const result: WindowMembers[] = [];
  for (let first = 0; first + size <= count; first += stepTransients) {
    const members: number[] = [];
    let centreSum = 0;
    for (let i = first; i < first + size; i++) {
      if (!accepted[i]) continue;
      members.push(i);
      centreSum += timing.startMin[i] + timing.durationMin[i] / 2;
    }
    const last = first + size - 1;
    const startMin = timing.startMin[first];
    const endMin = timing.startMin[last] + timing.durationMin[last];
    result.push({
      window: {
        index: result.length,
        startMin: roundedMin(startMin),
        endMin: roundedMin(endMin),
        centreMin: roundedMin(members.length > 0 ? centreSum / members.length : (startMin + endMin) / 2),
        nTransients: members.length,
        flagged: members.length < Math.max(1, Math.ceil(minAcceptedFraction * size)),
      },
      members,
    });
  }
  return result;
}
