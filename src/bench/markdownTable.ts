import type { BenchmarkCase, Measurement } from './benchmarkCase.js';
import type { MachineInfo } from './machine.js';

/** Milliseconds with about three significant figures; seconds from 10 s up. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

function formatSpread(m: Measurement): string {
  if (m.timeMs.runs === 1) return '(1 run)';
  return m.timeMs.runs < 4
    ? `${formatMs(m.timeMs.min)} – ${formatMs(m.timeMs.max)} (min–max, ${m.timeMs.runs} runs)`
    : `${formatMs(m.timeMs.q1)} – ${formatMs(m.timeMs.q3)} (IQR, ${m.timeMs.runs} runs)`;
}

function formatRate(perSecond: number | null): string {
  if (perSecond === null) return '–';
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function machineLine(machine: MachineInfo): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.totalMemoryGB} GB, Node ${machine.nodeVersion}, ${machine.platform}; ` +
    `load average ${machine.loadAverage1Min} at the start`;
}

/** One row per case and worker count; the scaling efficiency sits on the row with the most workers. */
export function renderCasesTable(cases: readonly BenchmarkCase[]): string {
  const header = '| Benchmark | Workers | Median time | Spread | Per fit | Fits/s | Scaling | Peak RSS | Notes |';
  const rule = '|---|---:|---:|---|---:|---:|---:|---:|---|';
  const rows: string[] = [];
  for (const c of cases) {
    if (c.measurements.length === 0) {
      rows.push(`| ${escapeCell(c.title)} | – | – | – | – | – | – | – | ${escapeCell(c.note ?? '')} |`);
      continue;
    }
    const widest = Math.max(...c.measurements.map((m) => m.workers));
    c.measurements.forEach((m, i) => {
      const scaling = m.workers === widest && c.scalingEfficiency !== null ? `${(100 * c.scalingEfficiency).toFixed(0)} %` : '–';
      const cells = [
        i === 0 ? c.title : '″',
        String(m.workers),
        formatMs(m.timeMs.median),
        formatSpread(m),
        m.perFitMs === null ? '–' : formatMs(m.perFitMs),
        formatRate(m.fitsPerSecond),
        scaling,
        `${m.peakRssMB.toFixed(0)} MiB`,
        i === 0 ? (c.note ?? '') : '',
      ];
      rows.push(`| ${cells.map(escapeCell).join(' | ')} |`);
    });
  }
  return [header, rule, ...rows].join('\n');
}
