#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { GlutraceError } from '../util/errors.js';
import { defaultJobs } from '../pipeline/workerPool.js';
import { runCommand } from './runCommand.js';
import { simulateCommand } from './simulateCommand.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

const program = new Command()
  .name('glutrace')
  .description('Functional MRS: glutamate over time during a drug infusion, from scanner files to statistics and a report')
  .option('--debug', 'show stack traces on errors')
  .showHelpAfterError();

program
  .command('run')
  .description('process every session of a study manifest and write curves, statistics, plots and a report')
  .argument('<study>', 'study manifest (study.json)')
  .requiredOption('-o, --output <dir>', 'output folder')
  .option('-j, --jobs <n>', 'worker threads (default: CPU count)', positiveInteger, defaultJobs())
  .option('--json', 'print a JSON summary instead of text; no progress bar')
  .action(async (study: string, options: { output: string; jobs: number; json?: boolean }) => {
    process.exitCode = await runCommand({ manifest: study, output: options.output, jobs: options.jobs, json: options.json ?? false });
  });

program
  .command('simulate')
  .description('write a synthetic fMRS crossover study with known truth (NIfTI-MRS, study.json, truth.csv)')
  .requiredOption('-o, --output <dir>', 'output folder')
  .option('--seed <n>', 'random seed', nonNegativeInteger, 1)
  .option('--subjects <n>', 'number of subjects (two visits each)', positiveInteger, 2)
  .option('--averages-per-transient <n>', 'excitations averaged into each stored transient', positiveInteger, 8)
  .option('--json', 'print a JSON summary')
  .action((options: { output: string; seed: number; subjects: number; averagesPerTransient: number; json?: boolean }) => {
    simulateCommand({ ...options, json: options.json ?? false });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const debug = program.opts<{ debug?: boolean }>().debug ?? false;
  if (error instanceof GlutraceError && !debug) {
    process.stderr.write(`glutrace: ${error.message}\n`);
  } else {
    process.stderr.write(`glutrace: ${debug && error instanceof Error ? error.stack : (error as Error).message}\n`);
  }
  process.exitCode = 1;
}
