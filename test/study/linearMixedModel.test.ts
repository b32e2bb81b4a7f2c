import { describe, expect, it } from 'vitest';
import { centredTreatmentColumns, interactionColumns, interceptColumn } from '../../src/study/factorCoding.js';
import { contrastEstimate, fitRandomIntercept, waldFTest, type FixedEffectsDesign } from '../../src/study/linearMixedModel.js';
import { fSf } from '../../src/study/distributions.js';
import { kenwardRogerContrast, kenwardRogerFTest } from '../../src/study/kenwardRoger.js';
import { SeededRandom } from '../../src/util/rng.js';

interface Term {
  name: string;
  columns: Float64Array[];
}

function buildDesign(n: number, terms: Term[]): { design: FixedEffectsDesign; termColumns: Map<string, number[]> } {
  const columns: Float64Array[] = [interceptColumn(n)];
  const columnNames = ['(Intercept)'];
  const termColumns = new Map<string, number[]>();
  for (const term of terms) {
    const indices: number[] = [];
    term.columns.forEach((c, k) => {
      indices.push(columns.length);
      columns.push(c);
      columnNames.push(`${term.name}${k}`);
    });
    termColumns.set(term.name, indices);
  }
  return { design: { columns, columnNames }, termColumns };
}

function termRows(indices: number[], p: number): Float64Array[] {
  return indices.map((j) => {
    const row = new Float64Array(p);
    row[j] = 1;
    return row;
  });
}

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('fitRandomIntercept: ergoStool (Pinheiro & Bates 2000, §1.2; Devore 1995 ex. 11.9)', () => {
  // effort by subject (rows) and stool type T1..T4 (columns)
  const effort = [
    [12, 15, 12, 10], [10, 14, 13, 12], [7, 14, 13, 9], [7, 11, 10, 9], [8, 11, 8, 7],
    [9, 11, 11, 10], [8, 12, 12, 11], [7, 11, 8, 7], [9, 13, 10, 8],
  ];
  const y = effort.flat();
  const type = effort.flatMap(() => [0, 1, 2, 3]);
  const subject = effort.flatMap((_, s) => [s, s, s, s]);
  const { design, termColumns } = buildDesign(y.length, [{ name: 'Type', columns: centredTreatmentColumns(type, 4) }]);
  const fit = fitRandomIntercept(y, design, subject);

  it('reproduces the published REML variance components and the Type F test', () => {
    // published: σ_b = 1.332465, σ = 1.100295, Type F(3, 24) = 22.36 (identical for Kenward–Roger: balanced)
    expect(relativeError(Math.sqrt(fit.subjectVariance), 1.332465)).toBeLessThan(5e-6);
    expect(relativeError(Math.sqrt(fit.residualVariance), 1.100295)).toBeLessThan(5e-6);
    // lme4: "REML criterion at convergence: 121.1"
    expect(fit.remlDeviance.toFixed(1)).toBe('121.1');
    const rows = termRows(termColumns.get('Type')!, design.columns.length);
    for (const test of [waldFTest(fit, rows)!, kenwardRogerFTest(fit, rows)!]) {
      expect(test.numDf).toBe(3);
      expect(relativeError(test.denDf, 24)).toBeLessThan(1e-6);
      expect(test.F.toPrecision(4)).toBe('22.36');
      expect(test.p).toBeLessThan(1e-4);
    }
  });

  it('gives the T2 − T1 difference 3.889 with SE 0.5187 on 24 df', () => {
    const weights = new Float64Array(design.columns.length);
    weights[termColumns.get('Type')![0]!] = 1;
    for (const c of [contrastEstimate(fit, weights)!, kenwardRogerContrast(fit, weights)!]) {
      expect(c.estimate.toPrecision(4)).toBe('3.889');
      expect(c.se.toPrecision(4)).toBe('0.5187');
      expect(relativeError(c.df, 24)).toBeLessThan(1e-6);
    }
  });
});

