import { describe, expect, test } from 'vitest';
import { buildDesignMatrix, type DesignMatrix } from '../../../src/fit/dynamic/designMatrix.js';
import { type DynamicFitResult, fitDynamic } from '../../../src/fit/dynamic/fitDynamic.js';
import { predictTimeCourse } from '../../../src/fit/dynamic/predictTimeCourse.js';
import type { FitGrid } from '../../../src/fit/fitOptions.js';
import { fitSpectrum } from '../../../src/fit/fitSpectrum.js';
import { TYPICAL_CONCENTRATIONS_MM } from '../../../src/simulate/studyDesign.js';
import type { Basis } from '../../../src/types/basis.js';
import { DataError } from '../../../src/util/errors.js';
import { simulateDynamicSession } from './helpers/dynamicSession.js';
import { LINESHAPE, NOISE_SD, pressBasis, sessionDesign, SMALL_GRID, trueBetas } from './helpers/scenario.js';
import { mean, ordinaryLeastSquares, sampleSd } from './helpers/statistics.js';

// the issue asks for mean error < SD/5 over 100 simulations; with 100 the standard error of the mean is SD/10,
// so an unbiased estimator would fail that bound one time in twenty: 200 make it a test of bias, not of luck
const SIMULATIONS = 200;
const WINDOW_COMPARISON_SIMULATIONS = 50;
const WINDOW_TRANSIENTS = 5;

function trueGluOverTnaaPercent(gluRise: number): number {
  // Glu/tNAA rises by exactly the Glu rise: tNAA is constant
  return 100 * gluRise;
}

/** The sliding-window route on the same data: fitSpectrum on window averages, then OLS of Glu on the design. */
function windowRegressionBetas(transients: Float64Array, design: DesignMatrix, grid: FitGrid, basis: Basis): number[] {
  const length = 2 * grid.points;
  const n = design.columns[0].length;
  const values: number[] = [];
  const rows: number[][] = [];
  for (let start = 0; start + WINDOW_TRANSIENTS <= n; start += WINDOW_TRANSIENTS) {
    const average = new Float64Array(length);
    for (let t = start; t < start + WINDOW_TRANSIENTS; t++) {
      for (let i = 0; i < length; i++) average[i] += transients[t * length + i] / WINDOW_TRANSIENTS;
    }
    values.push(fitSpectrum(average, grid, { model: 'lcm', basis }).amplitudes.Glu);
    // windows never straddle the infusion edges, so the design is constant within each
    rows.push(design.columns.map((column) => column[start]));
  }
  return ordinaryLeastSquares(rows, values);
}

interface MonteCarlo {
  estimates: Map<string, number[]>;
  reportedSds: Map<string, number[]>;
  windowInfusionBetas: number[];
}

function record(map: Map<string, number[]>, key: string, value: number): void {
  if (!map.has(key)) map.set(key, []);
  map.get(key)!.push(value);
}

function runMonteCarlo(gluRise: number, basis: Basis, withWindows: boolean): MonteCarlo {
  const design = sessionDesign(60, 1);
  const betas = trueBetas(gluRise);
  const out: MonteCarlo = { estimates: new Map(), reportedSds: new Map(), windowInfusionBetas: [] };
  for (let s = 0; s < SIMULATIONS; s++) {
    const transients = simulateDynamicSession({ basis, design, betas, ...LINESHAPE, noiseSd: NOISE_SD, seed: 1000 * Math.round(gluRise * 100) + s });
    const fit = fitDynamic(transients, design, SMALL_GRID, basis);
    for (const regressor of design.names) {
      record(out.estimates, `Glu ${regressor}`, fit.measures.Glu.betas[regressor].value);
      record(out.reportedSds, `Glu ${regressor}`, fit.measures.Glu.betas[regressor].sd);
    }
    const ratio = contrastOf(fit, 'infusion', 'Glu/tNAA');
    record(out.estimates, 'Glu/tNAA infusion %', ratio.percentOfBaseline.value);
    record(out.reportedSds, 'Glu/tNAA infusion %', ratio.percentOfBaseline.sd);
    const gluPercent = contrastOf(fit, 'infusion', 'Glu');
    record(out.estimates, 'Glu infusion %', gluPercent.percentOfBaseline.value);
    record(out.reportedSds, 'Glu infusion %', gluPercent.percentOfBaseline.sd);
    if (withWindows && s < WINDOW_COMPARISON_SIMULATIONS) {
      out.windowInfusionBetas.push(windowRegressionBetas(transients, design, SMALL_GRID, basis)[design.names.indexOf('infusion')]);
    }
  }
  return out;
}

