import { benchmarkFile } from '../bench/benchmarkFile.js';
import { machineLine, renderCasesTable } from '../bench/markdownTable.js';
import type { SequenceName } from '../basis/pulseSequences.js';

export interface BenchCommandOptions {
  basis?: string;
  sequence?: SequenceName;
  repeats: number;
  json: boolean;
}

/** `glutrace bench FILE`: fitting, registration and session speed on the user's own data. */
export async function benchCommand(file: string, options: BenchCommandOptions): Promise<void> {
  const progress = !options.json && process.stderr.isTTY ? (title: string) => process.stderr.write(`bench: ${title}\n`) : undefined;
  const report = await benchmarkFile(file, { basis: options.basis, sequence: options.sequence, repeats: options.repeats, onProgress: progress });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  process.stdout.write(`${report.file} on ${machineLine(report.machine)}\n\n${renderCasesTable(report.cases)}\n`);
}
