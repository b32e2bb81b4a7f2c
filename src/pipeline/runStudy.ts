import { loadStudyManifest, type LoadedManifest, type StudyManifest } from '../manifest/studyManifest.js';
import type { MrsData } from '../types/mrsData.js';
import type { SessionCurve } from '../types/timecourse.js';
import type { StudyResult } from '../types/study.js';
import { analyseStudy } from '../study/analyseStudy.js';
import { medianCrlbPercent, qcFlags, type QcThresholds } from '../timecourse/sessionQc.js';
import { DataError } from '../util/errors.js';
import type { BasisSource } from './basisSource.js';
import { checkStudyInputs } from './checkStudyInputs.js';
import { basisSimulationForData } from './headerSequence.js';
import { processSession, type SessionJob, type SessionOutcome } from './processSession.js';
import { loadSession, saveSession, sessionHash } from './sessionStore.js';
import { assertWorkerScriptsLoad, createWorkerPool, workerScript } from './workerPool.js';

export interface SessionFailure {
  subject: string;
  visit: string;
  file: string;
  message: string;
}

export interface StudyRun {
  manifestPath: string;
  manifest: StudyManifest;
  outcomes: { job: SessionJob; outcome: SessionOutcome }[];
  failures: SessionFailure[];
  study: StudyResult;
  /** Sessions taken from the session store instead of being processed again (resume). */
  reusedSessions: number;
  /** Problems with results that still count ("subject/visit: …", and study-wide ones), also in study.warnings. */
  warnings: string[];
  /**
   * The QC limits, and per outcome (in `outcomes` order) its median window CRLB (% per metabolite) and the reasons
   * it fails the limits (empty when it passes).
   */
  qc: { limits: QcThresholds; excludeFailing: boolean; crlbPct: Record<string, number>[]; flags: string[][] };
}

export interface RunOptions {
  jobs: number;
  /** Called after each session with (done, total, label). */
  onProgress?: (done: number, total: number, label: string) => void;
  /**
   * Folder where each finished session's outcome is stored with the hash of its inputs and settings
   * (OUTDIR/sessions); none when omitted.
   */
  sessionDir?: string;
  /** Reuse stored sessions whose hash still matches instead of processing them again. */
  resume?: boolean;
  /** Limit for one worker task (default DEFAULT_TASK_TIMEOUT_MS). */
  taskTimeoutMs?: number;
  /** Keep each session's fitted spectra (SessionOutcome.spectra) for writing as NIfTI-MRS. */
  saveSpectra?: boolean;
}

/** Sessions processed at once; memory holds at most this many sessions' transients. */
const SESSIONS_IN_FLIGHT = 2;

function sessionJobs(manifest: StudyManifest): SessionJob[] {
  return manifest.subjects.flatMap((subject) => subject.visits.map((visit, v) => ({ subject, visit, visitOrder: v + 1 })));
}

function basisChooser(manifest: StudyManifest, resolvePath: (relative: string) => string): (metabolite: MrsData) => BasisSource {
  const { basis, sequence } = manifest.analysis;
  if (basis) return () => ({ kind: 'file', path: resolvePath(basis) });
  return (metabolite) => {
    const simulation = basisSimulationForData(metabolite, sequence);
    if (!simulation) throw new DataError(`${metabolite.provenance.sourceName}: no echo time in the header, so no basis can be simulated; give analysis.basis`);
    return { kind: 'simulated', options: simulation };
  };
}

