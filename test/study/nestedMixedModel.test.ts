import { describe, expect, it } from 'vitest';
import { analyseStudy } from '../../src/study/analyseStudy.js';
import { invertSpd } from '../../src/study/denseMatrix.js';
import { centredTreatmentColumns, interactionColumns, interceptColumn } from '../../src/study/factorCoding.js';
import { kenwardRogerContrast, kenwardRogerFTest } from '../../src/study/kenwardRoger.js';
import {
  contrastEstimate,
  fitNestedRandomIntercepts,
  fitRandomIntercept,
  waldFTest,
  type FixedEffectsDesign,
} from '../../src/study/linearMixedModel.js';
import { minimiseNelderMead } from '../../src/study/nelderMead.js';
import { nestedSums, profileReml } from '../../src/study/remlProfile.js';
import { renderStudyMarkdown } from '../../src/study/studyMarkdown.js';
import { SeededRandom } from '../../src/util/rng.js';
import { SMALL_STUDY_TIME_COURSE, syntheticStudy, type SyntheticStudySpec } from './syntheticStudy.js';

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const relativeError = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function expectAllClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, k) => expect(Math.abs(a - expected[k]!)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected[k]!))));
}

/** A crossover cube y[subject][condition][bin]: one session per subject and condition. */
interface Crossover {
  cube: number[][][];
  y: number[];
  subject: number[];
  session: number[];
  design: FixedEffectsDesign;
  termColumns: Map<string, number[]>;
}

function crossover(cube: number[][][]): Crossover {
  const nCond = cube[0]!.length;
  const nBins = cube[0]![0]!.length;
  const y: number[] = [];
  const cond: number[] = [];
  const bin: number[] = [];
  const subject: number[] = [];
  const session: number[] = [];
  cube.forEach((s, i) =>
    s.forEach((row, c) =>
      row.forEach((v, b) => {
        y.push(v);
        cond.push(c);
        bin.push(b);
        subject.push(i);
        session.push(i * nCond + c);
      }),
    ),
  );
  const condCols = centredTreatmentColumns(cond, nCond);
  const binCols = centredTreatmentColumns(bin, nBins);
  const terms: [string, Float64Array[]][] = [
    ['condition', condCols],
    ['timeBin', binCols],
    ['condition:timeBin', interactionColumns(condCols, binCols)],
  ];
  const columns = [interceptColumn(y.length)];
  const termColumns = new Map<string, number[]>();
  for (const [name, cols] of terms) {
    termColumns.set(name, cols.map((_, k) => columns.length + k));
    columns.push(...cols);
  }
  return { cube, y, subject, session, design: { columns, columnNames: columns.map((_, j) => `x${j}`) }, termColumns };
}

function simulatedCube(seed: number, nSubjects: number, nCond: number, nBins: number, sessionSd: number): number[][][] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: nSubjects }, () => {
    const u = 3 * rng.normal();
    return Array.from({ length: nCond }, (_, c) => {
      const w = sessionSd * rng.normal();
      return Array.from({ length: nBins }, (_, b) => u + w + 0.8 * c + 0.3 * b + 0.5 * c * (b === 1 ? 1 : 0) + rng.normal());
    });
  });
}

/**
 * Classical split-plot ANOVA with subjects as blocks: whole plots are sessions (condition), split plots are time
 * bins. Condition is tested against subject × condition; time and condition × time against the pooled within-session error.
 */
