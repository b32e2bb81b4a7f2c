import { join } from 'node:path';
import { readOutputIndex, removeStaleOutputs, writeOutputIndex } from '../pipeline/outputIndex.js';
import { loadCheckedManifest, runStudy } from '../pipeline/runStudy.js';
import { removeStaleTemporaries } from '../pipeline/sessionStore.js';
import { writeRunOutputs } from '../pipeline/writeRunOutputs.js';
import { ensureDirectory } from '../util/ensureDirectory.js';
import { progressBar } from './progressBar.js';

export interface RunCommandOptions {
  manifest: string;
  output: string;
  jobs: number;
  json: boolean;
  /** Reuse sessions stored by an earlier (possibly interrupted) run into the same output folder. */
  resume?: boolean;
  /** Write each session's fitted spectra as NIfTI-MRS in OUT/spectra/. */
  saveSpectra?: boolean;
}

/** Returns the exit code: 0 when every session succeeded, 2 when some failed (their outputs still written). */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  // manifest, study inputs and output folder before any session runs (and no folder made for a bad manifest)
  const manifest = loadCheckedManifest(options.manifest);
  ensureDirectory(options.output);
  removeStaleTemporaries(options.output);
  const previousOutputs = readOutputIndex(options.output);
  const run = await runStudy(manifest, {
    jobs: options.jobs,
    onProgress: progressBar(!options.json),
    sessionDir: join(options.output, 'sessions'),
    resume: options.resume ?? false,
    saveSpectra: options.saveSpectra ?? false,
  });
  const written = await writeRunOutputs(run, options.output);
  const removed = removeStaleOutputs(options.output, previousOutputs, written);
  writeOutputIndex(options.output, written);
  const summary = {
    output: options.output,
    sessions: run.outcomes.length + run.failures.length,
    succeeded: run.outcomes.length,
    reused: run.reusedSessions,
    failed: run.failures.map((f) => ({ subject: f.subject, visit: f.visit, error: f.message })),
    warnings: run.warnings,
    files: written.length,
    removedStaleFiles: removed.length,
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const reused = run.reusedSessions > 0 ? ` (${run.reusedSessions} reused from an earlier run)` : '';
    const stale = removed.length > 0 ? `; removed ${removed.length} file${removed.length === 1 ? '' : 's'} an earlier run wrote there` : '';
    process.stdout.write(`${summary.succeeded}/${summary.sessions} sessions processed${reused}; ${written.length} files in ${options.output} (report.html)${stale}\n`);
    for (const failure of run.failures) process.stderr.write(`glutrace: ${failure.subject}/${failure.visit}: ${failure.message}\n`);
    for (const warning of run.warnings) process.stderr.write(`glutrace: warning: ${warning}\n`);
  }
  return run.failures.length > 0 ? 2 : 0;
}