/** Classical ANOVA for a randomised complete block (subjects) with a two-factor within-subject factorial. */
function blockFactorialAnova(y: number[][][]) {
  // y[subject][a][b]
  const n = y.length;
  const A = y[0]!.length;
  const B = y[0]![0]!.length;
  const all = y.flat(2);
  const grand = mean(all);
  const subjectMean = y.map((s) => mean(s.flat()));
  const aMean = Array.from({ length: A }, (_, a) => mean(y.flatMap((s) => s[a]!)));
  const bMean = Array.from({ length: B }, (_, b) => mean(y.map((s) => s.map((row) => row[b]!)).flat()));
  const cellMean = (a: number, b: number) => mean(y.map((s) => s[a]![b]!));
  let ssA = 0;
  let ssB = 0;
  let ssAB = 0;
  let ssE = 0;
  for (let a = 0; a < A; a++) ssA += n * B * (aMean[a]! - grand) ** 2;
  for (let b = 0; b < B; b++) ssB += n * A * (bMean[b]! - grand) ** 2;
  for (let a = 0; a < A; a++)
    for (let b = 0; b < B; b++) ssAB += n * (cellMean(a, b) - aMean[a]! - bMean[b]! + grand) ** 2;
  y.forEach((s, i) =>
    s.forEach((row, a) => row.forEach((v, b) => (ssE += (v - subjectMean[i]! - cellMean(a, b) + grand) ** 2))),
  );
  const dfE = (n - 1) * (A * B - 1);
  const msE = ssE / dfE;
  return {
    dfE,
    A: { F: ssA / (A - 1) / msE, numDf: A - 1 },
    B: { F: ssB / (B - 1) / msE, numDf: B - 1 },
    AB: { F: ssAB / ((A - 1) * (B - 1)) / msE, numDf: (A - 1) * (B - 1) },
  };
}