function contrastOf(fit: DynamicFitResult, contrast: string, measure: string): DynamicFitResult['contrasts'][number] {
  const found = fit.contrasts.find((c) => c.contrast === contrast && c.measure === measure);
  if (!found) throw new Error(`no contrast ${contrast} for ${measure}`);
  return found;
}

function truthOf(key: string, gluRise: number): number {
  const glu = TYPICAL_CONCENTRATIONS_MM.Glu;
  const table: Record<string, number> = {
    'Glu baseline': glu,
    'Glu infusion': gluRise * glu,
    'Glu post_infusion': (gluRise / 3) * glu,
    'Glu/tNAA infusion %': trueGluOverTnaaPercent(gluRise),
    'Glu infusion %': 100 * gluRise,
  };
  return table[key];
}

describe('fitDynamic on simulated sessions with known betas', () => {
  const basis = pressBasis(SMALL_GRID);

  for (const gluRise of [0.1, 0.03]) {
    describe(`Glu +${gluRise * 100} % during the infusion, ${SIMULATIONS} simulations`, () => {
      const result = runMonteCarlo(gluRise, basis, gluRise === 0.1);
      const rows = [...result.estimates.keys()].map((key) => {
        const values = result.estimates.get(key)!;
        const empiricalSd = sampleSd(values);
        return { key, bias: mean(values) - truthOf(key, gluRise), empiricalSd, reportedSd: mean(result.reportedSds.get(key)!) };
      });
      console.log(
        [
          `Glu +${gluRise * 100} %: | measure | truth | mean error / SD | empirical SD | mean reported SD | ratio |`,
          ...rows.map((r) => `| ${r.key} | ${truthOf(r.key, gluRise).toFixed(3)} | ${(r.bias / r.empiricalSd).toFixed(3)} | ${r.empiricalSd.toFixed(4)} | ${r.reportedSd.toFixed(4)} | ${(r.empiricalSd / r.reportedSd).toFixed(3)} |`),
        ].join('\n'),
      );

      test('betas and % effects are unbiased: mean error below 1/5 of their SD', () => {
        for (const r of rows) expect(Math.abs(r.bias), r.key).toBeLessThan(r.empiricalSd / 5);
      });

      test('reported SDs match the empirical SDs within 20 %', () => {
        for (const r of rows) {
          expect(r.empiricalSd / r.reportedSd, r.key).toBeGreaterThan(0.8);
          expect(r.empiricalSd / r.reportedSd, r.key).toBeLessThan(1.2);
        }
      });

      if (gluRise === 0.1) {
        test(`the infusion beta is more precise than sliding-window fits + regression on the same data (${WINDOW_COMPARISON_SIMULATIONS} simulations)`, () => {
          const dynamicSd = sampleSd(result.estimates.get('Glu infusion')!.slice(0, WINDOW_COMPARISON_SIMULATIONS));
          const windowSd = sampleSd(result.windowInfusionBetas);
          const windowBias = mean(result.windowInfusionBetas) - truthOf('Glu infusion', gluRise);
          console.log(`Glu infusion beta SD: dynamic ${dynamicSd.toFixed(4)}, windows of ${WINDOW_TRANSIENTS} + regression ${windowSd.toFixed(4)} (bias ${windowBias.toFixed(4)}); ratio ${(dynamicSd / windowSd).toFixed(3)}`);
          expect(dynamicSd).toBeLessThan(windowSd);
        });
      }
    });
  }
});

