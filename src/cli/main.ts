#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import type { SequenceName } from '../basis/pulseSequences.js';
import { basisCommand } from './basisCommand.js';
import { benchCommand } from './benchCommand.js';
import { convertCommand } from './convertCommand.js';
import { fitCommand } from './fitCommand.js';
import { infoCommand } from './infoCommand.js';
import { messageWithOptionHint } from './headerHints.js';
import { readOptionsFrom, withHeaderOptions, type HeaderFlags } from './headerOptions.js';
import { packageVersion } from './packageVersion.js';
import { GlutraceError } from '../util/errors.js';
import { defaultJobs } from '../pipeline/workerPool.js';
import { runCommand } from './runCommand.js';
import { simulateCommand } from './simulateCommand.js';
import { DEFAULT_STUDY_SIMULATION } from '../simulate/simulateStudy.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
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
  .version(packageVersion(), '-V, --version', 'print the version')
  .option('--debug', 'show stack traces on errors');

// the command that ran, so an error message can name that command's options
let ranCommand: Command | undefined;
program.hook('preAction', (_program, actionCommand) => {
  ranCommand = actionCommand;
});

program
  .command('run')
  .description('process every session of a study manifest and write curves, statistics, plots and a report')
  .argument('<study>', 'study manifest (study.json)')
  .requiredOption('-o, --output <dir>', 'output folder')
  .addOption(new Option('-j, --jobs <n>', 'worker threads').argParser(positiveInteger).default(defaultJobs(), `CPU count, ${defaultJobs()}`))
  .option('--json', 'print a JSON summary instead of text; no progress bar')
  .option('--resume', 'reuse sessions already finished in the output folder (same inputs and settings)')
  .option('--save-spectra', 'also write each session\'s fitted spectra (window averages and the session average) as NIfTI-MRS in OUT/spectra/')
  .action(async (study: string, options: { output: string; jobs: number; json?: boolean; resume?: boolean; saveSpectra?: boolean }) => {
    process.exitCode = await runCommand({
      manifest: study, output: options.output, jobs: options.jobs, json: options.json ?? false, resume: options.resume ?? false, saveSpectra: options.saveSpectra ?? false,
    });
  });

program
  .command('simulate')
  .description('write a synthetic fMRS crossover study with known truth (NIfTI-MRS, study.json, truth.csv)')
  .requiredOption('-o, --output <dir>', 'output folder')
  .option('--seed <n>', 'random seed', nonNegativeInteger, 1)
  .option('--subjects <n>', 'number of subjects (two visits each)', positiveInteger, DEFAULT_STUDY_SIMULATION.subjects)
  .option('--averages-per-transient <n>', 'excitations averaged into each stored transient', positiveInteger, DEFAULT_STUDY_SIMULATION.averagesPerTransient)
  .option('--json', 'print a JSON summary')
  .action((options: { output: string; seed: number; subjects: number; averagesPerTransient: number; json?: boolean }) => {
    simulateCommand({ ...options, json: options.json ?? false });
  });

withHeaderOptions(program
  .command('info')
  .description('print the header facts of a scanner file (any supported format)')
  .argument('<file>', 'NIfTI-MRS, TWIX, RDA, DICOM, SDAT/SPAR, P-file, LCModel RAW, jMRUI or text'))
  .option('--json', 'print one JSON object')
  .action((file: string, options: HeaderFlags & { json?: boolean }) => infoCommand(file, readOptionsFrom(options), options.json ?? false));

withHeaderOptions(program
  .command('convert')
  .description('convert a scanner file to NIfTI-MRS')
  .argument('<file>', 'input file in any supported format'))
  .requiredOption('-o, --output <file>', 'output .nii or .nii.gz')
  .option('--json', 'print a JSON summary')
  .action((file: string, options: HeaderFlags & { output: string; json?: boolean }) => convertCommand(file, options.output, readOptionsFrom(options), options.json ?? false));

