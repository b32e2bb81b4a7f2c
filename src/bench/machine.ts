import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** The machine a benchmark ran on, for the results table. */
export interface MachineInfo {
  cpuModel: string;
  /** Logical CPUs the process may use. */
  cores: number;
  nodeVersion: string;
  platform: string;
  totalMemoryGB: number;
  /** 1-minute load average when the benchmark started: other work on a shared machine slows timings. */
  loadAverage1Min: number;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    nodeVersion: process.version,
    platform: `${platform()} ${release()}`,
    totalMemoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage1Min: Math.round(loadavg()[0] * 100) / 100,
  };
}