function splitPlotAnova(cube: number[][][]) {
  const n = cube.length;
  const C = cube[0]!.length;
  const B = cube[0]![0]!.length;
  const grand = mean(cube.flat(2));
  const subjectMean = cube.map((s) => mean(s.flat()));
  const sessionMean = cube.map((s) => s.map((row) => mean(row)));
  const condMean = Array.from({ length: C }, (_, c) => mean(cube.flatMap((s) => s[c]!)));
  const binMean = Array.from({ length: B }, (_, b) => mean(cube.flatMap((s) => s.map((row) => row[b]!))));
  const cellMean = (c: number, b: number) => mean(cube.map((s) => s[c]![b]!));
  let ssSubj = 0;
  let ssC = 0;
  let ssSC = 0;
  let ssT = 0;
  let ssCT = 0;
  let ssE = 0;
  for (let i = 0; i < n; i++) ssSubj += C * B * (subjectMean[i]! - grand) ** 2;
  for (let c = 0; c < C; c++) ssC += n * B * (condMean[c]! - grand) ** 2;
  for (let i = 0; i < n; i++)
    for (let c = 0; c < C; c++) ssSC += B * (sessionMean[i]![c]! - subjectMean[i]! - condMean[c]! + grand) ** 2;
  for (let b = 0; b < B; b++) ssT += n * C * (binMean[b]! - grand) ** 2;
  for (let c = 0; c < C; c++)
    for (let b = 0; b < B; b++) ssCT += n * (cellMean(c, b) - condMean[c]! - binMean[b]! + grand) ** 2;
  cube.forEach((s, i) =>
    s.forEach((row, c) => row.forEach((v, b) => (ssE += (v - sessionMean[i]![c]! - cellMean(c, b) + condMean[c]!) ** 2))),
  );
  const dfSubj = n - 1;
  const dfSC = (n - 1) * (C - 1);
  const dfE = C * (n - 1) * (B - 1);
  const msSubj = ssSubj / dfSubj;
  const msSC = ssSC / dfSC;
  const msE = ssE / dfE;
  return {
    msSC,
    variances: { residual: msE, session: (msSC - msE) / B, subject: (msSubj - msSC) / (C * B) },
    tests: {
      condition: { F: ssC / (C - 1) / msSC, numDf: C - 1, denDf: dfSC },
      timeBin: { F: ssT / (B - 1) / msE, numDf: B - 1, denDf: dfE },
      'condition:timeBin': { F: ssCT / ((C - 1) * (B - 1)) / msE, numDf: (C - 1) * (B - 1), denDf: dfE },
    } as Record<string, { F: number; numDf: number; denDf: number }>,
  };
}

function unitRows(indices: number[], p: number): Float64Array[] {
  return indices.map((j) => {
    const row = new Float64Array(p);
    row[j] = 1;
    return row;
  });
}

describe('fitNestedRandomIntercepts: balanced split-plot equals the classical ANOVA', () => {
  for (const [nSubjects, nCond, nBins, seed] of [
    [8, 2, 5, 31],
    [6, 3, 4, 47],
  ] as const) {
    it(`${nSubjects} subjects × ${nCond} conditions × ${nBins} bins: F, exact df and variance components to 4 significant digits`, () => {
      const data = crossover(simulatedCube(seed, nSubjects, nCond, nBins, 1.5));
      const anova = splitPlotAnova(data.cube);
      // the closed form holds when every ANOVA variance estimate is positive (no REML boundary)
      expect(anova.variances.session).toBeGreaterThan(0);
      expect(anova.variances.subject).toBeGreaterThan(0);
      const fit = fitNestedRandomIntercepts(data.y, data.design, data.subject, data.session);
      expect(fit.converged).toBe(true);
      expect(fit.varianceParameters).toEqual(['subject', 'session', 'residual']);
      expect(relativeError(fit.residualVariance, anova.variances.residual)).toBeLessThan(5e-5);
      expect(relativeError(fit.sessionVariance, anova.variances.session)).toBeLessThan(5e-5);
      expect(relativeError(fit.subjectVariance, anova.variances.subject)).toBeLessThan(5e-5);
      const p = data.design.columns.length;
      for (const [term, expected] of Object.entries(anova.tests)) {
        const rows = unitRows(data.termColumns.get(term)!, p);
        for (const test of [waldFTest(fit, rows)!, kenwardRogerFTest(fit, rows)!]) {
          expect(test.numDf).toBe(expected.numDf);
          expect(test.F.toPrecision(4)).toBe(expected.F.toPrecision(4));
          expect(relativeError(test.F, expected.F)).toBeLessThan(5e-5);
          expect(relativeError(test.denDf, expected.denDf)).toBeLessThan(5e-5);
        }
      }
      if (nCond === 2) {
        // the condition coefficient is the mean paired session difference: SE² = 2 MS_SC / (n B) on n − 1 df
        const weights = new Float64Array(p);
        weights[data.termColumns.get('condition')![0]!] = 1;
        const se = Math.sqrt((2 * anova.msSC) / (nSubjects * nBins));
        for (const c of [contrastEstimate(fit, weights)!, kenwardRogerContrast(fit, weights)!]) {
          expect(relativeError(c.se, se)).toBeLessThan(5e-5);
          expect(relativeError(c.df, nSubjects - 1)).toBeLessThan(5e-5);
        }
      }
    });
  }
});