describe('fitDynamic at realistic size: 1,200 transients × 2048 points', () => {
  const grid: FitGrid = { points: 2048, dwellTimeS: 1 / 4000, spectrometerFrequencyMHz: 123.2, echoTimeS: 0.03 };
  const basis = pressBasis(grid);
  // 60 min of single excitations (TR 3 s): NAA SNR about 17 per transient
  const design = sessionDesign(1200, 0.05);
  const gluRise = 0.03;
  const transients = simulateDynamicSession({ basis, design, betas: trueBetas(gluRise), ...LINESHAPE, noiseSd: 8, seed: 7 });
  const started = performance.now();
  const fit = fitDynamic(transients, design, grid, basis);
  const elapsedMs = performance.now() - started;

  test('recovers the +3 % Glu infusion effect within 3 SD, with the lineshape of the data', () => {
    const glu = contrastOf(fit, 'infusion', 'Glu');
    const ratio = contrastOf(fit, 'infusion', 'Glu/tNAA');
    console.log(
      `1200 × 2048: fit ${elapsedMs.toFixed(0)} ms (in a test worker); Glu infusion ${glu.percentOfBaseline.value.toFixed(2)} ± ${glu.percentOfBaseline.sd.toFixed(2)} %, ` +
        `Glu/tNAA ${ratio.percentOfBaseline.value.toFixed(2)} ± ${ratio.percentOfBaseline.sd.toFixed(2)} %, residual/noise ${fit.qc.residualToNoise.toFixed(3)}`,
    );
    expect(Math.abs(glu.percentOfBaseline.value - 100 * gluRise)).toBeLessThan(3 * glu.percentOfBaseline.sd);
    expect(Math.abs(ratio.percentOfBaseline.value - 100 * gluRise)).toBeLessThan(3 * ratio.percentOfBaseline.sd);
    expect(fit.lineshape.shiftHz[0]).toBeCloseTo(LINESHAPE.shiftHz, 1);
    expect(fit.lineshape.lorentzianHz[0]).toBeCloseTo(LINESHAPE.lorentzianHz, 0);
    expect(fit.lineshape.phase0Deg).toBeCloseTo(LINESHAPE.phase0Deg, 0);
    expect(fit.qc.residualToNoise).toBeGreaterThan(0.9);
    expect(fit.qc.residualToNoise).toBeLessThan(1.1);
    expect(fit.negativeBaseline).not.toContain('Glu');
  });

  test('the fitted time course is design × betas, and its % change is relative to the baseline beta', () => {
    const glu = fit.measures.Glu;
    for (const t of [0, 500, 1100]) {
      const expected = design.names.reduce((sum, name, r) => sum + design.columns[r][t] * glu.betas[name].value, 0);
      expect(glu.timeCourse.values[t]).toBeCloseTo(expected, 10);
      expect(glu.timeCourse.percentChange[t]).toBeCloseTo(100 * (expected / glu.betas.baseline.value - 1), 8);
    }
    // before the infusion the course is the baseline itself
    expect(glu.timeCourse.sd[0]).toBeCloseTo(glu.betas.baseline.sd, 12);
    expect(glu.timeCourse.percentChange[0]).toBeCloseTo(0, 12);
  });

  test('predictTimeCourse at other times (window centres) agrees with the fitted course at the same design rows', () => {
    const windowCentres = sessionDesign(12, 5);
    const predicted = predictTimeCourse(fit, 'Glx/tNAA', windowCentres);
    const ratio = fit.ratios['Glx/tNAA'].timeCourse;
    // window 4 (centre 12.5 min) and transient 450 (centre 12.525 min) are both in the infusion box
    expect(predicted.values[4]).toBeCloseTo(ratio.values[450], 12);
    expect(predicted.sd[4]).toBeCloseTo(ratio.sd[450], 12);
    expect(predicted.percentChange[11]).toBeCloseTo(ratio.percentChange[1199], 12);
    expect(predictTimeCourse(fit, 'Glu', windowCentres).values[0]).toBeCloseTo(fit.measures.Glu.betas.baseline.value, 12);
    expect(() => predictTimeCourse(fit, 'Glu/nothing', windowCentres)).toThrow(/no measure "nothing"/);
  });
});

