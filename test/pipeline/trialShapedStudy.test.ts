import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../helpers/csv.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

// A 26-subject crossover shaped like the trial, simulated with known effects, run through the real CLI.
// Longer stored transients (32 excitations) keep the run short; the windows still span about 8 minutes.
const root = fileScratchDir('trial');
const studyDir = join(root, 'study');
const outDir = join(root, 'out');

interface Contrast { metric: string; estimate: number; ciLow: number; ciHigh: number; n: number; label: string }
interface Association { label: string; slope: number; slopeCiLow: number; slopeCiHigh: number; n: number }
let study: { pairedMetrics: Contrast[]; sexByCondition: Contrast[]; madrsAssociations: Association[]; mixedModel: { fTests: { term: string; F: number; p: number }[]; coefficients: { name: string; estimate: number; ciLow: number; ciHigh: number }[] } };

/** True mean Glx/tNAA % change during the infusion, per session, from truth.csv. */
function trueResponses(): Map<string, { sex: string; condition: string; response: number }> {
  const rows = readCsv(join(studyDir, 'truth.csv'));
  const sessions = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.subject}|${row.visit}`;
    sessions.set(key, [...(sessions.get(key) ?? []), row]);
  }
  const out = new Map<string, { sex: string; condition: string; response: number }>();
  for (const [key, transients] of sessions) {
    const mean = (xs: typeof transients): number => xs.reduce((s, t) => s + Number(t.Glx_tNAA), 0) / xs.length;
    const base = mean(transients.filter((t) => Number(t.t_min) < 0));
    const during = mean(transients.filter((t) => Number(t.t_min) > 0 && Number(t.t_min) <= 40));
    out.set(key, { sex: transients[0].sex, condition: transients[0].condition, response: 100 * (during / base - 1) });
  }
  return out;
}

function pairedDifferences(): { subject: string; sex: string; difference: number }[] {
  const responses = trueResponses();
  const subjects = [...new Set([...responses.keys()].map((k) => k.split('|')[0]))];
  return subjects.map((subject) => {
    const visits = [...responses.entries()].filter(([k]) => k.startsWith(`${subject}|`)).map(([, v]) => v);
    const of = (condition: string): number => visits.find((v) => v.condition === condition)!.response;
    return { subject, sex: visits[0].sex, difference: of('naltrexone') - of('placebo') };
  });
}

beforeAll(() => {
  execFileSync('node', ['dist/src/cli/main.js', 'simulate', '-o', studyDir, '--seed', '26', '--subjects', '26', '--averages-per-transient', '32']);
  execFileSync('node', ['dist/src/cli/main.js', 'run', join(studyDir, 'study.json'), '-o', outDir, '--json']);
  study = JSON.parse(readFileSync(join(outDir, 'study.json'), 'utf8'));
}, 900_000);

describe('a simulated 26-subject trial-shaped study', () => {
  it('reports the naltrexone − placebo difference in Glx/tNAA rise with the size put in', () => {
    const truth = pairedDifferences();
    const trueMean = truth.reduce((s, d) => s + d.difference, 0) / truth.length;
    const metric = study.pairedMetrics.find((m) => m.metric === 'meanInfusionPctChange')!;
    console.log(`condition effect: true ${trueMean.toFixed(2)} %, estimated ${metric.estimate.toFixed(2)} [${metric.ciLow.toFixed(2)}, ${metric.ciHigh.toFixed(2)}]`);
    expect(metric.n).toBe(26);
    expect(metric.ciHigh).toBeLessThan(0);
    expect(metric.ciLow).toBeLessThan(trueMean);
    expect(metric.ciHigh).toBeGreaterThan(trueMean);
    const condition = study.mixedModel.fTests.find((t) => t.term === 'condition')!;
    expect(condition.p).toBeLessThan(0.001);
  });

  it('reports the stronger naltrexone effect in males (sex × condition) with the size put in', () => {
    const truth = pairedDifferences();
    const meanOf = (sex: string): number => {
      const xs = truth.filter((d) => d.sex === sex);
      return xs.reduce((s, d) => s + d.difference, 0) / xs.length;
    };
    const trueFemaleMinusMale = meanOf('F') - meanOf('M');
    const contrast = study.sexByCondition.find((c) => c.metric === 'meanInfusionPctChange')!;
    console.log(`sex × condition (F − M of naltrexone − placebo): true ${trueFemaleMinusMale.toFixed(2)} %, estimated ${contrast.estimate.toFixed(2)} [${contrast.ciLow.toFixed(2)}, ${contrast.ciHigh.toFixed(2)}]`);
    expect(trueFemaleMinusMale).toBeGreaterThan(0);
    expect(contrast.estimate).toBeGreaterThan(0);
    expect(contrast.ciLow).toBeLessThan(trueFemaleMinusMale);
    expect(contrast.ciHigh).toBeGreaterThan(trueFemaleMinusMale);
  });

  it('reports the MADRS association with the sign and size put in', () => {
    // The simulation lowers MADRS at 24 h in proportion to the glutamate rise: the slope is negative.
    const responses = trueResponses();
    const manifest = JSON.parse(readFileSync(join(studyDir, 'study.json'), 'utf8'));
    const x: number[] = [];
    const y: number[] = [];
    for (const subject of manifest.subjects) {
      for (const visit of subject.visits) {
        if (visit.condition !== 'placebo') continue;
        x.push(responses.get(`${subject.id}|${visit.id}`)!.response);
        y.push(visit.madrs.h24 - visit.madrs.baseline);
      }
    }
    const mx = x.reduce((s, v) => s + v, 0) / x.length;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    const trueSlope = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / x.reduce((s, v) => s + (v - mx) ** 2, 0);
    const association = study.madrsAssociations.find((a) => a.label === 'placebo')!;
    console.log(`MADRS change vs Glx/tNAA response (placebo): true slope ${trueSlope.toFixed(3)}, estimated ${association.slope.toFixed(3)} [${association.slopeCiLow.toFixed(3)}, ${association.slopeCiHigh.toFixed(3)}]`);
    expect(trueSlope).toBeLessThan(0);
    expect(association.slope).toBeLessThan(0);
    expect(association.slopeCiLow).toBeLessThan(trueSlope);
    expect(association.slopeCiHigh).toBeGreaterThan(trueSlope);
  });
});
