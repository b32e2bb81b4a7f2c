import { checkedCrlbs, DEFAULT_CRLB_METABOLITES, qcFlags, type QcThresholds } from '../../timecourse/sessionQc.js';
import type { SessionCurve } from '../../types/timecourse.js';
import type { FailedSession, ReportInput } from '../reportInput.js';
import { extrasFor } from '../reportInput.js';
import { formatNumber } from '../svg/format.js';
import { heading, paragraph, table, type Cell } from './elements.js';

/** The worst of the checked CRLBs; an undetected metabolite is worse than any finite CRLB. */
function worstCrlb(crlbPct: Record<string, number> | undefined, limits: QcThresholds): string {
  const checked = checkedCrlbs(crlbPct, limits);
  const undetected = checked.filter(([, v]) => v === Number.POSITIVE_INFINITY).map(([name]) => name);
  if (undetected.length) return `${undetected.join(', ')} not detected`;
  const entries = checked.filter(([, v]) => Number.isFinite(v));
  if (!entries.length) return 'n/a';
  const [name, pct] = entries.reduce((worst, e) => (e[1] > worst[1] ? e : worst));
  return `${formatNumber(pct, 1)}% (${name})`;
}

/** Linewidth in Hz, with ppm when the field is known. */
function fwhmCell(session: SessionCurve): string {
  const f0 = session.qc.spectrometerFrequencyMHz;
  const hz = formatNumber(session.qc.fwhmHz, 1);
  return f0 !== undefined && f0 > 0 ? `${hz} (${formatNumber(session.qc.fwhmHz / f0, 3)} ppm)` : hz;
}

/** "0.08 ppm (9.9 Hz at 123.2 MHz)" for each field among the sessions. */
function fwhmLimitText(sessions: readonly SessionCurve[], limits: QcThresholds): string {
  const fields = [...new Set(sessions.map((s) => s.qc.spectrometerFrequencyMHz).filter((f): f is number => f !== undefined && f > 0))].sort((a, b) => a - b);
  // Sessions at one field differ in the last digits of their frequency; one entry per field as printed.
  const inHz = [...new Set(fields.map((f0) => `${formatNumber(limits.maxFwhmPpm * f0, 1)} Hz at ${formatNumber(f0, 1)} MHz`))];
  return `${limits.maxFwhmPpm} ppm${inHz.length ? ` (${inHz.join('; ')})` : ''}`;
}

export function qcSection(input: ReportInput): string {
  const limits = input.qcThresholds;
  const rows = input.sessions.map((session) => {
    const extras = extrasFor(input, session);
    const flags = qcFlags(session, extras?.crlbPct, limits);
    const status: Cell = flags.length
      ? { text: `${input.qcExcludesFailing ? 'EXCLUDED' : 'FLAG'}: ${flags.join('; ')}`, className: 'flag' }
      : { text: 'pass', className: 'pass' };
    return [
      session.subject,
      session.visit,
      session.condition,
      formatNumber(session.qc.snr, 1),
      fwhmCell(session),
      session.qc.waterFwhmHz === null ? 'n/a' : formatNumber(session.qc.waterFwhmHz, 1),
      worstCrlb(extras?.crlbPct, limits),
      formatNumber(session.qc.driftRangeHz, 1),
      `${session.qc.transientsRejected} / ${session.qc.transientsTotal}`,
      status,
    ];
  });
  return [
    heading(2, 'Quality control', 'qc'),
    paragraph(`Limits: SNR ≥ ${limits.minSnr}, FWHM ≤ ${fwhmLimitText(input.sessions, limits)}, CRLB ≤ ${limits.maxCrlbPct}% for ${(limits.crlbMetabolites ?? DEFAULT_CRLB_METABOLITES).join(', ')}, each detected. ${input.qcExcludesFailing
      ? 'Sessions outside the limits are left out of the study statistics (analysis.qc.excludeFailing) and stay in the tables and plots.'
      : 'Flagged sessions stay in the analysis (a session leaves the statistics only when its outcome has no usable baseline; see the warnings); check them below.'}`),
    table(['Subject', 'Visit', 'Condition', 'SNR', 'FWHM, Hz (ppm)', 'Water FWHM (Hz)', 'Worst CRLB', 'Drift range (Hz)', 'Rejected / total', 'QC'], rows),
  ].join('\n');
}

export function failedSection(failed: readonly FailedSession[]): string {
  const body = failed.length
    ? table(['Subject', 'Visit', 'Reason'], failed.map((f) => [f.subject, f.visit, f.reason.split('\n')[0]]))
    : paragraph('Every session in the manifest was processed.', 'muted');
  return heading(2, 'Sessions that failed', 'failed') + '\n' + body;
}