/** The manifest with its study-level inputs (e.g. analysis.basis) checked, before any session starts. */
export function loadCheckedManifest(manifestPath: string): LoadedManifest {
  const loaded = loadStudyManifest(manifestPath);
  checkStudyInputs(loaded);
  return loaded;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * Runs every session of a study through the worker pool, two sessions at a time (bounded memory), isolating
 * failures: a session that cannot be read or processed is recorded and the others go on. With a session
 * folder, each finished session is stored as it completes, so a killed run can resume where it stopped.
 */
export async function runStudy(manifestSource: string | LoadedManifest, options: RunOptions): Promise<StudyRun> {
  const loaded = typeof manifestSource === 'string' ? loadCheckedManifest(manifestSource) : manifestSource;
  const { manifest, path, resolvePath } = loaded;
  const jobs = sessionJobs(manifest);
  await assertWorkerScriptsLoad([workerScript('alignTransients'), workerScript('fitSpectra'), workerScript('fitDynamic')]);
  const pool = createWorkerPool({ jobs: options.jobs, taskTimeoutMs: options.taskTimeoutMs });
  let reusedSessions = 0;
  let finished = 0;
  const saveSpectra = options.saveSpectra ?? false;
  const context = { manifest, pool, jobs: options.jobs, resolvePath, basisFor: basisChooser(manifest, resolvePath), saveSpectra };
  const results: ({ outcome: SessionOutcome } | { failure: SessionFailure })[] = new Array(jobs.length);
  const runJob = async (index: number): Promise<void> => {
    const job = jobs[index];
    const hash = options.sessionDir ? sessionHash(manifest, job, resolvePath, { saveSpectra }) : null;
    const stored = options.resume && options.sessionDir && hash ? loadSession(options.sessionDir, job, hash) : null;
    try {
      const outcome = stored ?? (await processSession(job, context));
      if (stored) reusedSessions++;
      else if (options.sessionDir && hash) saveSession(options.sessionDir, job, hash, outcome);
      results[index] = { outcome };
    } catch (error) {
      results[index] = { failure: { subject: job.subject.id, visit: job.visit.id, file: job.visit.metabolite, message: oneLine(error) } };
    }
    options.onProgress?.(++finished, jobs.length, `${job.subject.id}/${job.visit.id}`);
  };
  // Two sessions in flight keep both kinds of work going: one session's main-thread steps (reading, rejection,
  // averaging) overlap the other's worker tasks. Results keep manifest order, so outputs do not depend on timing.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) await runJob(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(SESSIONS_IN_FLIGHT, jobs.length) }, lane));
  } finally {
    await pool.destroy();
  }
  const outcomes = results.flatMap((r, i) => ('outcome' in r ? [{ job: jobs[i], outcome: r.outcome }] : []));
  const failures = results.flatMap((r) => ('failure' in r ? [r.failure] : []));
  const qc = sessionQc(manifest, outcomes);
  // sessions outside the QC limits stay in every table and plot; with excludeFailing they leave the statistics
  const curves: SessionCurve[] = outcomes.filter((_, i) => !(qc.excludeFailing && qc.flags[i].length)).map((o) => o.outcome.curve);
  const analysed = analyseStudy(curves, {
    measure: `${manifest.analysis.outcome}/${manifest.analysis.reference}`,
    referenceCondition: manifest.analysis.referenceCondition,
    randomEffects: manifest.analysis.randomEffects,
    timeBinMin: manifest.analysis.timeBinMin,
  });
  const warnings = [...runWarnings(outcomes), ...qcExclusionWarnings(outcomes, qc)];
  const study = { ...analysed, warnings: [...warnings, ...analysed.warnings] };
  return { manifestPath: path, manifest, outcomes, failures, study, reusedSessions, warnings, qc };
}

function sessionQc(manifest: StudyManifest, outcomes: { outcome: SessionOutcome }[]): StudyRun['qc'] {
  const { minSnr, maxFwhmPpm, maxCrlbPercent, excludeFailing } = manifest.analysis.qc;
  const limits: QcThresholds = { minSnr, maxFwhmPpm, maxCrlbPct: maxCrlbPercent };
  const crlbPct = outcomes.map(({ outcome }) => medianCrlbPercent(outcome.windowFits));
  return { limits, excludeFailing, crlbPct, flags: outcomes.map(({ outcome }, i) => qcFlags(outcome.curve, crlbPct[i], limits)) };
}

function qcExclusionWarnings(outcomes: { job: SessionJob }[], qc: StudyRun['qc']): string[] {
  if (!qc.excludeFailing) return [];
  return outcomes.flatMap(({ job }, i) => (qc.flags[i].length
    ? [`${job.subject.id}/${job.visit.id}: left out of the study statistics, outside the QC limits (${qc.flags[i].join('; ')})`]
    : []));
}

/** Each session's warnings, and a study fitted with more than one basis (its ratios are not on one scale). */
function runWarnings(outcomes: { job: SessionJob; outcome: SessionOutcome }[]): string[] {
  const warnings = outcomes.flatMap(({ job, outcome }) => outcome.warnings.map((w) => `${job.subject.id}/${job.visit.id}: ${w}`));
  const bases = new Map<string, string[]>();
  for (const { job, outcome } of outcomes) {
    if (outcome.basis) bases.set(outcome.basis, [...(bases.get(outcome.basis) ?? []), `${job.subject.id}/${job.visit.id}`]);
  }
  if (bases.size > 1) {
    const uses = [...bases].map(([basis, sessions]) => `${basis} (${sessions.length === 1 ? sessions[0] : `${sessions.length} sessions`})`);
    warnings.push(`sessions were fitted with ${bases.size} different bases, so their ratios are not on one scale: ${uses.join('; ')}`);
  }
  return warnings;
}