/** −2 REML log-likelihood from dense matrices: log|V| + log|XᵀV⁻¹X| + rᵀV⁻¹r + (N − p) log 2π. */
function denseRemlDeviance(y: number[], design: FixedEffectsDesign, subject: number[], session: number[], theta: number[]): number {
  const n = y.length;
  const p = design.columns.length;
  const v = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++)
      v[a * n + b] =
        (subject[a] === subject[b] ? theta[0]! : 0) + (session[a] === session[b] ? theta[1]! : 0) + (a === b ? theta[2]! : 0);
  const vInv = invertSpd(v, n)!;
  const x = design.columns;
  const xtvx = new Float64Array(p * p);
  const xtvy = new Float64Array(p);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const w = vInv.inverse[a * n + b]!;
      for (let j = 0; j < p; j++) {
        xtvy[j] += x[j]![a]! * w * y[b]!;
        for (let k = 0; k < p; k++) xtvx[j * p + k] += x[j]![a]! * w * x[k]![b]!;
      }
    }
  const c = invertSpd(xtvx, p)!;
  const beta = Array.from({ length: p }, (_, j) => xtvy.reduce((s, t, k) => s + c.inverse[j * p + k]! * t, 0));
  const r = y.map((yi, a) => yi - beta.reduce((s, bj, j) => s + bj * x[j]![a]!, 0));
  let quad = 0;
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) quad += r[a]! * vInv.inverse[a * n + b]! * r[b]!;
  return vInv.logDet + c.logDet + quad + (n - p) * Math.log(2 * Math.PI);
}

describe('fitNestedRandomIntercepts: unbalanced data', () => {
  // 7 subjects with 1–3 sessions of 1–5 observations each, a covariate and a two-level factor
  const rng = new SeededRandom(90);
  const y: number[] = [];
  const subject: number[] = [];
  const session: number[] = [];
  const x1: number[] = [];
  const f: number[] = [];
  let sessionId = 0;
  for (let i = 0; i < 7; i++) {
    const u = 2 * rng.normal();
    const nSessions = 1 + (i % 3);
    for (let j = 0; j < nSessions; j++, sessionId++) {
      const w = 1.2 * rng.normal();
      const level = (i + j) % 2;
      for (let k = 0; k < 1 + ((i * 2 + j) % 5); k++) {
        const x = rng.normal();
        y.push(1 + 0.7 * x + 0.9 * level + u + w + 0.8 * rng.normal());
        subject.push(i);
        session.push(sessionId);
        x1.push(x);
        f.push(level);
      }
    }
  }
  const design: FixedEffectsDesign = {
    columns: [interceptColumn(y.length), Float64Array.from(x1), ...centredTreatmentColumns(f, 2)],
    columnNames: ['(Intercept)', 'x', 'f'],
  };
  const fit = fitNestedRandomIntercepts(y, design, subject, session);

  it('reports the dense-matrix REML deviance at its estimates, and no nearby point is better', () => {
    const theta = [fit.subjectVariance, fit.sessionVariance, fit.residualVariance];
    expect(fit.sessionVariance).toBeGreaterThan(0);
    const atFit = denseRemlDeviance(y, design, subject, session, theta);
    expect(fit.remlDeviance).toBeCloseTo(atFit, 8);
    for (let k = 0; k < 3; k++)
      for (const factor of [0.97, 1.03]) {
        const moved = theta.map((t, j) => (j === k ? t * factor : t));
        expect(denseRemlDeviance(y, design, subject, session, moved)).toBeGreaterThan(atFit);
      }
  });

  it('no point of a log-scale grid over both variance ratios (boundaries included) has a lower REML criterion', () => {
    const sums = nestedSums(y, design.columns, subject, session);
    const p = design.columns.length;
    const criterion = (g1: number, g2: number) => profileReml(sums, p, y.length - p, g1, g2).deviance;
    const atFit = criterion(fit.subjectVariance / fit.residualVariance, fit.sessionVariance / fit.residualVariance);
    const ratios = [0, ...Array.from({ length: 41 }, (_, k) => Math.exp(-8 + 0.4 * k))];
    let gridBest = Infinity;
    for (const g1 of ratios) for (const g2 of ratios) gridBest = Math.min(gridBest, criterion(g1, g2));
    expect(atFit).toBeLessThanOrEqual(gridBest + 1e-9);
  });

  it('Satterthwaite df match a brute-force finite-difference computation', () => {
    // ν = 2 (lᵀCl)² / (gᵀ A g) with g by central differences of lᵀC(θ)l and A from the dense expected information
    const l = [0, 0, 1];
    const theta = [fit.subjectVariance, fit.sessionVariance, fit.residualVariance];
    const variance = (t: number[]) => {
      const n = y.length;
      const p = design.columns.length;
      const v = new Float64Array(n * n);
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++)
          v[a * n + b] = (subject[a] === subject[b] ? t[0]! : 0) + (session[a] === session[b] ? t[1]! : 0) + (a === b ? t[2]! : 0);
      const w = invertSpd(v, n)!.inverse;
      const m = new Float64Array(p * p);
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++)
          for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) m[j * p + k] += design.columns[j]![a]! * w[a * n + b]! * design.columns[k]![b]!;
      const c = invertSpd(m, p)!.inverse;
      return l.reduce((s, lj, j) => s + l.reduce((t2, lk, k) => t2 + lj * c[j * p + k]! * lk, 0), 0);
    };
    const g = theta.map((t, k) => {
      const h = 1e-5 * t;
      const up = theta.map((s, j) => (j === k ? s + h : s));
      const down = theta.map((s, j) => (j === k ? s - h : s));
      return (variance(up) - variance(down)) / (2 * h);
    });
    const a = fit.varianceParameterCovariance!;
    let gag = 0;
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) gag += g[j]! * a[j * 3 + k]! * g[k]!;
    const expected = (2 * variance(theta) ** 2) / gag;
    const c = contrastEstimate(fit, l)!;
    expect(relativeError(c.se ** 2, variance(theta))).toBeLessThan(1e-8);
    expect(relativeError(c.df, expected)).toBeLessThan(1e-5);
  });
});

