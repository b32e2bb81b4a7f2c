import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyManifest } from '../../src/manifest/studyManifest.js';
import { DEFAULT_STUDY_SIMULATION, simulateStudy, type SimulatedStudy } from '../../src/simulate/simulateStudy.js';
import { writeSimulatedStudy } from '../../src/simulate/writeSimulatedStudy.js';

/** A quick study: 9-minute sessions of 108 transients × 1024 points (about half a second each to process). */
export function simulateSmallStudy(subjects: number, seed: number): SimulatedStudy {
  return simulateStudy({
    ...DEFAULT_STUDY_SIMULATION,
    seed,
    subjects,
    averagesPerTransient: 2,
    preInfusionMin: 3,
    infusionDurationMin: 4,
    postInfusionMin: 2,
    points: 1024,
  });
}

export function writeSmallStudy(dir: string, subjects: number, seed: number): SimulatedStudy {
  const study = simulateSmallStudy(subjects, seed);
  writeSimulatedStudy(study, dir);
  return study;
}

export function readManifest(dir: string): StudyManifest {
  return JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8')) as StudyManifest;
}

/** Writes a second manifest beside study.json (same data folder) and returns its path. */
export function writeManifest(dir: string, name: string, manifest: StudyManifest): string {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}