withHeaderOptions(program
  .command('fit')
  .description('fit one spectrum (transients aligned and averaged first) and report ratios, mM and CRLBs')
  .argument('<file>', 'metabolite data in any supported format'))
  .option('--basis <path>', 'basis file or folder (default: simulated for the data\'s field, TE and sampling)')
  .option('--water <file>', 'unsuppressed water reference (eddy-current correction and mM)')
  .addOption(new Option('--model <model>', 'fit model').choices(['lcm', 'peaks']).default('lcm'))
  .addOption(new Option('--sequence <name>', 'sequence of the simulated basis (default: from the header\'s sequence name, else press)').choices(['press', 'steam', 'slaser', 'pulse-acquire']))
  .option('--reference-deconvolution', 'with --water: correct the lineshape by reference deconvolution instead of eddy-current correction')
  .option('--no-macromolecules', 'add no built-in macromolecule lines to a basis that lacks them (phantoms)')
  .option('--json', 'print one JSON object')
  .action((file: string, options: HeaderFlags & { basis?: string; water?: string; model: 'lcm' | 'peaks'; sequence?: SequenceName; referenceDeconvolution?: boolean; macromolecules: boolean; json?: boolean }) => {
    fitCommand(file, { ...options, read: readOptionsFrom(options), json: options.json ?? false });
  });

program
  .command('bench')
  .description('measure fitting, registration and whole-session speed on your own file (medians over repeated runs)')
  .argument('<file>', 'metabolite data in any supported format')
  .option('--basis <path>', 'basis file or folder for the LCM cases (default: simulated)')
  .addOption(new Option('--sequence <name>', 'sequence of the simulated basis (default: from the header\'s sequence name, else press)').choices(['press', 'steam', 'slaser', 'pulse-acquire']))
  .option('--repeats <n>', 'timed runs of each single-spectrum case', positiveInteger, 30)
  .option('--json', 'print the report as one JSON object')
  .action(async (file: string, options: { basis?: string; sequence?: SequenceName; repeats: number; json?: boolean }) => {
    await benchCommand(file, { ...options, json: options.json ?? false });
  });

program
  .command('basis')
  .description('simulate a metabolite basis set (density matrix; ideal or shaped refocusing pulses) and write NIfTI-MRS and LCModel .BASIS files')
  .addOption(new Option('--sequence <name>', 'pulse sequence').choices(['press', 'steam', 'slaser', 'pulse-acquire']).default('press'))
  .requiredOption('--te <ms>', 'echo time, ms', positiveNumber)
  .option('--te1 <ms>', 'PRESS first echo time, ms (default TE/2)', positiveNumber)
  .option('--tm <ms>', 'STEAM mixing time, ms', positiveNumber)
  .option('--field <T>', 'field strength, tesla', positiveNumber)
  .option('--frequency <MHz>', 'spectrometer frequency, MHz (instead of --field)', positiveNumber)
  .option('--points <n>', 'complex points', positiveInteger, 2048)
  .option('--bandwidth <Hz>', 'spectral width, Hz', positiveNumber, 4000)
  .addOption(new Option('--pulses <kind>', 'refocusing pulses: ideal, or shaped slice-selective ones with spatial averaging (press, slaser)').choices(['ideal', 'shaped']).default('ideal'))
  .option('--positions <n>', 'slice positions per dimension with --pulses shaped (default 30)', positiveInteger)
  .option('--carrier <ppm>', 'transmitter frequency with --pulses shaped, ppm (default 3.0)', positiveNumber)
  .addOption(new Option('-j, --jobs <n>', 'worker threads for shaped pulses (1 = main thread only)').argParser(positiveInteger).default(defaultJobs(), `CPU count, ${defaultJobs()}`))
  .requiredOption('-o, --output <dir>', 'output folder')
  .option('--json', 'print a JSON summary')
  .action(async (options: { sequence: SequenceName; te: number; te1?: number; tm?: number; field?: number; frequency?: number; points: number; bandwidth: number; pulses: 'ideal' | 'shaped'; positions?: number; carrier?: number; jobs: number; output: string; json?: boolean }) => {
    await basisCommand({
      sequence: options.sequence, teMs: options.te, te1Ms: options.te1, tmMs: options.tm, fieldT: options.field, frequencyMHz: options.frequency,
      points: options.points, bandwidthHz: options.bandwidth, output: options.output, json: options.json ?? false,
      pulses: options.pulses, positions: options.positions, carrierPpm: options.carrier, jobs: options.jobs,
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const debug = program.opts<{ debug?: boolean }>().debug ?? false;
  const message = error instanceof GlutraceError ? messageWithOptionHint(error, ranCommand) : (error as Error).message;
  process.stderr.write(`glutrace: ${debug && error instanceof Error ? error.stack : message}\n`);
  // a --json caller reads stdout: it gets the error as the one object there
  if (ranCommand?.opts<{ json?: boolean }>().json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  process.exitCode = 1;
}