describe('minimiseNelderMead', () => {
  it('finds the minimum of the Rosenbrock valley and of a quadratic with its minimum at zero', () => {
    const rosenbrock = minimiseNelderMead((x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1], { steps: [0.5, 0.5] });
    expect(rosenbrock.converged).toBe(true);
    expect(Math.abs(rosenbrock.argmin[0]! - 1)).toBeLessThan(1e-6);
    expect(Math.abs(rosenbrock.argmin[1]! - 1)).toBeLessThan(1e-6);
    // γ = θ²: the boundary optimum γ = 0 is an interior point in θ
    const boundary = minimiseNelderMead((x) => (x[0]! ** 2 + 1) ** 2 + (x[1]! ** 2 - 2) ** 2, [1, 1], { steps: [0.25, 0.25] });
    expect(boundary.argmin[0]! ** 2).toBeLessThan(1e-8);
    expect(Math.abs(boundary.argmin[1]! ** 2 - 2)).toBeLessThan(1e-7);
  });
});

describe('fitNestedRandomIntercepts: the subject-only model is its special case', () => {
  it('gives exactly the subject-only fit when the session variance is estimated at zero', () => {
    const cube = simulatedCube(12, 8, 2, 5, 0);
    // remove the subject × condition interaction, so the sessions carry no extra variance (REML boundary)
    const grand = mean(cube.flat(2));
    const condMean = [0, 1].map((c) => mean(cube.flatMap((s) => s[c]!)));
    const flattened = cube.map((s) => {
      const subjectMean = mean(s.flat());
      return s.map((row, c) => {
        const shift = mean(row) - subjectMean - condMean[c]! + grand;
        return row.map((v) => v - shift);
      });
    });
    const data = crossover(flattened);
    const nested = fitNestedRandomIntercepts(data.y, data.design, data.subject, data.session);
    const subjectOnly = fitRandomIntercept(data.y, data.design, data.subject);
    expect(nested.sessionVariance).toBe(0);
    expect(nested.warnings.some((w) => w.includes('session variance estimated at zero'))).toBe(true);
    expect(nested.varianceParameters).toEqual(subjectOnly.varianceParameters);
    // identical up to summation order (the nested fit sums by session first)
    expectAllClose([...nested.beta, ...nested.covariance], [...subjectOnly.beta, ...subjectOnly.covariance]);
    const rows = unitRows(data.termColumns.get('condition')!, data.design.columns.length);
    for (const test of [waldFTest, kenwardRogerFTest]) {
      const a = test(nested, rows)!;
      const b = test(subjectOnly, rows)!;
      expectAllClose([a.F, a.denDf, a.p], [b.F, b.denDf, b.p]);
    }
  });

  it('falls back to the subject intercept when each subject has a single session', () => {
    const rng = new SeededRandom(6);
    const n = 30;
    const subject = Array.from({ length: n }, (_, i) => Math.floor(i / 5));
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Array.from(x, (v, i) => v + subject[i]! * 0.3 + rng.normal());
    const design = { columns: [interceptColumn(n), x], columnNames: ['(Intercept)', 'x'] };
    const nested = fitNestedRandomIntercepts(y, design, subject, subject);
    expect(nested.warnings.some((w) => w.includes('no subject has two sessions'))).toBe(true);
    expectAllClose([...nested.beta], [...fitRandomIntercept(y, design, subject).beta]);
  });
});