describe('fitRandomIntercept: closed-form balanced designs', () => {
  it('within-subject condition × time factorial equals the randomised-block ANOVA (F and exact df)', () => {
    const rng = new SeededRandom(11);
    const nSubjects = 8;
    const nCond = 2;
    const nBins = 4;
    const cube = Array.from({ length: nSubjects }, () => {
      const u = 3 * rng.normal();
      return Array.from({ length: nCond }, (_, c) =>
        Array.from({ length: nBins }, (_, b) => u + 0.8 * c + 0.3 * b + 0.4 * c * (b === 2 ? 1 : 0) + rng.normal()),
      );
    });
    const y: number[] = [];
    const cond: number[] = [];
    const bin: number[] = [];
    const subject: number[] = [];
    cube.forEach((s, i) => s.forEach((row, c) => row.forEach((v, b) => (y.push(v), cond.push(c), bin.push(b), subject.push(i)))));
    const condCols = centredTreatmentColumns(cond, nCond);
    const binCols = centredTreatmentColumns(bin, nBins);
    const { design, termColumns } = buildDesign(y.length, [
      { name: 'condition', columns: condCols },
      { name: 'timeBin', columns: binCols },
      { name: 'condition:timeBin', columns: interactionColumns(condCols, binCols) },
    ]);
    const fit = fitRandomIntercept(y, design, subject);
    const anova = blockFactorialAnova(cube);
    const p = design.columns.length;
    const pairs: [string, { F: number; numDf: number }][] = [
      ['condition', anova.A],
      ['timeBin', anova.B],
      ['condition:timeBin', anova.AB],
    ];
    for (const [term, expected] of pairs) {
      for (const test of [waldFTest(fit, termRows(termColumns.get(term)!, p))!, kenwardRogerFTest(fit, termRows(termColumns.get(term)!, p))!]) {
        expect(test.numDf).toBe(expected.numDf);
        expect(relativeError(test.F, expected.F)).toBeLessThan(5e-5);
        expect(relativeError(test.denDf, anova.dfE)).toBeLessThan(5e-5);
        expect(relativeError(test.p, fSf(expected.F, expected.numDf, anova.dfE))).toBeLessThan(5e-5);
      }
    }
  });

  it('split-plot (sex between subjects, condition within) equals the split-plot ANOVA', () => {
    const rng = new SeededRandom(5);
    const perSex = 6;
    const nCond = 3;
    // y[sex][subject][condition]
    const y3 = [0, 1].map((sex) =>
      Array.from({ length: perSex }, () => {
        const u = 2 * rng.normal();
        return Array.from({ length: nCond }, (_, c) => u + 0.7 * sex + 0.5 * c - 0.6 * sex * (c === 1 ? 1 : 0) + rng.normal());
      }),
    );
    const y: number[] = [];
    const sexOf: number[] = [];
    const condOf: number[] = [];
    const subjectOf: number[] = [];
    y3.forEach((group, g) =>
      group.forEach((s, i) => s.forEach((v, c) => (y.push(v), sexOf.push(g), condOf.push(c), subjectOf.push(g * perSex + i)))),
    );
    // classical split-plot ANOVA
    const grand = mean(y);
    const sexMean = y3.map((g) => mean(g.flat()));
    const subjectMean = y3.map((g) => g.map((s) => mean(s)));
    const condMean = Array.from({ length: nCond }, (_, c) => mean(y3.flatMap((g) => g.map((s) => s[c]!))));
    const cellMean = (g: number, c: number) => mean(y3[g]!.map((s) => s[c]!));
    let ssSex = 0;
    let ssSubj = 0;
    let ssCond = 0;
    let ssInt = 0;
    let ssE = 0;
    for (let g = 0; g < 2; g++) {
      ssSex += perSex * nCond * (sexMean[g]! - grand) ** 2;
      for (let i = 0; i < perSex; i++) ssSubj += nCond * (subjectMean[g]![i]! - sexMean[g]!) ** 2;
      for (let c = 0; c < nCond; c++) {
        ssInt += perSex * (cellMean(g, c) - sexMean[g]! - condMean[c]! + grand) ** 2;
        for (let i = 0; i < perSex; i++) ssE += (y3[g]![i]![c]! - subjectMean[g]![i]! - cellMean(g, c) + sexMean[g]!) ** 2;
      }
    }
    for (let c = 0; c < nCond; c++) ssCond += 2 * perSex * (condMean[c]! - grand) ** 2;
    const dfSubj = 2 * (perSex - 1);
    const dfE = 2 * (perSex - 1) * (nCond - 1);
    const expected = {
      sex: { F: ssSex / (ssSubj / dfSubj), numDf: 1, denDf: dfSubj },
      condition: { F: ssCond / (nCond - 1) / (ssE / dfE), numDf: nCond - 1, denDf: dfE },
      'sex:condition': { F: ssInt / (nCond - 1) / (ssE / dfE), numDf: nCond - 1, denDf: dfE },
    };
    const sexCols = centredTreatmentColumns(sexOf, 2);
    const condCols = centredTreatmentColumns(condOf, nCond);
    const { design, termColumns } = buildDesign(y.length, [
      { name: 'sex', columns: sexCols },
      { name: 'condition', columns: condCols },
      { name: 'sex:condition', columns: interactionColumns(sexCols, condCols) },
    ]);
    const fit = fitRandomIntercept(y, design, subjectOf);
    expect(fit.subjectVariance).toBeGreaterThan(0);
    for (const [term, e] of Object.entries(expected)) {
      const rows = termRows(termColumns.get(term)!, design.columns.length);
      for (const test of [waldFTest(fit, rows)!, kenwardRogerFTest(fit, rows)!]) {
        expect(test.numDf).toBe(e.numDf);
        expect(relativeError(test.F, e.F)).toBeLessThan(5e-5);
        expect(relativeError(test.denDf, e.denDf)).toBeLessThan(5e-5);
      }
    }
  });

  it('balanced nested design (groups of subjects, replicates within subject) tests groups against subjects', () => {
    const rng = new SeededRandom(23);
    const nGroups = 3;
    const perGroup = 4;
    const reps = 3;
    const y: number[] = [];
    const groupOf: number[] = [];
    const subjectOf: number[] = [];
    for (let g = 0; g < nGroups; g++)
      for (let i = 0; i < perGroup; i++) {
        const u = 1.5 * rng.normal();
        for (let r = 0; r < reps; r++) {
          y.push(g * 0.9 + u + rng.normal());
          groupOf.push(g);
          subjectOf.push(g * perGroup + i);
        }
      }
    const grand = mean(y);
    const groupMeans = Array.from({ length: nGroups }, (_, g) => mean(y.filter((_, k) => groupOf[k] === g)));
    const subjectMeans = Array.from({ length: nGroups * perGroup }, (_, s) => mean(y.filter((_, k) => subjectOf[k] === s)));
    const ssGroup = groupMeans.reduce((s, m) => s + perGroup * reps * (m - grand) ** 2, 0);
    const ssSubj = subjectMeans.reduce((s, m, k) => s + reps * (m - groupMeans[Math.floor(k / perGroup)]!) ** 2, 0);
    const dfSubj = nGroups * (perGroup - 1);
    const expectedF = ssGroup / (nGroups - 1) / (ssSubj / dfSubj);
    const { design, termColumns } = buildDesign(y.length, [{ name: 'group', columns: centredTreatmentColumns(groupOf, nGroups) }]);
    const fit = fitRandomIntercept(y, design, subjectOf);
    const rows = termRows(termColumns.get('group')!, design.columns.length);
    for (const test of [waldFTest(fit, rows)!, kenwardRogerFTest(fit, rows)!]) {
      expect(relativeError(test.F, expectedF)).toBeLessThan(5e-5);
      expect(relativeError(test.denDf, dfSubj)).toBeLessThan(5e-5);
    }
  });
});

