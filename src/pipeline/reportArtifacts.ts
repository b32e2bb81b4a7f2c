import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { renderFigureFiles, type FigureFile } from '../report/figureFiles.js';
import { renderReportHtml } from '../report/renderReportHtml.js';
import { formatNumber } from '../report/svg/format.js';
import type { StackedSpectrum } from '../report/figures/stackedSpectra.js';
import type { DynamicEffectRow, SessionReportExtras } from '../report/reportInput.js';
import type { DynamicFitResult } from '../fit/dynamic/dynamicFitTypes.js';
import { median } from '../preprocess/robustStats.js';
import { projectRoot } from '../util/projectRoot.js';
import type { SessionOutcome } from './processSession.js';
import { summariseWindowFitWarnings } from './fitWarningSummary.js';
import { processingMethods } from './methodsText.js';
import { renderPngsInThreads } from './renderPngs.js';
import type { StudyRun } from './runStudy.js';

const require = createRequire(import.meta.url);

/** Up to `count` window spectra spread evenly over the session, phased as fitted, for the stacked plot. */
function spectraOverTime(outcome: SessionOutcome, count = 8): StackedSpectrum[] {
  const fitted = outcome.windowFits.flatMap((fit, i) => (fit ? [{ fit, window: outcome.curve.windows[i] }] : []));
  const step = Math.max(1, (fitted.length - 1) / Math.max(1, count - 1));
  const picks = [...new Set(Array.from({ length: Math.min(count, fitted.length) }, (_, k) => Math.round(k * step)))];
  // labels as fine as the picked windows are apart: whole minutes for a 60-min session, 0.01 min for a 1-min one
  const spacingMin = picks.length > 1 ? (fitted[picks[picks.length - 1]].window.centreMin - fitted[picks[0]].window.centreMin) / (picks.length - 1) : 1;
  const decimals = spacingMin >= 1 ? 0 : Math.min(2, Math.ceil(-Math.log10(spacingMin)));
  return picks.map((i) => ({
    label: `${formatNumber(fitted[i].window.centreMin, decimals)} min`,
    ppm: fitted[i].fit.curves.ppm,
    real: fitted[i].fit.curves.data,
  }));
}

/** The report shows the ratios and the outcome measures' parts; betas.csv has every component. */
const REPORTED_DYNAMIC_MEASURES = new Set(['Glu', 'Gln', 'Glx', 'tNAA', 'tCr']);

export function dynamicEffectRows(fit: DynamicFitResult): DynamicEffectRow[] {
  const negative = new Set(fit.negativeBaseline);
  return fit.contrasts
    .filter((c) => c.kind === 'ratio' || REPORTED_DYNAMIC_MEASURES.has(c.measure))
    .map((c) => ({
      measure: c.measure,
      regressor: c.contrast,
      baseline: c.baseline,
      effect: c.effect,
      percentOfBaseline: c.percentOfBaseline,
      negativeBaseline: c.measure.split('/').some((part) => negative.has(part)) || c.baseline.value < 0,
    }));
}

function versions(): Record<string, string> {
  const version = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;
  const own = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return { glutrace: own.version, node: process.version, '@resvg/resvg-js': version('@resvg/resvg-js') };
}

/** The plots (SVG and PNG) and report.html of a run, as files relative to the output folder. */
export async function reportArtifacts(run: StudyRun): Promise<FigureFile[]> {
  const sessions = run.outcomes.map((o) => o.outcome.curve);
  const extras: SessionReportExtras[] = run.outcomes.map(({ job, outcome }, i) => ({
    subject: job.subject.id,
    visit: job.visit.id,
    qcTrace: {
      ...outcome.trace,
      windowCentresMin: Float64Array.from(outcome.curve.windows, (w) => w.centreMin),
      windowSnr: Float64Array.from(outcome.windowFits, (f) => f?.qc.snr ?? Number.NaN),
      windowFwhmHz: Float64Array.from(outcome.windowFits, (f) => f?.qc.fwhmHz ?? Number.NaN),
    },
    exampleFit: { label: 'Average of all accepted transients', curves: outcome.averageFit.curves },
    spectraOverTime: spectraOverTime(outcome),
    crlbPct: run.qc.crlbPct[i],
    dynamicEffects: outcome.dynamic ? dynamicEffectRows(outcome.dynamic.fit) : undefined,
    errors: [...outcome.warnings, ...outcome.trace.rejections.map((r) => r.reason), ...summariseWindowFitWarnings(outcome.windowFits)],
    acquisition: outcome.acquisition,
    processing: outcome.processing,
  }));
  const methods = processingMethods(run.manifest, run.outcomes.map(({ outcome }) => ({
    acquisition: outcome.acquisition,
    basis: outcome.basis,
    fittedComponents: Object.keys(outcome.averageFit.amplitudes),
    windowSpanMin: median(outcome.curve.windows.map((w) => w.endMin - w.startMin)),
  })));
  const figures = renderFigureFiles({ sessions, study: run.study, extras, infusionDurationMin: run.manifest.infusion.durationMin, png: false });
  const pngs = await renderPngsInThreads(figures.map((f) => f.contents as string));
  const rasters = figures.map((f, i) => ({ relativePath: f.relativePath.replace(/\.svg$/, '.png'), contents: pngs[i] }));
  const html = renderReportHtml({
    manifest: run.manifest,
    sessions,
    study: run.study,
    extras,
    failedSessions: run.failures.map((f) => ({ subject: f.subject, visit: f.visit, reason: f.message })),
    qcThresholds: run.qc.limits,
    qcExcludesFailing: run.qc.excludeFailing,
    versions: versions(),
    methods,
  });
  return [...figures, ...rasters, { relativePath: 'report.html', contents: html }];
}
