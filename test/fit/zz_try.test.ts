import { test } from 'vitest';
import { join } from 'node:path';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import { quantifyWaterScaled, waterAmplitude } from '../../src/fit/waterScaling.js';
import { readChallengeBasis, readChallengeDataset, CHALLENGE_GRID, readTable, readTextFid, CHALLENGE_DIR } from './helpers/ismrmChallenge.js';
test('try', () => {
  const basis = readChallengeBasis();
  const truth = readTable('truth/lcm_validation_answers.csv');
  const fsl = readTable(`truth/fslmrs_2.4.8_${process.env.FSL ?? 'newton'}_fits.csv`);
  const p = join(CHALLENGE_DIR, 'Cr_water_scaling_text/Cr_10mM_test_water_scaling.txt');
  const crFit = fitSpectrum(readTextFid(p, 0), CHALLENGE_GRID, { model: 'lcm', basis });
  const q = { echoTimeS: 0.03, repetitionTimeS: null, tissue: { gm: 0.6, wm: 0.4, csf: 0 } };
  const w0 = waterAmplitude(readTextFid(p, 2));
  console.log('w first vs extrap', Math.hypot(readChallengeDataset(1).water[0], readChallengeDataset(1).water[1]), waterAmplitude(readChallengeDataset(1).water)); console.log('Cr test', quantifyWaterScaled(crFit.amplitudes, { ...q, waterAmplitude: w0 }).Cr, w0);
  const keys: [string, string][] = [['Glu','Glu'],['Gln','Gln'],['NAA','NAA'],['tCr','Cr+PCr'],['Ins','Ins'],['tCho','GPC+PCho'],['NAAG','NAAG'],['tNAA','NAA+NAAG'],['GSH','GSH'],['GABA','GABA'],['Glx','Glu+Gln'],['Cr','Cr'],['PCr','PCr'],['GPC','GPC'],['PCho','PCho'],['Tau','Tau'],['Asp','Asp'],['Lac','Lac'],['Glc','Glc'],['PE','PE'],['sIns','sIns'],['Gly','Gly'],['Ala','Ala'],['Asc','Asc']];
  const sErr: Record<string, number[]> = {}, sErrF: Record<string, number[]> = {}; const err: Record<string, number[]> = {}, errF: Record<string, number[]> = {}, errI: Record<string, number[]> = {};
  for (let ds = 1; ds <= 21; ds++) {
    const { metabolite, water } = readChallengeDataset(ds);
    const r = fitSpectrum(metabolite, CHALLENGE_GRID, { model: 'lcm', basis, baseline: { polynomialOrder: Number(process.env.BL ?? 2) }, ...(process.env.ONEGROUP ? { groups: { Mac: 'metabolites' } } : {}), ...(process.env.RANGE ? { ppmRange: JSON.parse(process.env.RANGE) } : {}) });
    const conc = quantifyWaterScaled(r.amplitudes, { ...q, waterAmplitude: waterAmplitude(water) });
    for (const [k, t] of keys) {
      const tv = truth.rows.get(t)![ds-1];
      const fv = t.includes('+') ? t.split('+').reduce((s, x) => s + fsl.rows.get(x)![ds-1], 0) : fsl.rows.get(t)![ds-1];
      (err[k] ??= []).push(Math.abs(conc[k]/tv - 1)*100); (sErr[k] ??= []).push((conc[k]/tv - 1)*100); (sErrF[k] ??= []).push((fv/tv - 1)*100);
      (errF[k] ??= []).push(Math.abs(fv/tv - 1)*100);
      (errI[k] ??= []).push(Math.abs(r.amplitudes[k]/r.amplitudes.tCr * truth.rows.get('Cr+PCr')![ds-1]/tv - 1)*100);
    }
    if (process.env.VERBOSE) console.log(ds, keys.map(([k,t]) => `${k} ${conc[k].toFixed(2)}/${(t.includes('+') ? t.split('+').reduce((s, x) => s + fsl.rows.get(x)![ds-1], 0) : fsl.rows.get(t)![ds-1]).toFixed(2)}/${truth.rows.get(t)![ds-1].toFixed(2)} ${(100*r.crlbSd[k]/r.amplitudes[k]).toFixed(0)}%`).join(' '), 'lw', r.lorentzianHz.toFixed(1), r.gaussianHz.toFixed(1), 'res', r.qc.residualToNoise.toFixed(2), r.qc.iterations);
  }
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0)/a.length;
  for (const [k] of keys) console.log(k.padEnd(6), 'ours', mean(err[k]).toFixed(1), 'fsl', mean(errF[k]).toFixed(1), 'ours-int', mean(errI[k]).toFixed(1), 'bias', mean(sErr[k]).toFixed(1), 'fslbias', mean(sErrF[k]).toFixed(1));
});
