import type { SessionCurve } from '../../types/timecourse.js';
import type { FailedSession, QcThresholds, ReportInput } from '../reportInput.js';
import { DEFAULT_CRLB_METABOLITES, extrasFor } from '../reportInput.js';
import { formatNumber } from '../svg/format.js';
import { heading, paragraph, table, type Cell } from './elements.js';

/** CRLBs of the metabolites the limit applies to, in the limit's order. */
function checkedCrlbs(crlbPct: Record<string, number> | undefined, limits: QcThresholds): [string, number][] {
  const names = limits.crlbMetabolites ?? DEFAULT_CRLB_METABOLITES;
  return names.flatMap((name): [string, number][] => (crlbPct && name in crlbPct ? [[name, crlbPct[name]]] : []));
}

/** The reasons a session fails the QC limits (empty when it passes). */
export function qcFlags(session: SessionCurve, crlbPct: Record<string, number> | undefined, limits: QcThresholds): string[] {
  const flags: string[] = [];
  if (!(session.qc.snr >= limits.minSnr)) flags.push(`SNR ${formatNumber(session.qc.snr, 1)} < ${limits.minSnr}`);
  if (!(session.qc.fwhmHz <= limits.maxFwhmHz)) flags.push(`FWHM ${formatNumber(session.qc.fwhmHz, 1)} Hz > ${limits.maxFwhmHz} Hz`);
  for (const [name, pct] of checkedCrlbs(crlbPct, limits)) {
    if (!(pct <= limits.maxCrlbPct)) flags.push(`${name} CRLB ${formatNumber(pct, 1)}% > ${limits.maxCrlbPct}%`);
  }
  return flags;
}

function worstCrlb(crlbPct: Record<string, number> | undefined, limits: QcThresholds): string {
  const entries = checkedCrlbs(crlbPct, limits).filter(([, v]) => Number.isFinite(v));
  if (!entries.length) return 'n/a';
  const [name, pct] = entries.reduce((worst, e) => (e[1] > worst[1] ? e : worst));
  return `${formatNumber(pct, 1)}% (${name})`;
}

export function qcSection(input: ReportInput): string {
  const limits = input.qcThresholds;
  const rows = input.sessions.map((session) => {
    const extras = extrasFor(input, session);
    const flags = qcFlags(session, extras?.crlbPct, limits);
    const status: Cell = flags.length ? { text: `FLAG: ${flags.join('; ')}`, className: 'flag' } : { text: 'pass', className: 'pass' };
    return [
      session.subject,
      session.visit,
      session.condition,
      formatNumber(session.qc.snr, 1),
      formatNumber(session.qc.fwhmHz, 1),
      session.qc.waterFwhmHz === null ? 'n/a' : formatNumber(session.qc.waterFwhmHz, 1),
      worstCrlb(extras?.crlbPct, limits),
      formatNumber(session.qc.driftRangeHz, 1),
      `${session.qc.transientsRejected} / ${session.qc.transientsTotal}`,
      status,
    ];
  });
  return [
    heading(2, 'Quality control', 'qc'),
    paragraph(`Limits: SNR ≥ ${limits.minSnr}, FWHM ≤ ${limits.maxFwhmHz} Hz, CRLB ≤ ${limits.maxCrlbPct}% for ${(limits.crlbMetabolites ?? DEFAULT_CRLB_METABOLITES).join(', ')}. Flagged sessions stay in the analysis; check them below.`),
    table(['Subject', 'Visit', 'Condition', 'SNR', 'FWHM (Hz)', 'Water FWHM (Hz)', 'Worst CRLB', 'Drift range (Hz)', 'Rejected / total', 'QC'], rows),
  ].join('\n');
}

export function failedSection(failed: readonly FailedSession[]): string {
  const body = failed.length
    ? table(['Subject', 'Visit', 'Reason'], failed.map((f) => [f.subject, f.visit, f.reason.split('\n')[0]]))
    : paragraph('Every session in the manifest was processed.', 'muted');
  return heading(2, 'Sessions that failed', 'failed') + '\n' + body;
}