describe('fitRandomIntercept: edge cases', () => {
  it('drops aliased columns with a warning and still fits', () => {
    const rng = new SeededRandom(3);
    const n = 30;
    const subject = Array.from({ length: n }, (_, i) => Math.floor(i / 3));
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Array.from(x, (v, i) => 2 * v + subject[i]! * 0.1 + rng.normal());
    const design = { columns: [interceptColumn(n), x, x.map((v) => 2 * v)], columnNames: ['(Intercept)', 'x', '2x'] };
    const fit = fitRandomIntercept(y, design, subject);
    expect(fit.droppedColumns).toEqual([2]);
    expect(fit.warnings.join(' ')).toContain('2x');
    expect(Number.isNaN(fit.beta[2]!)).toBe(true);
    expect(contrastEstimate(fit, [0, 0, 1])).toBeNull();
    expect(Math.abs(fit.beta[1]! - 2)).toBeLessThan(0.5);
  });

  it('falls back to ordinary least squares when each subject has one observation', () => {
    const rng = new SeededRandom(4);
    const n = 20;
    const x = Float64Array.from({ length: n }, (_, i) => i / n);
    const y = Array.from(x, (v) => 1 + 3 * v + 0.1 * rng.normal());
    const fit = fitRandomIntercept(y, { columns: [interceptColumn(n), x], columnNames: ['(Intercept)', 'x'] }, Array.from({ length: n }, (_, i) => i));
    expect(fit.subjectVariance).toBe(0);
    expect(fit.warnings.length).toBeGreaterThan(0);
    const slope = contrastEstimate(fit, [0, 1])!;
    expect(slope.df).toBe(n - 2);
    // OLS slope by hand
    const mx = mean([...x]);
    const my = mean(y);
    const sxy = y.reduce((s, v, i) => s + (x[i]! - mx) * (v - my), 0);
    const sxx = [...x].reduce((s, v) => s + (v - mx) ** 2, 0);
    expect(slope.estimate).toBeCloseTo(sxy / sxx, 10);
  });

  it('estimates scale with the response and F tests are invariant to it', () => {
    const rng = new SeededRandom(8);
    const n = 40;
    const subject = Array.from({ length: n }, (_, i) => i % 10);
    const cond = Array.from({ length: n }, (_, i) => (i < 20 ? 0 : 1));
    const y = Array.from({ length: n }, (_, i) => cond[i]! + subject[i]! * 0.2 + rng.normal());
    const design = { columns: [interceptColumn(n), ...centredTreatmentColumns(cond, 2)], columnNames: ['(Intercept)', 'c'] };
    const a = fitRandomIntercept(y, design, subject);
    const b = fitRandomIntercept(y.map((v) => 5 * v + 7), design, subject);
    expect(b.beta[1]! / a.beta[1]!).toBeCloseTo(5, 8);
    const fa = waldFTest(a, [[0, 1]])!;
    const fb = waldFTest(b, [[0, 1]])!;
    expect(relativeError(fb.F, fa.F)).toBeLessThan(1e-6);
    expect(relativeError(fb.denDf, fa.denDf)).toBeLessThan(1e-6);
  });
});