describe('analyseStudy: session-level random effect', () => {
  const design: Omit<SyntheticStudySpec, 'seed'> = {
    nSubjects: 10,
    ...SMALL_STUDY_TIME_COURSE,
    subjectSdPct: 2,
    sessionSdPct: 2,
    noiseSdPct: 1.5,
    conditionEffectPct: -1.5,
    femaleConditionEffectPct: 0,
    secondVisitEffectPct: 0.5,
    missingVisitFraction: 0.1,
  };
  const options = { measure: 'Glx/tNAA', referenceCondition: 'placebo' };
  const conditionCoefficient = 'condition[naltrexone − placebo]';

  it('nested-model 95% CIs cover the condition effect at 95% ± 3% over 400 studies; subject-only CIs undercover', () => {
    const nStudies = 400;
    let nestedCovered = 0;
    let subjectOnlyCovered = 0;
    const covers = (c: { ciLow: number; ciHigh: number }) => c.ciLow <= design.conditionEffectPct && design.conditionEffectPct <= c.ciHigh;
    for (let k = 0; k < nStudies; k++) {
      const curves = syntheticStudy({ ...design, seed: 7000 + k });
      const nested = analyseStudy(curves, options).mixedModel!;
      const subjectOnly = analyseStudy(curves, { ...options, randomEffects: 'subject' }).mixedModel!;
      if (covers(nested.coefficients.find((c) => c.name === conditionCoefficient)!)) nestedCovered += 1;
      if (covers(subjectOnly.coefficients.find((c) => c.name === conditionCoefficient)!)) subjectOnlyCovered += 1;
    }
    const nestedCoverage = nestedCovered / nStudies;
    const subjectOnlyCoverage = subjectOnlyCovered / nStudies;
    console.info(
      `condition-effect coverage with a session random effect: nested ${(100 * nestedCoverage).toFixed(1)}%, ` +
        `subject-only ${(100 * subjectOnlyCoverage).toFixed(1)}% over ${nStudies} studies`,
    );
    expect(nestedCoverage).toBeGreaterThanOrEqual(0.92);
    expect(nestedCoverage).toBeLessThanOrEqual(0.98);
    expect(subjectOnlyCoverage).toBeLessThan(0.9);
  });

  it('reports the nested formula, the session variance and the subject-only alternative', () => {
    const curves = syntheticStudy({ ...design, seed: 3 });
    const nested = analyseStudy(curves, options);
    expect(nested.mixedModel!.formula).toBe(
      'Glx/tNAA % change ~ condition * timeBin + sex + sex:condition + visitOrder + (1 | subject) + (1 | subject:visit)',
    );
    expect(nested.mixedModel!.sessionVariance).toBeGreaterThan(0);
    expect(nested.mixedModel!.nSessions).toBe(curves.length);
    const md = renderStudyMarkdown(nested);
    expect(md).toContain('(1 | subject:visit)');
    expect(md).toMatch(/session \(visit within subject\) variance [\d.]+/);

    const subjectOnly = analyseStudy(curves, { ...options, randomEffects: 'subject' });
    expect(subjectOnly.mixedModel!.formula.endsWith('+ visitOrder + (1 | subject)')).toBe(true);
    expect(subjectOnly.mixedModel!.sessionVariance).toBeUndefined();
    expect(renderStudyMarkdown(subjectOnly)).not.toContain('session (visit');
    // bins of one session are not independent evidence: the nested condition test has far fewer df
    const dfOf = (r: typeof nested) => r.mixedModel!.fTests.find((t) => t.term === 'condition')!.denDf;
    expect(dfOf(nested)).toBeLessThan(dfOf(subjectOnly) / 2);
  });
});
