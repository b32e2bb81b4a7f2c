import { simulateStudy, DEFAULT_STUDY_SIMULATION } from '../simulate/simulateStudy.js';
import { writeSimulatedStudy } from '../simulate/writeSimulatedStudy.js';

export interface SimulateCommandOptions {
  output: string;
  seed: number;
  subjects: number;
  averagesPerTransient: number;
  json: boolean;
}

export function simulateCommand(options: SimulateCommandOptions): void {
  const study = simulateStudy({
    ...DEFAULT_STUDY_SIMULATION,
    seed: options.seed,
    subjects: options.subjects,
    averagesPerTransient: options.averagesPerTransient,
  });
  const files = writeSimulatedStudy(study, options.output);
  const summary = { output: options.output, seed: options.seed, subjects: options.subjects, sessions: study.visits.length, files: files.length };
  process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `Wrote ${summary.sessions} sessions of ${summary.subjects} subjects (seed ${summary.seed}) to ${summary.output}\n`);
}
