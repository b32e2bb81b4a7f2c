import { join } from 'node:path';
import { betasCsv } from '../output/dynamicTables.js';
import { errorsCsv, sessionsCsv, timecoursesCsv } from '../output/sessionTables.js';
import { sessionSpectraFiles } from '../output/sessionSpectra.js';
import { renderStudyMarkdown } from '../study/studyMarkdown.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { reportArtifacts } from './reportArtifacts.js';
import type { StudyRun } from './runStudy.js';

/** Serialise typed arrays as plain arrays and drop non-finite numbers to null, so study.json is valid JSON. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Writes every output of a run, each atomically; returns the paths written, relative to `outDir`. */
export async function writeRunOutputs(run: StudyRun, outDir: string): Promise<string[]> {
  const written: string[] = [];
  const write = (relative: string, contents: string | Uint8Array): void => {
    writeFileAtomic(join(outDir, relative), contents);
    written.push(relative);
  };
  const curves = run.outcomes.map((o) => o.outcome.curve);
  const reference = run.manifest.analysis.reference;
  write('timecourses.csv', timecoursesCsv(curves, reference));
  write('sessions.csv', sessionsCsv(curves, reference, run.qc.flags));
  write('errors.csv', errorsCsv(run.failures));
  const dynamicFits = run.outcomes.flatMap(({ outcome }) => (outcome.dynamic ? [{ curve: outcome.curve, fit: outcome.dynamic.fit }] : []));
  if (run.manifest.analysis.model === 'dynamic') write('betas.csv', betasCsv(dynamicFits));
  write('study.json', `${JSON.stringify({ study: run.manifest.name, ...run.study }, jsonReplacer, 2)}\n`);
  write('study.md', renderStudyMarkdown(run.study));
  const { windowTransients, stepTransients } = run.manifest.analysis;
  for (const file of sessionSpectraFiles(run.outcomes, windowTransients, stepTransients)) write(file.relativePath, file.contents);
  for (const artifact of await reportArtifacts(run)) write(artifact.relativePath, artifact.contents);
  return written;
}
