import { join } from 'node:path';
import { describedValue } from '../io/niftiMrsHeader.js';
import { writeNiftiMrs } from '../io/niftiMrsWrite.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import type { StudyManifestInput } from '../manifest/studyManifest.js';
import type { SimulatedStudy } from './simulateStudy.js';

const TRUTH_METABOLITES = ['Glu', 'Gln', 'NAA', 'NAAG', 'Cr', 'PCr', 'GPC', 'PCh', 'Ins'];

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(8);
}

/** Sliding windows of about 8 minutes stepping about 1 minute, whatever the stored transient's duration. */
const WINDOW_MIN = 8;
const STEP_MIN = 1;

/** The manifest `glutrace run` reads for a simulated study (paths relative to the manifest). */
export function simulatedStudyManifest(study: SimulatedStudy, fileOf: (label: string) => string): StudyManifestInput {
  const transientMin = (study.options.repetitionTimeS * study.options.averagesPerTransient) / 60;
  return {
    name: `Simulated ketamine fMRS crossover (seed ${study.options.seed})`,
    infusion: { drug: 'ketamine', doseMgPerKg: 0.5, durationMin: study.options.infusionDurationMin },
    analysis: {
      model: 'lcm',
      sequence: 'press',
      windowTransients: Math.max(1, Math.round(WINDOW_MIN / transientMin)),
      stepTransients: Math.max(1, Math.round(STEP_MIN / transientMin)),
      baselineMin: [-study.options.preInfusionMin, 0],
      reference: 'tNAA',
      referenceCondition: 'placebo',
    },
    subjects: study.subjects.map((subject) => ({
      id: subject.id,
      sex: subject.sex,
      arm: subject.arm,
      visits: subject.visits.map((visit) => ({
        id: visit.id,
        condition: visit.condition,
        metabolite: fileOf(`${subject.id}_${visit.id}_svs`),
        water: fileOf(`${subject.id}_${visit.id}_ref`),
        infusionStartMin: study.options.preInfusionMin,
        madrs: visit.madrs,
      })),
    })),
  };
}

/** truth.csv: the true concentrations (mM), frequency and phase of every stored transient. */
export function truthCsv(study: SimulatedStudy): string {
  const header = ['subject', 'sex', 'visit', 'condition', 'transient', 't_min', 'frequency_hz', 'phase_deg', 'corrupted', ...TRUTH_METABOLITES, 'Glx', 'tNAA', 'tCr', 'Glx_tNAA', 'Glu_tNAA'];
  const lines = [header.join(',')];
  for (const visit of study.visits) {
    const design = visit.subject.visits[visit.visitIndex];
    for (const row of visit.truth) {
      const c = row.concentrationsMM;
      const glx = c.Glu + c.Gln;
      const tNAA = c.NAA + c.NAAG;
      lines.push([
        visit.subject.id, visit.subject.sex, design.id, design.condition, row.transient,
        formatNumber(row.minutesFromInfusionStart), formatNumber(row.frequencyHz), formatNumber(row.phaseDeg), row.corrupted ? 1 : 0,
        ...TRUTH_METABOLITES.map((m) => formatNumber(c[m])),
        formatNumber(glx), formatNumber(tNAA), formatNumber(c.Cr + c.PCr), formatNumber(glx / tNAA), formatNumber(c.Glu / tNAA),
      ].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Writes NIfTI-MRS files (one FID per stored transient, plus a water reference per visit), study.json and truth.csv. */
export function writeSimulatedStudy(study: SimulatedStudy, outDir: string): string[] {
  const written: string[] = [];
  const write = (relative: string, contents: string | Uint8Array): void => {
    writeFileAtomic(join(outDir, relative), contents);
    written.push(relative);
  };
  const fileOf = (label: string): string => `data/${label}.nii.gz`;
  for (const visit of study.visits) {
    const header = { Manufacturer: 'glutrace simulation', SequenceName: 'PRESS', InfusionStartMin: describedValue(visit.infusionStartMin, 'Infusion start, minutes from the scan start') };
    write(fileOf(visit.metabolite.provenance.sourceName), writeNiftiMrs(visit.metabolite, { gzip: true, extraHeader: header }));
    write(fileOf(visit.water.provenance.sourceName), writeNiftiMrs(visit.water, { gzip: true, extraHeader: header }));
  }
  write('study.json', `${JSON.stringify(simulatedStudyManifest(study, fileOf), null, 2)}\n`);
  write('truth.csv', truthCsv(study));
  return written;
}