describe('fitDynamic options and errors', () => {
  const basis = pressBasis(SMALL_GRID);
  const design = sessionDesign(60, 1);
  const betas = trueBetas(0.1);
  const transients = simulateDynamicSession({ basis, design, betas, ...LINESHAPE, noiseSd: NOISE_SD, seed: 5 });

  test('rejected transients are left out of the fit and flagged by their residual when included', () => {
    const corrupted = transients.slice();
    const length = 2 * SMALL_GRID.points;
    for (const t of [7, 30, 31]) for (let i = 0; i < length; i++) corrupted[t * length + i] *= -0.5;
    const included = fitDynamic(corrupted, design, SMALL_GRID, basis);
    expect(included.qc.transientResidualToNoise[30]).toBeGreaterThan(3 * included.qc.transientResidualToNoise[29]);
    const accepted = new Uint8Array(60).fill(1);
    for (const t of [7, 30, 31]) accepted[t] = 0;
    const excluded = fitDynamic(corrupted, design, SMALL_GRID, basis, { accepted });
    const clean = fitDynamic(transients, design, SMALL_GRID, basis, { accepted });
    expect(excluded.qc.transientsUsed).toBe(57);
    expect(Number.isNaN(excluded.qc.transientResidualToNoise[30])).toBe(true);
    expect(excluded.measures.Glu.betas.infusion.value).toBeCloseTo(clean.measures.Glu.betas.infusion.value, 10);
    expect(Math.abs(excluded.measures.Glu.betas.infusion.value - betas.Glu.infusion)).toBeLessThan(3 * excluded.measures.Glu.betas.infusion.sd);
  });

  test('a user contrast is the weighted sum of betas, with the SD from their covariance', () => {
    const fit = fitDynamic(transients, design, SMALL_GRID, basis, { contrasts: [{ name: 'infusion - post', weights: { infusion: 1, post_infusion: -1 } }] });
    const glu = fit.measures.Glu;
    const contrast = contrastOf(fit, 'infusion - post', 'Glu');
    const p = fit.regressorNames.length;
    const i = fit.regressorNames.indexOf('infusion');
    const q = fit.regressorNames.indexOf('post_infusion');
    const variance = glu.betaCovariance[i * p + i] + glu.betaCovariance[q * p + q] - 2 * glu.betaCovariance[i * p + q];
    expect(contrast.effect.value).toBeCloseTo(glu.betas.infusion.value - glu.betas.post_infusion.value, 12);
    expect(contrast.effect.sd).toBeCloseTo(Math.sqrt(variance), 12);
    // combinations add their parts
    expect(fit.measures.Glx.betas.infusion.value).toBeCloseTo(glu.betas.infusion.value + fit.measures.Gln.betas.infusion.value, 12);
  });

  test('a regressor with no transients, or a design that does not match the data, is a one-line DataError', () => {
    const early = buildDesignMatrix(Float64Array.from({ length: 60 }, (_, i) => -10 + i * 0.5), { infusion: { durationMin: 40, shape: 'box' } });
    expect(() => fitDynamic(transients, early, SMALL_GRID, basis)).toThrow(/post_infusion" is zero for every transient/);
    const shorter = { names: design.names, columns: design.columns.map((c) => c.subarray(0, 50)) };
    expect(() => fitDynamic(transients, shorter, SMALL_GRID, basis)).toThrow(DataError);
    const collinear = { names: [...design.names, 'copy'], columns: [...design.columns, design.columns[1]] };
    expect(() => fitDynamic(transients, collinear, SMALL_GRID, basis)).toThrow(/"copy" is a combination/);
  });
});
