/**
 * A session's quality against the study's limits: SNR and NAA linewidth of its average spectrum, and the median
 * CRLB over its windows of the metabolites the outcome is made of. The report flags sessions outside the limits;
 * with `analysis.qc.excludeFailing` the study statistics leave them out.
 */
import type { FitResult } from '../types/fit.js';
import type { SessionCurve } from '../types/timecourse.js';
import { DETECTION_CHECKED_METABOLITES } from './baseline.js';

export interface QcThresholds {
  minSnr: number;
  /** Linewidth limit in ppm, so one limit suits every field; the report gives it in Hz at each session's field. */
  maxFwhmPpm: number;
  maxCrlbPct: number;
  /** Metabolites the CRLB limit applies to; defaults to the outcome measures' parts (DEFAULT_CRLB_METABOLITES). */
  crlbMetabolites?: readonly string[];
}

/** Minor metabolites routinely exceed any CRLB limit; the limit matters for what the study reports. */
export const DEFAULT_CRLB_METABOLITES: readonly string[] = DETECTION_CHECKED_METABOLITES;

const oneDecimal = (value: number): string => value.toFixed(1);

/** CRLBs of the metabolites the limit applies to, in the limit's order. */
export function checkedCrlbs(crlbPct: Record<string, number> | undefined, limits: QcThresholds): [string, number][] {
  const names = limits.crlbMetabolites ?? DEFAULT_CRLB_METABOLITES;
  return names.flatMap((name): [string, number][] => (crlbPct && name in crlbPct ? [[name, crlbPct[name]]] : []));
}

/** The linewidth limit in Hz at the session's field; NaN when the field is unknown. */
export function fwhmLimitHz(session: SessionCurve, limits: QcThresholds): number {
  const f0 = session.qc.spectrometerFrequencyMHz;
  return f0 !== undefined && f0 > 0 ? limits.maxFwhmPpm * f0 : Number.NaN;
}

function fwhmFlag(session: SessionCurve, limits: QcThresholds): string | null {
  const limitHz = fwhmLimitHz(session, limits);
  if (!Number.isFinite(limitHz)) return `FWHM not checked (field strength unknown; limit ${limits.maxFwhmPpm} ppm)`;
  if (session.qc.fwhmHz <= limitHz) return null;
  const f0 = session.qc.spectrometerFrequencyMHz!;
  return `FWHM ${oneDecimal(session.qc.fwhmHz)} Hz > ${oneDecimal(limitHz)} Hz (${limits.maxFwhmPpm} ppm at ${oneDecimal(f0)} MHz)`;
}

/** The reasons a session fails the QC limits (empty when it passes). */
export function qcFlags(session: SessionCurve, crlbPct: Record<string, number> | undefined, limits: QcThresholds): string[] {
  const flags: string[] = [];
  if (!(session.qc.snr >= limits.minSnr)) flags.push(`SNR ${oneDecimal(session.qc.snr)} < ${limits.minSnr}`);
  const fwhm = fwhmFlag(session, limits);
  if (fwhm) flags.push(fwhm);
  for (const [name, pct] of checkedCrlbs(crlbPct, limits)) {
    // Not detected is its own finding: a CRLB relative to a zero amplitude is no number to compare with a limit.
    if (pct === Number.POSITIVE_INFINITY) flags.push(`${name} not detected`);
    else if (Number.isNaN(pct)) flags.push(`${name} CRLB not available`);
    else if (!(pct <= limits.maxCrlbPct)) flags.push(`${name} CRLB ${oneDecimal(pct)}% > ${limits.maxCrlbPct}%`);
  }
  return flags;
}

/** Median of the numbers that are not NaN (Infinity counts, as an undetected metabolite's CRLB). */
function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : Number.NaN;
}

function crlbPercent(sd: number, amplitude: number): number {
  return amplitude > 0 ? (100 * sd) / amplitude : Number.POSITIVE_INFINITY;
}

/**
 * Median CRLB (% of the amplitude) over a session's window fits, per metabolite. A window where the metabolite
 * has zero amplitude counts as an infinite CRLB, so a metabolite missing from most windows reads as not detected.
 */
export function medianCrlbPercent(fits: (FitResult | null)[]): Record<string, number> {
  const names = new Set(fits.flatMap((f) => (f ? Object.keys(f.amplitudes) : [])));
  const out: Record<string, number> = {};
  for (const name of names) {
    const percents = fits.flatMap((f) => (f && name in f.amplitudes ? [crlbPercent(f.crlbSd[name], f.amplitudes[name])] : []));
    out[name] = median(percents);
  }
  return out;
}
