import { describe, expect, test } from 'vitest';
import { fitDynamic } from '../../../src/fit/dynamic/fitDynamic.js';
import { simulateDynamicSession } from './helpers/dynamicSession.js';
import { LINESHAPE, NOISE_SD, pressBasis, sessionDesign, SMALL_GRID, trueBetas } from './helpers/scenario.js';
import { mean, sampleSd } from './helpers/statistics.js';

const SIMULATIONS = 40;
/** Lines narrow by 0.5 Hz during the infusion (a BOLD-like effect on every resonance). */
const NARROWING_HZ = -0.5;

describe('time-varying lineshape: a linewidth change with the infusion', () => {
  const basis = pressBasis(SMALL_GRID);
  const design = sessionDesign(60, 1);
  const betas = trueBetas(0.03);
  const fixed: number[] = [];
  const refined: number[] = [];
  const varying: number[] = [];
  const varyingSd: number[] = [];
  const widthChange: number[] = [];
  const widthChangeSd: number[] = [];
  for (let s = 0; s < SIMULATIONS; s++) {
    const transients = simulateDynamicSession({
      basis,
      design,
      betas,
      ...LINESHAPE,
      lorentzianChangeHz: { infusion: NARROWING_HZ },
      noiseSd: NOISE_SD,
      seed: 9000 + s,
    });
    fixed.push(fitDynamic(transients, design, SMALL_GRID, basis, { transientRefinementPasses: 0 }).measures.Glu.betas.infusion.value);
    refined.push(fitDynamic(transients, design, SMALL_GRID, basis).measures.Glu.betas.infusion.value);
    const fit = fitDynamic(transients, design, SMALL_GRID, basis, { timeVaryingLineshape: true });
    varying.push(fit.measures.Glu.betas.infusion.value);
    varyingSd.push(fit.measures.Glu.betas.infusion.sd);
    widthChange.push(fit.lineshapeEffects!.lorentzianHz.infusion.value);
    widthChangeSd.push(fit.lineshapeEffects!.lorentzianHz.infusion.sd);
  }
  const truth = betas.Glu.infusion;
  const standardError = (x: number[]): number => sampleSd(x) / Math.sqrt(x.length);
  console.log(
    `Glu infusion beta (truth ${truth.toFixed(3)}), lines ${NARROWING_HZ} Hz during the infusion, ${SIMULATIONS} simulations: ` +
      `fixed lineshape error ${(mean(fixed) - truth).toFixed(3)} (SD ${sampleSd(fixed).toFixed(3)}), ` +
      `per-transient widths ${(mean(refined) - truth).toFixed(3)} (SD ${sampleSd(refined).toFixed(3)}), ` +
      `time-varying ${(mean(varying) - truth).toFixed(3)} (SD ${sampleSd(varying).toFixed(3)}, reported ${mean(varyingSd).toFixed(3)}); ` +
      `width change ${mean(widthChange).toFixed(3)} ± ${sampleSd(widthChange).toFixed(3)} Hz (reported SD ${mean(widthChangeSd).toFixed(3)})`,
  );

  test('with one lineshape for all transients the narrowing leaks into Glu (the confound the options remove)', () => {
    expect(mean(fixed) - truth).toBeGreaterThan(2 * sampleSd(fixed));
  });

  test('the default per-transient width nuisance absorbs the narrowing too', () => {
    expect(Math.abs(mean(refined) - truth)).toBeLessThan(3 * standardError(refined));
  });

  test('with the time-varying lineshape Glu is unbiased and the width change is recovered', () => {
    expect(Math.abs(mean(varying) - truth)).toBeLessThan(3 * standardError(varying));
    expect(Math.abs(mean(widthChange) - NARROWING_HZ)).toBeLessThan(3 * standardError(widthChange));
    expect(sampleSd(varying) / mean(varyingSd)).toBeGreaterThan(0.75);
    expect(sampleSd(varying) / mean(varyingSd)).toBeLessThan(1.25);
    expect(sampleSd(widthChange) / mean(widthChangeSd)).toBeGreaterThan(0.75);
    expect(sampleSd(widthChange) / mean(widthChangeSd)).toBeLessThan(1.25);
  });
});
