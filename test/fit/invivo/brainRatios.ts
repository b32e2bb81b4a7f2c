import { expect } from 'vitest';

/** Adult brain (grey/white matter mix) at short TE: ranges of basis-amplitude ratios to tCr an in-vivo fit must land in. */
const BRAIN_RATIOS_TO_TCR: Record<string, [number, number]> = { tNAA: [1.0, 2.0], tCho: [0.12, 0.4], Ins: [0.5, 1.4] };

/** Asserts tNAA, tCho and Ins over tCr lie inside the adult-brain ranges (bounds exclusive). */
export function expectBrainLikeRatios(ratioToTCr: (name: string) => number): void {
  for (const [name, [low, high]] of Object.entries(BRAIN_RATIOS_TO_TCR)) {
    expect(ratioToTCr(name), name).toBeGreaterThan(low);
    expect(ratioToTCr(name), name).toBeLessThan(high);
  }
}
