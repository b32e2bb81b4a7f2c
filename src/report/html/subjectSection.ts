import type { SessionCurve } from '../../types/timecourse.js';
import { qcTraceFigure } from '../figures/qcTraces.js';
import { spectrumFitFigure } from '../figures/spectrumFit.js';
import { stackedSpectraFigure } from '../figures/stackedSpectra.js';
import { subjectOverlayFigure } from '../figures/subjectOverlay.js';
import { visitResponseFigure } from '../figures/visitResponse.js';
import { extrasFor, type DynamicEffectRow, type ReportInput } from '../reportInput.js';
import { formatNumber } from '../svg/format.js';
import { conditionColours } from '../svg/palette.js';
import { anchorId, figure, heading, list, paragraph, table, type CellInput } from './elements.js';

function metricsTable(session: SessionCurve): string {
  const rows = Object.entries(session.metrics)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([measure, m]) => [
      measure,
      formatNumber(m.peakPctChange, 1),
      formatNumber(m.timeToPeakMin, 1),
      formatNumber(m.aucInfusionPctMin, 0),
      formatNumber(m.aucPostPctMin, 0),
      formatNumber(m.earlySlopePctPerMin, 2),
      formatNumber(m.meanInfusionPctChange, 1),
    ]);
  if (!rows.length) return '';
  return table(['Measure', 'Peak change (%)', 'Time to peak (min)', 'AUC infusion (%·min)', 'AUC after (%·min)', 'Early slope (%/min)', 'Mean during infusion (%)'], rows, 'Session metrics');
}

const MAX_DISTINCT_MESSAGES = 15;

/** Repeated messages (e.g. one per rejected transient) collapsed to one line with a count. */
export function summariseMessages(messages: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const message of messages) counts.set(message, (counts.get(message) ?? 0) + 1);
  const lines = [...counts].map(([message, count]) => (count > 1 ? `${message} (×${count})` : message));
  if (lines.length <= MAX_DISTINCT_MESSAGES) return lines;
  return [...lines.slice(0, MAX_DISTINCT_MESSAGES), `… and ${lines.length - MAX_DISTINCT_MESSAGES} more distinct messages`];
}

function crlbTable(crlbPct: Record<string, number> | undefined): string {
  const entries = Object.entries(crlbPct ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return '';
  const cell = (pct: number): string => (pct === Number.POSITIVE_INFINITY ? 'not detected' : formatNumber(pct, 1));
  return table(entries.map(([name]) => name), [entries.map(([, pct]) => cell(pct))], 'CRLB (% of amplitude)');
}

/** Three significant digits in exponent notation, with true minus signs: "6.11e−7". */
function scientific(value: number): string {
  return Number.isFinite(value) ? value.toExponential(2).replace(/-/g, '−') : formatNumber(value, 0);
}

function dynamicEffectsTable(rows: readonly DynamicEffectRow[] | undefined): string {
  if (!rows?.length) return '';
  const withSd = (e: { value: number; sd: number }, digits: number): string => `${formatNumber(e.value, digits)} ± ${formatNumber(e.sd, digits)}`;
  // Levels in basis units can be tiny (e.g. 6e−7); fixed decimals would print them as 0.000.
  const level = (e: { value: number; sd: number }): string =>
    Math.abs(e.value) > 0 && Math.abs(e.value) < 0.01 ? `${scientific(e.value)} ± ${scientific(e.sd)}` : withSd(e, 3);
  const flagged = rows.filter((r) => r.negativeBaseline);
  const note = flagged.length
    ? paragraph(`Negative baseline level (flagged): ${[...new Set(flagged.map((r) => r.measure))].join(', ')}; its % of baseline has no meaning. A negative baseline β usually means the measure is not resolved in these data.`, 'flag')
    : '';
  const effects = table(
    ['Measure', 'Regressor', 'Baseline level', 'Change', 'Change (% of baseline)'],
    rows.map((r): CellInput[] => [
      r.measure,
      r.regressor,
      r.negativeBaseline ? { text: `${level(r.baseline)} (negative)`, className: 'flag' } : level(r.baseline),
      level(r.effect),
      r.negativeBaseline ? { text: 'n/a (negative baseline)', className: 'flag' } : withSd(r.percentOfBaseline, 1),
    ]),
    'Dynamic model: effect of each regressor (± SD); levels in basis units, ratios unitless',
  );
  return effects + note;
}

function visitHtml(input: ReportInput, session: SessionCurve, conditionOrder: readonly string[]): string {
  const extras = extrasFor(input, session);
  const label = `${session.subject} ${session.visit} (${session.condition})`;
  const parts = [
    heading(4, `Visit ${session.visit}: ${session.condition}`, anchorId(session.subject, session.visit)),
    figure(visitResponseFigure(session, { measures: input.responseMeasures, colour: colourOf(session.condition, conditionOrder) }), `Glutamate response, ${label}: % change from the pre-infusion baseline per window (estimate ± 1 SD); infusion shaded.`),
    metricsTable(session),
    crlbTable(extras?.crlbPct),
    dynamicEffectsTable(extras?.dynamicEffects),
  ];
  if (extras?.qcTrace) {
    parts.push(figure(qcTraceFigure(extras.qcTrace, { title: `Quality control — ${label}`, infusionDurationMin: session.infusionDurationMin }), `Frequency and phase corrections per transient (rejected transients marked), SNR and linewidth per window, ${label}.`));
  }
  if (extras?.exampleFit) {
    parts.push(figure(spectrumFitFigure(extras.exampleFit.curves, { title: `Example fit — ${label}, ${extras.exampleFit.label}` }), `Spectrum, model fit, baseline and residual, ${label}.`));
  }
  if (extras?.spectraOverTime?.length) {
    parts.push(figure(stackedSpectraFigure(extras.spectraOverTime, { title: `Spectra over time — ${label}` }), `Window-averaged spectra over the session, ${label}.`));
  }
  if (extras?.errors?.length) parts.push(paragraph('Problems met while processing this session:'), list(summariseMessages(extras.errors)));
  if (extras?.processing?.length) {
    parts.push(paragraph('Processing applied to this session\'s transients, in order:'), list(extras.processing.map((step) => `${step.method}: ${step.details}`)));
  }
  return parts.filter(Boolean).join('\n');
}

function colourOf(condition: string, conditionOrder: readonly string[]): string | undefined {
  return conditionColours(conditionOrder).get(condition);
}

/** One subject: both visits overlaid, then each visit's response, QC and example fit. */
export function subjectSection(input: ReportInput, subject: string, conditionOrder: readonly string[]): string {
  const sessions = input.sessions.filter((s) => s.subject === subject).sort((a, b) => a.visitOrder - b.visitOrder);
  const sex = sessions[0]?.sex ?? '';
  const parts = [heading(3, `Subject ${subject}${sex ? ` (${sex})` : ''}`, anchorId('subject', subject))];
  if (sessions.length > 1) {
    parts.push(figure(subjectOverlayFigure(sessions, { measures: input.responseMeasures, conditionOrder }), `Both visits of ${subject}, coloured by condition.`));
  }
  for (const session of sessions) parts.push(visitHtml(input, session, conditionOrder));
  return `<section class="subject">${parts.join('\n')}</section>`;
}
