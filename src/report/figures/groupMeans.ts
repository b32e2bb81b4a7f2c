import type { StudyResult } from '../../types/study.js';
import { renderFigure } from '../svg/figure.js';
import { conditionColours, OKABE_ITO } from '../svg/palette.js';
import type { PanelSpec } from '../svg/types.js';
import { CONDITION_SHAPES, infusionShade, orderedConditions, pctChangeAxis, TIME_AXIS } from './common.js';

export interface GroupMeansOptions {
  infusionDurationMin: number;
  /** Defaults to the study's primary measure. */
  measure?: string;
}

function nRange(counts: readonly number[]): string {
  const finite = counts.filter(Number.isFinite);
  if (!finite.length) return 'n/a';
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}

function ciName(study: StudyResult): string {
  const level = study.settings?.confidence;
  return level !== undefined && Number.isFinite(level) ? `${Number((100 * level).toFixed(1))}% CI` : 'confidence interval';
}

/** Mean % change per condition with confidence bands, and beside it each between-condition difference. */
export function groupMeansFigure(study: StudyResult, options: GroupMeansOptions): string {
  const measure = options.measure ?? study.measure;
  const conditions = orderedConditions(study.conditions, study.conditions);
  const colours = conditionColours(conditions);
  const shapeOf = (condition: string) => CONDITION_SHAPES[Math.max(0, conditions.indexOf(condition)) % CONDITION_SHAPES.length];
  const means = study.meanCurves.filter((c) => c.measure === measure);
  const differences = study.differenceCurves.filter((d) => d.measure === measure);
  const shaded = infusionShade(options.infusionDurationMin);

  const meanPanel: PanelSpec = {
    title: `${measure}: mean per condition`,
    x: TIME_AXIS,
    y: pctChangeAxis(measure),
    shaded,
    referenceLines: [{ axis: 'y', value: 0 }],
    bands: means.map((c) => ({ x: c.tMin, low: c.ciLow, high: c.ciHigh, colour: colours.get(c.condition) ?? '#000000' })),
    series: means.map((c) => ({
      label: `${c.condition} (n = ${nRange(c.n)})`,
      x: c.tMin,
      y: c.mean,
      colour: colours.get(c.condition) ?? '#000000',
      line: { widthPx: 2 },
      marker: { shape: shapeOf(c.condition), sizePx: 6 },
    })),
  };
  const differencePanels: PanelSpec[] = differences.map((d) => ({
    title: `Difference: ${d.label}`,
    x: TIME_AXIS,
    y: { label: `Δ ${measure} change (percentage points)` },
    shaded,
    referenceLines: [{ axis: 'y', value: 0 }],
    bands: [{ x: d.tMin, low: d.ciLow, high: d.ciHigh, colour: OKABE_ITO.black, opacity: 0.15 }],
    series: [{ label: `${d.label} (n = ${nRange(d.n)})`, x: d.tMin, y: d.mean, colour: OKABE_ITO.black, line: { widthPx: 2 }, marker: { shape: 'diamond', sizePx: 6 } }],
  }));
  return renderFigure({
    title: `Group response — ${measure}`,
    subtitle: `Lines: mean across sessions per time bin; bands: ${ciName(study)} of the mean (none where n < 2)`,
    panels: [meanPanel, ...differencePanels],
    sharedX: true,
  });
}
