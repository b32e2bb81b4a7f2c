import { runStudy } from '../pipeline/runStudy.js';
import { writeRunOutputs } from '../pipeline/writeRunOutputs.js';
import { progressBar } from './progressBar.js';

export interface RunCommandOptions {
  manifest: string;
  output: string;
  jobs: number;
  json: boolean;
}

/** Returns the exit code: 0 when every session succeeded, 2 when some failed (their outputs still written). */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const run = await runStudy(options.manifest, { jobs: options.jobs, onProgress: progressBar(!options.json) });
  const written = writeRunOutputs(run, options.output);
  const summary = {
    output: options.output,
    sessions: run.outcomes.length + run.failures.length,
    succeeded: run.outcomes.length,
    failed: run.failures.map((f) => ({ subject: f.subject, visit: f.visit, error: f.message })),
    files: written.length,
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(`${summary.succeeded}/${summary.sessions} sessions processed; ${written.length} files in ${options.output} (report.html)\n`);
    for (const failure of run.failures) process.stderr.write(`glutrace: ${failure.subject}/${failure.visit}: ${failure.message}\n`);
  }
  return run.failures.length > 0 ? 2 : 0;
}
